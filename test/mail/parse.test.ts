import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { parseMessage } from '../../src/mail/parse.ts';
import { crlf, MIXED } from './fixtures.ts';

describe('parseMessage', () => {
  it('gives text, HTML, headers and the Date of a multipart message', async () => {
    const p = await parseMessage(MIXED);
    assert.equal(p.text, 'Plain body');
    assert.match(p.html, /^<html><body><p>HTML <b>body<\/b><\/p>/);
    assert.deepEqual(p.headers['Message-Id'], ['<report-1@example.com>']);
    assert.deepEqual(p.headers['Mime-Version'], ['1.0']);
    assert.equal(p.date, Date.UTC(2003, 6, 1, 8, 52, 37));
    assert.equal(p.parseError, undefined);
  });

  it('numbers parts by enmime MIME path and splits attachments from inline parts as Mailpit does', async () => {
    const p = await parseMessage(MIXED);
    assert.deepEqual(
      p.attachments.map((a) => [a.partId, a.fileName, a.contentType, a.contentId]),
      [['2', 'report.pdf', 'application/pdf', '']],
    );
    assert.deepEqual(
      p.inline.map((a) => [a.partId, a.fileName, a.contentType, a.contentId]),
      [['1.2', 'logo@example.com', 'image/png', 'logo@example.com']],
    );
  });

  it('gives decoded content, size and MD5/SHA1/SHA256 checksums of each part', async () => {
    const p = await parseMessage(MIXED);
    const pdf = p.attachments[0];
    const content = Buffer.from('JVBERi0xLjQK', 'base64');
    assert.deepEqual(pdf.content, content);
    assert.equal(pdf.size, content.length);
    assert.deepEqual(pdf.checksums, {
      MD5: createHash('md5').update(content).digest('hex'),
      SHA1: createHash('sha1').update(content).digest('hex'),
      SHA256: createHash('sha256').update(content).digest('hex'),
    });
  });

  it('numbers top-level parts 1, 2 and a single-part body 0', async () => {
    const single = await parseMessage(crlf('Content-Type: image/gif; name=a.gif', 'Content-Transfer-Encoding: base64', '', 'R0lGODlh'));
    assert.deepEqual(single.attachments.map((a) => a.partId), ['0']);
    const two = await parseMessage(
      crlf('Content-Type: multipart/mixed; boundary=b', '', '--b', '', 'text', '--b', 'Content-Type: text/csv; name=a.csv', 'Content-Disposition: attachment', '', 'a,b', '--b--'),
    );
    assert.deepEqual(two.attachments.map((a) => [a.partId, a.fileName]), [['2', 'a.csv']]);
    assert.equal(two.text, 'text');
  });

  it('leaves out parts with neither a file name nor a Content-ID, and decodes encoded file names', async () => {
    const p = await parseMessage(
      crlf(
        'Content-Type: multipart/mixed; boundary=b',
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'body',
        '--b',
        'Content-Type: application/octet-stream',
        '',
        'nameless',
        '--b',
        'Content-Type: application/octet-stream',
        "Content-Disposition: attachment; filename*=utf-8''r%C3%A9sum%C3%A9.txt",
        '',
        'named',
        '--b',
        'Content-Type: text/plain; name="=?utf-8?q?=C3=BCber.txt?="',
        'Content-Disposition: attachment',
        '',
        'named too',
        '--b--',
      ),
    );
    assert.deepEqual(p.attachments.map((a) => [a.partId, a.fileName]), [
      ['3', 'résumé.txt'],
      ['4', 'über.txt'],
    ]);
    assert.equal(p.text, 'body');
  });

  it('lists an inline application/octet-stream part once, as an attachment', async () => {
    const p = await parseMessage(
      crlf(
        'Content-Type: multipart/mixed; boundary=b',
        '',
        '--b',
        '',
        'body',
        '--b',
        'Content-Type: application/octet-stream; name=data.bin',
        'Content-Disposition: inline',
        '',
        'bytes',
        '--b',
        'Content-Type: message/rfc822; name=fwd.eml',
        '',
        'Subject: forwarded',
        '',
        'inner',
        '--b--',
      ),
    );
    assert.deepEqual(p.attachments.map((a) => a.partId), ['2']);
    // message/rfc822 without a disposition is one of enmime's "other parts": Mailpit lists it as inline.
    assert.deepEqual(p.inline.map((a) => [a.partId, a.fileName, a.contentType]), [['3', 'fwd.eml', 'message/rfc822']]);
  });

  it('reads Content-IDs as enmime does: angle brackets off, URL escapes decoded', async () => {
    const p = await parseMessage(
      crlf('Content-Type: multipart/related; boundary=b', '', '--b', 'Content-Type: text/html', '', '<img src="cid:a?b c">', '--b', 'Content-Type: image/gif', 'Content-ID: <a%3fb+c>', '', 'GIF', '--b--'),
    );
    assert.deepEqual(p.inline.map((a) => [a.partId, a.contentId, a.fileName]), [['2', 'a?b c', 'a?b c']]);
  });

  it('reads Content-Type parameters after a doubled semicolon', async () => {
    const p = await parseMessage(crlf('Content-Type: multipart/alternative;; boundary="foo"', '', '--foo', '', 'The better part', '--foo--'));
    assert.equal(p.text, 'The better part');
    assert.equal(p.parseError, undefined);
  });

  it('joins the text parts of a mixed message with "\\n--\\n" and takes the first of an alternative', async () => {
    const mixed = await parseMessage(crlf('Content-Type: multipart/mixed; boundary=b', '', '--b', '', 'one', '--b', '', 'two', '--b--'));
    assert.equal(mixed.text, 'one\n--\ntwo');
    const alt = await parseMessage(crlf('Content-Type: multipart/alternative; boundary=b', '', '--b', '', 'one', '--b', '', 'two', '--b--'));
    assert.equal(alt.text, 'one');
  });

  it('derives the text from the HTML when there is no text part, as enmime does', async () => {
    const p = await parseMessage(crlf('Content-Type: text/html; charset=utf-8', '', '<p>First</p><p>Second &amp; last</p><style>p{}</style>'));
    assert.equal(p.text, 'First\n\nSecond & last');
    assert.match(p.html, /<p>First<\/p>/);
  });

  it('converts text from its declared charset', async () => {
    const raw = Buffer.concat([
      Buffer.from('Content-Type: text/plain; charset=windows-1251\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'),
      Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]),
    ]);
    assert.equal((await parseMessage(raw)).text, 'Привет');
  });

  it('parses List-Unsubscribe links, errors and List-Unsubscribe-Post as Mailpit does', async () => {
    const ok = await parseMessage(
      crlf('List-Unsubscribe: <mailto:unsub@example.com>, <https://example.com/u?id=1>', 'List-Unsubscribe-Post: List-Unsubscribe=One-Click', '', 'x'),
    );
    assert.deepEqual(ok.listUnsubscribe, {
      Header: '<mailto:unsub@example.com>, <https://example.com/u?id=1>',
      Links: ['mailto:unsub@example.com', 'https://example.com/u?id=1'],
      Errors: '',
      HeaderPost: 'List-Unsubscribe=One-Click',
    });
    const bad = await parseMessage(crlf('List-Unsubscribe: https://example.com/u', '', 'x'));
    assert.deepEqual(bad.listUnsubscribe.Links, []);
    assert.match(bad.listUnsubscribe.Errors, /no valid unsubscribe links/);
    const none = await parseMessage(crlf('Subject: x', '', 'x'));
    assert.deepEqual(none.listUnsubscribe, { Header: '', Links: [], Errors: '', HeaderPost: '' });
  });

  it('never rejects, whatever the input', async () => {
    for (const raw of [Buffer.alloc(0), Buffer.from('\0\0\0'), Buffer.from('Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n--x--'), Buffer.from('no colon here\nat all')]) {
      const p = await parseMessage(raw);
      assert.equal(typeof p.text, 'string');
      assert.ok(Array.isArray(p.attachments));
    }
    assert.match((await parseMessage(Buffer.alloc(0))).parseError ?? '', /empty/);
  });
});
