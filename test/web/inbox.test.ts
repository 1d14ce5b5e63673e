import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startMailnest } from '../../src/index.ts';
import type { Mailnest } from '../../src/index.ts';
import { browserSkip, launchBrowser, openInbox, row, rowSeenAt, screenshot } from './browser.ts';
import { SmtpSession } from '../helpers/smtp-session.ts';
import { PIXEL_PNG, send, until } from './mail.ts';

describe('web inbox', { skip: browserSkip }, () => {
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
  beforeEach(async () => {
    const response = await fetch(`${nest.url}api/v1/messages`, { method: 'DELETE' });
    assert.equal(response.status, 200);
  });

  const mail = (message: Parameters<typeof send>[1]) => send(nest.smtpPort, message);
  const subjects = (page: import('playwright-core').Page) => page.locator('.row .row-subject').allTextContents();

  it('shows mail sent over SMTP at the top of the list as it arrives, newest first, with its marks', async (t) => {
    const { page, context, errors } = await openInbox(browser, nest.url);
    try {
      await page.getByText('No messages yet').waitFor();
      // A bare SMTP session timestamps the 250 the moment it arrives (nodemailer resolves later).
      const { session } = await SmtpSession.connect(nest.smtpPort);
      await session.command('EHLO web-test');
      const latencies: number[] = [];
      try {
        for (let i = 0; i < 4; i++) {
          const tags = i === 3 ? 'X-Tags: signup\r\n' : '';
          const raw = `From: "Ada Lovelace" <ada@example.com>\r\nTo: dev@example.com\r\nSubject: Live ${i}\r\n${tags}\r\nBody number ${i} with some words\r\n`;
          const reply = await session.send('ada@example.com', ['dev@example.com'], raw);
          const at250 = Date.now();
          assert.equal(reply.code, 250, reply.text);
          const id = /queued as ([0-9A-Za-z]{22})/.exec(reply.text)?.[1] ?? '';
          await row(page, id).waitFor();
          latencies.push((await rowSeenAt(page, id)) - at250);
        }
      } finally {
        await session.quit();
      }
      const sorted = [...latencies].sort((x, y) => x - y);
      t.diagnostic(`SMTP 250 -> row in the page: ${latencies.join(', ')} ms (median ${(sorted[1]! + sorted[2]!) / 2} ms; negative: the row was there before the 250 reached the client)`);
      const { id: fourth } = await mail({
        from: '"Ada Lovelace" <ada@example.com>',
        subject: 'Live 4',
        text: 'Body number 4 with some words',
        attachments: [{ filename: 'report.csv', content: 'a,b\n1,2\n' }],
      });
      // The 250 can reach us before the page has drawn the row the event brought.
      await row(page, fourth).waitFor();

      assert.deepEqual(await subjects(page), ['Live 4', 'Live 3', 'Live 2', 'Live 1', 'Live 0']);
      const top = page.locator('.row').first();
      assert.equal(await top.locator('.row-from').textContent(), 'Ada Lovelace');
      assert.match((await top.locator('.row-snippet').textContent()) ?? '', /Body number 4 with some words/);
      assert.match((await top.locator('.row-size').textContent()) ?? '', /^\d+(\.\d)? (B|kB)$/);
      assert.equal(await top.locator('.mark[title="1 attachment"]').count(), 1);
      assert.equal(await top.getAttribute('class').then((c) => c?.includes('unread')), true);
      assert.deepEqual(await page.locator('.row').nth(1).locator('.tag').allTextContents(), ['signup']);
      assert.equal(await page.locator('.row').nth(2).locator('.mark').count(), 0);
      await until('unread count in the title', () => page.title(), (title) => title === '(5) Mailnest');
      assert.equal(await page.locator('.pager .range').textContent(), '1–5 of 5');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('shows the list and the live stream that were ready before the page finished its first paint', async () => {
    const first = await mail({ subject: 'already here' });
    const context = await browser.newContext();
    context.setDefaultTimeout(10_000);
    try {
      const page = await context.newPage();
      // Stop the page's clock: timers and animation frames (where Preact runs effects, such as the
      // view's subscription) wait, while the network does not. The list answer and the event
      // stream's first frame then land before the view subscribes, as on a busy machine.
      await page.clock.install({ time: new Date('2026-01-01T00:00:00Z') });
      await page.clock.pauseAt(new Date('2026-01-01T00:00:01Z'));
      const listed = page.waitForResponse((response) => /\/api\/v1\/messages\?/.test(response.url()));
      const streamed = new Promise<void>((resolve) => {
        page.on('websocket', (ws) => ws.once('framereceived', () => resolve()));
      });
      await page.goto(nest.url);
      await listed;
      await streamed;
      await page.clock.runFor(1000);
      await row(page, first.id).waitFor();
      await page.locator('.live.on').waitFor();
      assert.equal(await page.title(), '(1) Mailnest');
    } finally {
      await context.close();
    }
  });

  it('opens a message with its headers, body tabs, attachments and raw download', async () => {
    const { page, context, errors } = await openInbox(browser, nest.url);
    try {
      const { id } = await mail({
        from: '"Grace Hopper" <grace@example.com>',
        to: 'Dev Team <dev@example.com>',
        cc: 'cc-person@example.com',
        bcc: 'hidden@example.com',
        subject: 'Quarterly numbers',
        text: 'Plain text version of the numbers.',
        html: '<h1 id="title" style="color:#0a7">Hello from the HTML part</h1><p>With an inline logo: <img id="logo" src="cid:logo@mailnest" alt="logo"></p>',
        attachments: [
          { filename: 'logo.png', content: PIXEL_PNG, cid: 'logo@mailnest' },
          { filename: 'numbers.csv', content: 'q,n\nQ1,42\n', contentType: 'text/csv' },
        ],
      });
      await row(page, id).locator('.row-link').click();

      await until('the message hash', async () => page.url(), (url) => url.endsWith(`#/m/${id}`));
      await page.locator('.message-subject', { hasText: 'Quarterly numbers' }).waitFor();
      const meta = Object.fromEntries(
        await page.locator('.meta-row').evaluateAll((rows) =>
          rows.map((r) => [r.querySelector('dt')?.textContent ?? '', r.querySelector('dd')?.textContent ?? '']),
        ),
      ) as Record<string, string>;
      assert.equal(meta.From, 'Grace Hopper <grace@example.com>');
      assert.equal(meta.To, 'Dev Team <dev@example.com>');
      assert.equal(meta.Cc, 'cc-person@example.com');
      assert.equal(meta.Bcc, 'hidden@example.com', 'envelope-only recipients show as Bcc');
      assert.match(meta.Date ?? '', /\d/);

      const frame = page.locator('iframe.html-frame');
      assert.equal(await frame.getAttribute('sandbox'), 'allow-popups allow-popups-to-escape-sandbox');
      await page.frameLocator('iframe.html-frame').locator('#title', { hasText: 'Hello from the HTML part' }).waitFor();
      const logo = page.frameLocator('iframe.html-frame').locator('#logo');
      assert.match((await logo.getAttribute('src')) ?? '', /^data:image\/png;base64,/, 'the cid: image is inlined from its part');
      await until('the cid: image to render', () => logo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), (w) => w === 1);

      // Preview widths.
      await page.getByRole('button', { name: '375' }).click();
      assert.equal((await frame.boundingBox())?.width, 375);
      await page.getByRole('button', { name: '768' }).click();
      assert.equal((await frame.boundingBox())?.width, 768);
      await page.getByRole('button', { name: 'Desktop' }).click();

      // Attachments download from the API.
      const csv = page.locator('.attachment', { hasText: 'numbers.csv' });
      assert.match((await csv.textContent()) ?? '', /text\/csv/);
      const csvBody = await (await fetch(new URL((await csv.getAttribute('href'))!, page.url()))).text();
      assert.equal(csvBody.replace(/\r\n/g, '\n'), 'q,n\nQ1,42\n');
      const raw = await fetch(new URL((await page.locator('a[download$=".eml"]').first().getAttribute('href'))!, page.url()));
      assert.equal(raw.status, 200);
      assert.match(raw.headers.get('content-disposition') ?? '', /attachment/);

      await page.getByRole('tab', { name: 'Text' }).click();
      assert.equal(await page.locator('.body-text').textContent(), 'Plain text version of the numbers.');
      await page.getByRole('tab', { name: 'Headers' }).click();
      await page.locator('.headers th', { hasText: /^Subject$/ }).waitFor();
      await page.getByRole('tab', { name: 'Raw' }).click();
      assert.match((await page.locator('.body-raw').textContent()) ?? '', /Subject: Quarterly numbers/);

      // Opening marked it read, everywhere the page shows it.
      await until('the row to turn read', () => row(page, id).getAttribute('class'), (c) => !!c?.includes(' read'));
      await until('the title without unread count', () => page.title(), (title) => title === 'Mailnest');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('narrows the list with Mailpit search syntax as you type, and keeps the results live', async () => {
    const { page, context } = await openInbox(browser, nest.url);
    try {
      await mail({ from: 'alice@example.com', subject: 'alpha launch', text: 'first' });
      await mail({ from: 'bob@example.com', subject: 'beta plan', text: 'the quarterly report is attached' });
      await mail({ from: 'carol@example.com', subject: 'gamma files', text: 'see file', attachments: [{ filename: 'g.txt', content: 'g' }] });
      await until('three rows', () => page.locator('.row').count(), (n) => n === 3);

      const search = page.getByRole('searchbox', { name: 'Search messages' });
      const expectRows = (query: string, expected: string[]) =>
        until(`rows for ${query}`, () => subjects(page), (rows) => JSON.stringify(rows) === JSON.stringify(expected));

      await search.fill('subject:alpha');
      await expectRows('subject:alpha', ['alpha launch']);
      await search.fill('from:bob');
      await expectRows('from:bob', ['beta plan']);
      await search.fill('has:attachment');
      await expectRows('has:attachment', ['gamma files']);
      await search.fill('"quarterly report"');
      await expectRows('a phrase', ['beta plan']);
      await search.fill('-subject:alpha');
      await expectRows('a negation', ['gamma files', 'beta plan']);

      await search.fill('subject:alpha');
      await expectRows('subject:alpha', ['alpha launch']);
      await mail({ subject: 'alpha two', text: 'x' });
      await mail({ subject: 'not matching', text: 'y' });
      await expectRows('a live search hit', ['alpha two', 'alpha launch']);

      await search.press('Escape');
      await expectRows('the cleared search', ['not matching', 'alpha two', 'gamma files', 'beta plan', 'alpha launch']);
    } finally {
      await context.close();
    }
  });

  it('removes deleted messages and shows read changes in every open page', async () => {
    const a = await openInbox(browser, nest.url);
    const b = await openInbox(browser, nest.url);
    try {
      const one = await mail({ subject: 'one' });
      const two = await mail({ subject: 'two' });
      const three = await mail({ subject: 'three' });
      await until('three rows in B', () => b.page.locator('.row').count(), (n) => n === 3);

      // Delete the open message in A: B loses it, A moves on to the next (older) one.
      await row(a.page, two.id).locator('.row-link').click();
      await a.page.locator('.message-subject', { hasText: 'two' }).waitFor();
      await a.page.locator('.message-toolbar').getByRole('button', { name: 'Delete' }).click();
      await row(b.page, two.id).waitFor({ state: 'detached' });
      await row(a.page, two.id).waitFor({ state: 'detached' });
      await a.page.locator('.message-subject', { hasText: 'one' }).waitFor();

      // Read state set in A shows in B.
      await until('one read in B', () => row(b.page, one.id).getAttribute('class'), (c) => !!c?.includes(' read'));
      await row(a.page, three.id).locator('.row-select').check();
      await a.page.getByRole('button', { name: 'Mark read' }).click();
      await until('three read in B', () => row(b.page, three.id).getAttribute('class'), (c) => !!c?.includes(' read'));

      // A delete through the API reaches both pages.
      const response = await fetch(`${nest.url}api/v1/messages`, {
        method: 'DELETE',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ IDs: [three.id] }),
      });
      assert.equal(response.status, 200);
      await row(a.page, three.id).waitFor({ state: 'detached' });
      await row(b.page, three.id).waitFor({ state: 'detached' });

      // Mark all read reaches B.
      await a.page.keyboard.press('Escape');
      const four = await mail({ subject: 'four' });
      const five = await mail({ subject: 'five' });
      await until('two unread rows in B', () => b.page.locator('.row.unread').count(), (n) => n === 2);
      await a.page.getByRole('button', { name: 'Mark all read' }).click();
      await until('no unread rows in B', () => b.page.locator('.row.unread').count(), (n) => n === 0);

      // Delete selected asks first.
      await row(a.page, four.id).locator('.row-select').check();
      await row(a.page, five.id).locator('.row-select').check();
      await a.page.locator('.list-toolbar').getByRole('button', { name: 'Delete' }).click();
      const dialog = a.page.getByRole('dialog');
      await dialog.getByText('Delete 2 selected messages?').waitFor();
      await dialog.getByRole('button', { name: 'Delete 2' }).click();
      await row(b.page, four.id).waitFor({ state: 'detached' });
      await row(b.page, five.id).waitFor({ state: 'detached' });

      // Delete all asks first; cancelling keeps everything.
      await a.page.getByRole('button', { name: 'Delete all' }).click();
      await dialog.getByText(/^Delete all \d+ messages\? This cannot be undone\.$/).waitFor();
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
      assert.equal(await a.page.locator('.row').count(), 1);
      await a.page.getByRole('button', { name: 'Delete all' }).click();
      await dialog.getByRole('button', { name: 'Delete all' }).click();
      await b.page.getByText('No messages yet').waitFor();
      await a.page.getByText('No messages yet').waitFor();
      assert.deepEqual(a.dialogs, [], 'confirmation uses the page, not window.confirm');
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  it('keeps a read change that arrives while a list answer is in flight, instead of the older answer', async () => {
    const { page, context } = await openInbox(browser, nest.url);
    try {
      const one = await mail({ subject: 'one' });
      const two = await mail({ subject: 'two' });
      const three = await mail({ subject: 'three' });
      await until('three rows', () => page.locator('.row').count(), (n) => n === 3);

      // Hold the next list answer: the server builds it now, the page gets it only when released.
      let captured!: () => void;
      const answerBuilt = new Promise<void>((resolve) => (captured = resolve));
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      await page.route(/\/api\/v1\/messages\?/, async (route) => {
        const response = await route.fetch();
        const page1 = (await response.json()) as { messages: { ID: string; Subject: string }[] };
        captured();
        await released;
        // Rename a row so the test can see when the page has drawn this (older) answer.
        for (const m of page1.messages) if (m.ID === two.id) m.Subject = 'two, as listed';
        await route.fulfill({ response, json: page1 });
      }, { times: 1 });

      // A delete elsewhere makes the page reload its list.
      const deleted = await fetch(`${nest.url}api/v1/messages`, {
        method: 'DELETE',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ IDs: [three.id] }),
      });
      assert.equal(deleted.status, 200);
      await answerBuilt;

      // While that answer is held, `one` is read elsewhere; the page hears it over the event stream.
      const read = await fetch(`${nest.url}api/v1/messages`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ IDs: [one.id], Read: true }),
      });
      assert.equal(read.status, 200);
      await until('one read', () => row(page, one.id).getAttribute('class'), (c) => !!c?.includes(' read'));

      release();
      await page.getByText('two, as listed').waitFor();
      assert.match((await row(page, one.id).getAttribute('class')) ?? '', / read/, 'the older answer must not undo the read');
      // Counts come from throttled `stats` frames; they settle on the truth.
      await until('title with one unread', () => page.title(), (title) => title === '(1) Mailnest');
      assert.equal(await page.locator('.row').count(), 2);
    } finally {
      await context.close();
    }
  });

  it('pages through the list 50 at a time and keeps the first page live', async () => {
    const { page, context } = await openInbox(browser, nest.url);
    const { session } = await SmtpSession.connect(nest.smtpPort);
    try {
      await session.command('EHLO web-test');
      for (let i = 0; i < 55; i++) {
        const reply = await session.send('bulk@example.com', ['dev@example.com'], `Subject: bulk ${i}\r\n\r\nbulk body ${i}\r\n`);
        assert.equal(reply.code, 250, reply.text);
      }
      const range = page.locator('.pager .range');
      await until('the first page', () => range.textContent(), (text) => text === '1–50 of 55');
      assert.equal(await page.locator('.row').count(), 50);
      assert.equal(await page.locator('.row .row-subject').first().textContent(), 'bulk 54');

      await page.getByRole('button', { name: 'Older' }).click();
      await until('the second page', () => range.textContent(), (text) => text === '51–55 of 55');
      assert.deepEqual(await subjects(page), ['bulk 4', 'bulk 3', 'bulk 2', 'bulk 1', 'bulk 0']);
      assert.equal(await page.getByRole('button', { name: 'Older' }).isDisabled(), true);

      await page.getByRole('button', { name: 'Newer' }).click();
      await until('the first page again', () => range.textContent(), (text) => text === '1–50 of 55');
      await mail({ subject: 'bulk new' });
      await until('the new message on top', () => range.textContent(), (text) => text === '1–50 of 56');
      assert.equal(await page.locator('.row .row-subject').first().textContent(), 'bulk new');
      assert.equal(await page.locator('.row').count(), 50, 'the page stays 50 rows long');
    } finally {
      await session.quit();
      await context.close();
    }
  });

  it('moves with j/k, opens with Enter, goes back with Esc, deletes with Delete and focuses search with /', async () => {
    const { page, context } = await openInbox(browser, nest.url);
    try {
      const k0 = await mail({ subject: 'k0' });
      const k1 = await mail({ subject: 'k1' });
      const k2 = await mail({ subject: 'k2' });
      await until('three rows', () => page.locator('.row').count(), (n) => n === 3);
      const focusedRow = () => page.evaluate(`document.activeElement?.closest('.row')?.getAttribute('data-id') ?? null`);
      const focusedTag = () => page.evaluate(`document.activeElement?.tagName + ':' + (document.activeElement?.getAttribute('type') ?? '')`);

      await page.keyboard.press('j');
      assert.equal(await focusedRow(), k2.id);
      await page.keyboard.press('j');
      assert.equal(await focusedRow(), k1.id);
      await page.keyboard.press('j');
      await page.keyboard.press('k');
      assert.equal(await focusedRow(), k1.id);
      assert.match((await row(page, k1.id).getAttribute('class')) ?? '', /cursor/);

      await page.keyboard.press('Enter');
      await page.locator('.message-subject', { hasText: 'k1' }).waitFor();
      await page.keyboard.press('j');
      await page.locator('.message-subject', { hasText: 'k0' }).waitFor();
      await page.keyboard.press('k');
      await page.locator('.message-subject', { hasText: 'k1' }).waitFor();
      await page.keyboard.press('Escape');
      await page.locator('.message-pane').waitFor({ state: 'detached' });
      await until('focus back on the row', focusedRow, (id) => id === k1.id);

      await page.keyboard.press('/');
      assert.equal(await focusedTag(), 'INPUT:search');
      await page.keyboard.press('Escape');
      assert.equal(await focusedTag(), 'BODY:');

      // The cursor stayed on k1 while the search box had focus.
      await page.keyboard.press('j');
      assert.equal(await focusedRow(), k0.id);
      await page.keyboard.press('k');
      assert.equal(await focusedRow(), k1.id);
      await page.keyboard.press('Delete');
      await row(page, k1.id).waitFor({ state: 'detached' });
      assert.deepEqual(await subjects(page), ['k2', 'k0']);
    } finally {
      await context.close();
    }
  });

  it('says when the event stream drops, reconnects, and catches up on what it missed', async () => {
    const { page, context } = await openInbox(browser, nest.url);
    try {
      let up = true;
      const sockets: Array<{ close(): Promise<void> }> = [];
      // Route the page's WebSocket through Playwright so the test can cut it and refuse reconnects.
      await page.routeWebSocket(/api\/events/, (ws) => {
        if (!up) {
          void ws.close({ code: 1011, reason: 'test: server unreachable' });
          return;
        }
        ws.connectToServer();
        sockets.push(ws);
      });
      await page.reload();
      await page.locator('.live.on').waitFor();
      up = false;
      await Promise.all(sockets.map((ws) => ws.close()));
      const notice = page.locator('.connection-notice');
      await page.locator('.connection-notice.warning').waitFor();
      assert.match((await notice.textContent()) ?? '', /lost.*Reconnecting/);
      assert.equal(await page.locator('.live').textContent(), 'Offline');

      const missed = await mail({ subject: 'sent while offline' });
      up = true;
      await page.locator('.connection-notice.ok').waitFor({ timeout: 10_000 });
      assert.match((await notice.textContent()) ?? '', /Reconnected/);
      await row(page, missed.id).waitFor();
      await page.locator('.connection-notice').waitFor({ state: 'hidden', timeout: 10_000 });

      // And it is live again.
      const after = await mail({ subject: 'after reconnect' });
      await row(page, after.id).waitFor();
    } finally {
      await context.close();
    }
  });

  it('works under a --webroot, with every URL relative to it', async () => {
    const rooted = await startMailnest({ smtpPort: 0, httpPort: 0, db: 'memory', webroot: '/mail/' });
    try {
      assert.match(rooted.url, /\/mail\/$/);
      const { page, context, errors } = await openInbox(browser, rooted.url);
      try {
        const { id } = await send(rooted.smtpPort, { subject: 'under a webroot', html: '<p id="p">rooted</p>' });
        await row(page, id).locator('.row-link').click();
        await page.frameLocator('iframe.html-frame').locator('#p', { hasText: 'rooted' }).waitFor();
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    } finally {
      await rooted.close();
    }
  });

  it('looks right: list, message, phone width and dark mode (screenshots in test-output/screenshots)', async () => {
    await mail({ from: '"Acme Shop" <orders@acme.test>', subject: 'Your order #4512 has shipped', html: newsletter('Your order is on its way'), text: 'Your order is on its way' });
    await mail({ from: 'noreply@github.test', subject: '[mailnest] CI passed on main', text: 'All checks have passed.', headers: { 'X-Tags': 'ci' } });
    await mail({ from: '"Billing" <billing@acme.test>', subject: 'Invoice INV-2291', text: 'Your invoice is attached.', attachments: [{ filename: 'INV-2291.pdf', content: Buffer.from('%PDF-1.4 test'), contentType: 'application/pdf' }] });
    const { id } = await mail({ from: '"Ada Lovelace" <ada@example.com>', to: 'dev@example.com', cc: 'team@example.com', subject: 'Welcome to Mailnest, Ada!', html: newsletter('Welcome aboard'), text: 'Welcome aboard' });

    for (const variant of [
      { name: 'desktop', options: { viewport: { width: 1280, height: 800 } } },
      { name: 'phone-375', options: { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true } },
      { name: 'dark', options: { viewport: { width: 1280, height: 800 }, colorScheme: 'dark' as const } },
    ]) {
      const { page, context, errors, console: consoleLines } = await openInbox(browser, nest.url, variant.options);
      try {
        await until('four rows', () => page.locator('.row').count(), (n) => n === 4);
        // j puts keyboard focus on the first row, so the shot shows the focus ring too.
        await page.keyboard.press('j');
        await screenshot(page, `${variant.name}-list`);
        const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
        assert.equal(overflow, 0, `${variant.name}: the list fits the window width`);
        await row(page, id).locator('.row-link').click();
        await page.frameLocator('iframe.html-frame').locator('h1', { hasText: 'Welcome aboard' }).waitFor();
        await screenshot(page, `${variant.name}-message`);
        const messageOverflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
        assert.equal(messageOverflow, 0, `${variant.name}: the message view fits the window width`);
        assert.deepEqual(errors, []);
        assert.deepEqual(consoleLines.filter((line) => /Content Security Policy|Refused/.test(line)), [], 'the inbox keeps to its own CSP');
      } finally {
        await context.close();
      }
    }
  });
});

function newsletter(headline: string): string {
  return `<!doctype html><html><head><style>
    body { margin: 0; background: #f2f4f7; font-family: Arial, sans-serif; }
    .card { max-width: 560px; margin: 24px auto; background: #fff; border-radius: 8px; padding: 28px; }
    h1 { color: #1d3f8f; font-size: 24px; margin: 0 0 12px; }
    .cta { display: inline-block; background: #1d3f8f; color: #fff; padding: 10px 18px; border-radius: 6px; text-decoration: none; }
  </style></head><body><div class="card"><h1>${headline}</h1>
  <p>Thanks for trying Mailnest. This message was captured by the SMTP server and rendered in a sandboxed frame.</p>
  <p><a class="cta" href="https://example.com/start">Get started</a></p></div></body></html>`;
}
