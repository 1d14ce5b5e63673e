import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startMailnest } from '../../src/index.ts';
import type { Mailnest } from '../../src/index.ts';
import { browserSkip, launchBrowser, openInbox, row, screenshot } from './browser.ts';
import { send, until } from './mail.ts';

const HOSTILE_SUBJECT = '<img src=x onerror=alert(1)>';

/** Every payload sets window.pwned (or alerts): the test asserts neither ever happens. */
const HOSTILE_HTML = `<html><head><script>alert('head'); parent.pwned = top.pwned = 1;</script>
<meta http-equiv="refresh" content="0;url=javascript:alert('refresh')"></head>
<body onload="alert('onload'); top.pwned = 1">
<h1 id="hostile">Hostile body</h1>
<img src="x" onerror="alert('onerror'); top.pwned = 1">
<svg><script>alert('svg')</script></svg><svg onload="alert('svgload')"></svg>
<a id="js-link" href="javascript:alert('link');top.pwned=1">click me</a>
<a id="js-link-spaced" href=" JaVaScRiPt:alert('link2')">and me</a>
<a id="ok-link" href="https://example.com/">a real link</a>
<iframe src="javascript:alert('iframe')"></iframe>
<form action="javascript:alert('form')"><button id="form-button">go</button></form>
<object data="javascript:alert('object')"></object>
</body></html>`;

describe('web inbox safety', { skip: browserSkip }, () => {
  let browser: Browser;
  let nest: Mailnest;

  before(async () => {
    browser = await launchBrowser();
    nest = await startMailnest({ smtpPort: 0, httpPort: 0, db: 'memory' });
  });
  after(async () => {
    await browser?.close();
    await nest?.close();
  });

  it('carries a strict CSP that only runs the inbox’s own scripts', async () => {
    const { page, context } = await openInbox(browser, nest.url);
    try {
      const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      assert.match(policy ?? '', /script-src 'self'(;|$)/);
      assert.match(policy ?? '', /object-src 'none'/);
      const inlineScripts = await page.locator('script:not([src])').count();
      assert.equal(inlineScripts, 0);
    } finally {
      await context.close();
    }
  });

  it('runs nothing from a hostile message: subject, names, headers, HTML, links and file names', async () => {
    const { page, context, dialogs, errors } = await openInbox(browser, nest.url);
    try {
      const { id } = await send(nest.smtpPort, {
        from: { name: '<script>alert("from")</script>', address: 'evil@example.com' },
        to: [{ name: '<img src=x onerror=alert("to")>', address: 'dev@example.com' }],
        subject: HOSTILE_SUBJECT,
        text: '<script>alert("text")</script>',
        html: HOSTILE_HTML,
        headers: {
          'X-Evil': { prepared: true, value: '<script>alert("header")</script>' },
          'X-Tags': '<b onmouseover=alert(1)>tag</b>',
        },
        attachments: [
          { filename: '<img src=x onerror=alert("file")>.html', content: '<script>alert("attachment")</script>', contentType: 'text/html' },
        ],
      });

      // The list row shows every field as text.
      const hostileRow = row(page, id);
      await hostileRow.waitFor();
      assert.equal(await hostileRow.locator('.row-subject').textContent(), HOSTILE_SUBJECT);
      assert.match((await hostileRow.locator('.row-from').textContent()) ?? '', /<script>alert\("from"\)<\/script>/);
      assert.equal(await hostileRow.locator('.tag').count(), 1, 'the X-Tags header becomes one tag, shown as text');

      await hostileRow.locator('.row-link').click();
      await page.locator('.message-subject').waitFor();
      assert.equal(await page.locator('.message-subject').textContent(), HOSTILE_SUBJECT);
      assert.match((await page.locator('.attachment-name').textContent()) ?? '', /^<img src=x onerror=alert\("file"\)>\.html$/);

      // The HTML renders in the sandbox, under its own CSP, with script gone and javascript: links disarmed.
      const frameElement = page.locator('iframe.html-frame');
      const frame = page.frameLocator('iframe.html-frame');
      assert.equal(await frameElement.getAttribute('sandbox'), 'allow-popups allow-popups-to-escape-sandbox');
      await frame.locator('#hostile').waitFor();
      const srcdoc = (await frameElement.getAttribute('srcdoc')) ?? '';
      assert.match(srcdoc, /^<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; [^"]*script-src 'none'/);
      assert.doesNotMatch(srcdoc, /<script/i);
      assert.equal(await frame.locator('#js-link').getAttribute('href'), null);
      assert.equal(await frame.locator('#js-link-spaced').getAttribute('href'), null);
      assert.equal(await frame.locator('#ok-link').getAttribute('target'), '_blank');
      assert.equal(await frame.locator('#ok-link').getAttribute('rel'), 'noopener noreferrer');
      await frame.locator('#js-link').click();
      await frame.locator('#js-link-spaced').click();
      await frame.locator('#form-button').click();

      // Every other tab shows the hostile text as text.
      await page.getByRole('tab', { name: 'Text' }).click();
      assert.equal(await page.locator('.body-text').textContent(), '<script>alert("text")</script>');
      await page.getByRole('tab', { name: 'Headers' }).click();
      await page.locator('.headers td', { hasText: '<script>alert("header")</script>' }).waitFor();
      await page.getByRole('tab', { name: 'Raw' }).click();
      assert.match((await page.locator('.body-raw').textContent()) ?? '', /<script>alert\('head'\)/);
      await page.getByRole('tab', { name: 'HTML' }).click();
      await frame.locator('#hostile').waitFor();
      await screenshot(page, 'hostile-message');

      // Nothing ran: no dialog in any page of the context, no global set, no element injected.
      await page.bringToFront();
      assert.deepEqual(dialogs, []);
      assert.deepEqual(errors, []);
      assert.equal(await page.evaluate('typeof window.pwned'), 'undefined');
      assert.equal(await page.locator('body img, body script:not([src]), body svg script').count(), 0);
      assert.equal(context.pages().length, 1, 'no popup opened from a javascript: link');
    } finally {
      await context.close();
    }
  });

  it('loads remote images only while the toggle allows it', async () => {
    // A second loopback origin stands in for the internet.
    const hits: string[] = [];
    const remote = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(200, { 'Content-Type': 'image/gif' });
      res.end(Buffer.from('R0lGODlhAQABAAAAACwAAAAAAQABAAACAkQBADs=', 'base64'));
    });
    await new Promise<void>((resolve) => remote.listen(0, '127.0.0.1', resolve));
    const remoteUrl = `http://127.0.0.1:${(remote.address() as AddressInfo).port}`;
    const { page, context, console: consoleLines } = await openInbox(browser, nest.url);
    try {
      const on = await send(nest.smtpPort, { subject: 'remote on', html: `<p id="p">pixel</p><img src="${remoteUrl}/on.gif">` });
      const off = await send(nest.smtpPort, { subject: 'remote off', html: `<p id="p">pixel</p><img src="${remoteUrl}/off.gif">` });

      await row(page, on.id).locator('.row-link').click();
      const toggle = page.getByRole('checkbox', { name: 'Remote images' });
      assert.equal(await toggle.isChecked(), true, 'remote images load by default');
      await until('the remote image request', async () => hits, (h) => h.includes('/on.gif'));

      await toggle.uncheck();
      await row(page, off.id).locator('.row-link').click();
      await page.frameLocator('iframe.html-frame').locator('#p').waitFor();
      // The frame's own policy blocks the image before any request: Chromium reports it on the console.
      await until(
        'the CSP report for the blocked image',
        async () => consoleLines.some((line) => line.includes(`${remoteUrl}/off.gif`) && line.includes('Content Security Policy')),
        (found) => found,
      );
      assert.equal(hits.includes('/off.gif'), false, 'no request reached the remote server');
      await toggle.check();
      await until('the remote image once allowed again', async () => hits, (h) => h.includes('/off.gif'));
    } finally {
      await context.close();
      await new Promise<void>((resolve) => remote.close(() => resolve()));
    }
  });
});

