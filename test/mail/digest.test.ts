import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { digestMessage, SEARCH_BODY_LIMIT } from '../../src/mail/digest.ts';
import { crlf, envelope, MIXED } from './fixtures.ts';

describe('digestMessage', () => {
  it('summarises a multipart message: addresses, subject, ids, date, counts, snippet', () => {
    const d = digestMessage(MIXED, envelope({ rcptTo: ['bob@example.com'] }));
    assert.deepEqual(d.from, { Name: 'Alice Example', Address: 'alice@example.com' });
    assert.deepEqual(d.to, [{ Name: 'Bob', Address: 'bob@example.com' }]);
    assert.deepEqual(d.cc, []);
    assert.deepEqual(d.bcc, []);
    assert.equal(d.subject, 'Report');
    assert.equal(d.messageId, 'report-1@example.com');
    assert.equal(d.date, Date.UTC(2003, 6, 1, 8, 52, 37));
    assert.equal(d.attachments, 1);
    assert.equal(d.inline, 1);
    assert.equal(d.snippet, 'HTML body');
    assert.equal(d.parseError, undefined);
  });

  it('lists envelope recipients missing from To and Cc as Bcc, ignoring case and duplicates', () => {
    const raw = crlf('From: a@example.com', 'To: Bob <Bob@Example.com>', 'Cc: carol@example.com', 'Bcc: dave@example.com', 'Subject: x', '', 'hi');
    const d = digestMessage(raw, envelope({ rcptTo: ['bob@example.com', 'CAROL@example.com', 'dave@example.com', 'eve@example.com', 'eve@example.com'] }));
    assert.deepEqual(d.bcc, [
      { Name: '', Address: 'dave@example.com' },
      { Name: '', Address: 'eve@example.com' },
    ]);
  });

  it('takes Return-Path from the header, else MAIL FROM, else the From address', () => {
    const withHeader = crlf('Return-Path: <bounces@example.com>', 'From: a@example.com', '', 'x');
    assert.equal(digestMessage(withHeader, envelope()).returnPath, 'bounces@example.com');
    const noHeader = crlf('From: a@example.com', '', 'x');
    assert.equal(digestMessage(noHeader, envelope({ mailFrom: 'env@example.com' })).returnPath, 'env@example.com');
    assert.equal(digestMessage(noHeader, envelope({ mailFrom: '' })).returnPath, 'a@example.com');
  });

  it('derives tags from X-Tags and plus-addressing, cleaned, de-duplicated and sorted', () => {
    const raw = crlf(
      'From: news+weekly@example.com',
      'To: me+Alpha+beta@example.com, other@example.com',
      'X-Tags: urgent, Billing! , urgent,  ,alpha',
      'Subject: tags',
      '',
      'x',
    );
    const d = digestMessage(raw, envelope({ rcptTo: ['hidden+secret@example.com'] }));
    // X-Tags come first, so its spelling of "alpha" wins; Go's sort.Strings puts upper case first.
    assert.deepEqual(d.tags, ['Billing', 'alpha', 'beta', 'secret', 'urgent', 'weekly']);
  });

  it('decodes RFC 2047 subjects and names, and keeps internationalized addresses intact', () => {
    const raw = crlf(
      'From: =?utf-8?q?J=C3=B6rg_M=C3=BCller?= <jörg@bücher.example>',
      'To: =?iso-8859-1?b?Qmr2cms=?= <bjork@example.is>',
      'Subject: =?utf-8?B?w4FydsOtenTFsXLFkQ==?= =?utf-8?q?_t=C3=BCk=C3=B6rf=C3=BAr=C3=B3g=C3=A9p?=',
      '',
      'x',
    );
    const d = digestMessage(raw, envelope());
    assert.equal(d.subject, 'Árvíztűrő tükörfúrógép');
    assert.deepEqual(d.from, { Name: 'Jörg Müller', Address: 'jörg@bücher.example' });
    assert.equal(d.to[0].Name, 'Björk');
  });

  it('reads raw 8-bit headers as UTF-8 when valid and as latin1 otherwise', () => {
    const utf8 = Buffer.from('Subject: Grüße aus Köln\r\nFrom: Zoë <zoe@example.com>\r\n\r\nx', 'utf8');
    assert.equal(digestMessage(utf8, envelope()).subject, 'Grüße aus Köln');
    const latin1 = Buffer.from('Subject: Grüße aus Köln\r\n\r\nx', 'latin1');
    assert.equal(digestMessage(latin1, envelope()).subject, 'Grüße aus Köln');
  });

  it('reads each 8-bit header on its own, so UTF-8 and latin1 headers can sit side by side', () => {
    const raw = Buffer.concat([Buffer.from('Subject: Grüße\r\n', 'utf8'), Buffer.from('From: Zoë <zoe@example.com>\r\n\r\nx', 'latin1')]);
    const d = digestMessage(raw, envelope());
    assert.equal(d.subject, 'Grüße');
    assert.equal(d.from.Name, 'Zoë');
  });

  it('leaves From empty when the header is missing (the envelope sender only feeds Return-Path)', () => {
    const d = digestMessage(crlf('Subject: no from', '', 'x'), envelope({ mailFrom: 'env@example.com' }));
    assert.deepEqual(d.from, { Name: '', Address: '' });
    assert.equal(d.returnPath, 'env@example.com');
  });

  it('never throws on broken input and says what it could not read', () => {
    const cases: Array<[string, Buffer]> = [
      ['empty', Buffer.alloc(0)],
      ['only headers, no blank line', Buffer.from('From: a@example.com\r\nSubject: only headers')],
      ['no headers at all', Buffer.from('\r\njust a body')],
      ['NUL bytes', Buffer.from('Subject: nul\0here\r\n\r\nbody\0with\0nuls')],
      ['garbage', Buffer.from([0xff, 0xfe, 0x00, 0x0a, 0x0d, 0x3a, 0x3d, 0x3f])],
      ['multipart without boundary', crlf('Content-Type: multipart/mixed', '', 'body text')],
      ['unterminated multipart', crlf('Content-Type: multipart/mixed; boundary=b', '', '--b', 'Content-Type: text/plain', '', 'cut off')],
      ['unknown charset', crlf('Content-Type: text/plain; charset=x-no-such-charset', '', 'caf\u00e9')],
      ['bad base64', crlf('Content-Type: text/plain', 'Content-Transfer-Encoding: base64', '', '!!!not base64***')],
      ['broken encoded word', crlf('Subject: =?utf-8?q?broken', '', 'x')],
      ['deep nesting', Buffer.from(Array.from({ length: 200 }, (_, i) => `Content-Type: multipart/mixed; boundary=b${i}\r\n\r\n--b${i}\r\n`).join(''))],
    ];
    for (const [name, raw] of cases) {
      const d = digestMessage(raw, envelope());
      assert.equal(typeof d.subject, 'string', name);
      assert.equal(typeof d.searchText, 'string', name);
      assert.ok(Array.isArray(d.to), name);
    }
    assert.match(digestMessage(Buffer.alloc(0), envelope()).parseError ?? '', /empty/);
    assert.match(digestMessage(crlf('Content-Type: multipart/mixed', '', 'body'), envelope()).parseError ?? '', /boundary/);
    assert.match(
      digestMessage(crlf('Content-Type: multipart/mixed; boundary=b', '', '--b', '', 'cut off'), envelope()).parseError ?? '',
      /not closed/,
    );
  });

  it('keeps the subject of a message that is only headers, and the body text of one without a blank line before it', () => {
    const d = digestMessage(Buffer.from('Subject: just headers\r\nFrom: a@example.com\r\n'), envelope());
    assert.equal(d.subject, 'just headers');
    assert.equal(d.snippet, '');
    const body = digestMessage(crlf('Subject: s', '', 'Hello', '', 'world'), envelope());
    assert.equal(body.snippet, 'Hello world');
  });

  it('decodes quoted-printable and legacy charsets for the snippet', () => {
    const raw = Buffer.concat([
      Buffer.from('Subject: q\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n'),
      Buffer.from('Caf=E9 cr=E8me=\r\n br=FBl=E9e\r\n'),
    ]);
    assert.equal(digestMessage(raw, envelope()).snippet, 'Café crème brûlée');
    const koi8 = Buffer.concat([Buffer.from('Content-Type: text/plain; charset=koi8-r\r\n\r\n'), Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4])]);
    assert.equal(digestMessage(koi8, envelope()).snippet, 'Привет');
  });

  it('cuts the snippet at 200 bytes on a character boundary and appends ...', () => {
    const long = 'é'.repeat(150);
    const d = digestMessage(crlf('Content-Type: text/plain; charset=utf-8', '', long), envelope());
    assert.ok(d.snippet.endsWith('...'));
    assert.ok(Buffer.byteLength(d.snippet.slice(0, -3)) <= 200);
    assert.ok(/^é+$/.test(d.snippet.slice(0, -3)));
  });

  it('builds lowercased, punctuation-free search text with headers, body and attachment names', () => {
    const d = digestMessage(MIXED, envelope({ rcptTo: ['bob@example.com', 'Hidden@Example.com'] }));
    for (const part of ['alice example alice@example.com', 'report', 'bob bob@example.com', 'hidden@example.com', 'html body', 'report.pdf']) {
      assert.ok(d.searchText.includes(part), `${part} in ${d.searchText}`);
    }
    assert.doesNotMatch(d.searchText, /[<>",;()A-Z]/);
  });

  it('caps the body part of the search text so the in-memory index stays bounded', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `word${i}`).join(' ');
    const d = digestMessage(crlf('Subject: big', 'Content-Type: text/plain', '', words, 'FINALWORD'), envelope());
    assert.ok(d.searchText.length <= SEARCH_BODY_LIMIT + 200, `length ${d.searchText.length}`);
    assert.ok(d.searchText.includes('word1 '));
    assert.ok(!d.searchText.includes('finalword'));
  });

  it('counts attachments without decoding them, however large they are', () => {
    const b64 = Buffer.alloc(3 * 1024 * 1024, 7).toString('base64').replace(/.{76}/g, '$&\r\n');
    const raw = crlf(
      'Content-Type: multipart/mixed; boundary=XX',
      '',
      '--XX',
      'Content-Type: text/plain',
      '',
      'small body',
      '--XX',
      'Content-Type: application/octet-stream; name=blob.bin',
      'Content-Transfer-Encoding: base64',
      '',
      b64,
      '--XX--',
    );
    const d = digestMessage(raw, envelope());
    assert.equal(d.attachments, 1);
    assert.equal(d.snippet, 'small body');
    assert.ok(d.searchText.includes('blob.bin'));
  });

  it('counts inline leaf parts only, not a multipart marked inline', () => {
    const raw = crlf(
      'Content-Type: multipart/mixed; boundary=m',
      '',
      '--m',
      'Content-Type: multipart/alternative; boundary=a',
      'Content-Disposition: inline',
      '',
      '--a',
      'Content-Type: text/plain',
      '',
      'hello',
      '--a--',
      '--m',
      'Content-Type: image/jpeg; name=photo.jpg',
      'Content-Disposition: inline; filename=photo.jpg',
      '',
      'JPEG',
      '--m--',
    );
    const d = digestMessage(raw, envelope());
    assert.equal(d.inline, 1);
    assert.equal(d.attachments, 0);
  });

  it('counts a message that is one non-text body as one attachment (enmime), and inline parts as inline', () => {
    const pdf = crlf('Content-Type: application/pdf; name=a.pdf', 'Content-Transfer-Encoding: base64', '', 'JVBERi0xLjQK');
    assert.equal(digestMessage(pdf, envelope()).attachments, 1);
    const inlineText = crlf('Content-Type: text/plain', 'Content-Disposition: inline', '', 'hello');
    const d = digestMessage(inlineText, envelope());
    assert.equal(d.attachments, 0);
    assert.equal(d.snippet, 'hello');
  });
});
