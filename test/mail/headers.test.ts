import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findHeaderEnd, parseHeaderFields } from '../../src/mail/header-block.ts';
import { canonicalHeaderKey, decodeEncodedWords, parseHeaders } from '../../src/mail/headers.ts';
import { crlf } from './fixtures.ts';

describe('canonicalHeaderKey', () => {
  it('canonicalises keys as Go does and leaves keys with non-token characters alone', () => {
    assert.equal(canonicalHeaderKey('message-id'), 'Message-Id');
    assert.equal(canonicalHeaderKey('CONTENT-TYPE'), 'Content-Type');
    assert.equal(canonicalHeaderKey('x-mailer'), 'X-Mailer');
    assert.equal(canonicalHeaderKey('mime-version'), 'Mime-Version');
    assert.equal(canonicalHeaderKey('bad key'), 'bad key');
  });
});

describe('parseHeaders', () => {
  it('returns every value in order, unfolded and not decoded, under canonical keys in sorted order', () => {
    const raw = crlf(
      'Received: from a',
      '\tby b',
      'subject: =?utf-8?q?Caf=C3=A9?=',
      'Received: from c',
      'X-Long: one',
      '   two   ',
      '  three',
      'message-id: <id@x>',
      '',
      'Body: not a header',
    );
    const headers = parseHeaders(raw);
    assert.deepEqual(Object.keys(headers), ['Message-Id', 'Received', 'Subject', 'X-Long']);
    assert.deepEqual(headers.Received, ['from a by b', 'from c']);
    assert.deepEqual(headers.Subject, ['=?utf-8?q?Caf=C3=A9?=']);
    assert.deepEqual(headers['X-Long'], ['one two three']);
  });

  it('reads LF-only messages, a missing blank line, an mbox From line and an empty message', () => {
    assert.deepEqual(parseHeaders(Buffer.from('From sender Tue Jul  1 10:00:00 2003\nSubject: a\nTo: b@x\n')), { Subject: ['a'], To: ['b@x'] });
    assert.deepEqual(parseHeaders(Buffer.alloc(0)), {});
    assert.deepEqual(parseHeaders(Buffer.from('\r\nSubject: in body')), {});
  });
});

describe('header sections', () => {
  it('finds the blank line with CRLF or LF and reports a section that never ends', () => {
    const raw = Buffer.from('A: 1\r\nB: 2\r\n\r\nbody');
    assert.deepEqual(findHeaderEnd(raw), { headerEnd: 12, bodyStart: 14, terminated: true });
    assert.deepEqual(findHeaderEnd(Buffer.from('A: 1\n\nbody')), { headerEnd: 5, bodyStart: 6, terminated: true });
    assert.deepEqual(findHeaderEnd(Buffer.from('A: 1\r\nB: 2')), { headerEnd: 10, bodyStart: 10, terminated: false });
  });

  it('counts lines that are not headers as malformed and skips them', () => {
    const raw = Buffer.from('A: 1\r\nnot a header\r\n: no name\r\nB: 2\r\n');
    const { fields, malformed } = parseHeaderFields(raw, 0, raw.length);
    assert.deepEqual(fields, [
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
    ]);
    assert.equal(malformed, 2);
  });
});

describe('decodeEncodedWords', () => {
  it('decodes Q and B words in any charset and joins adjacent words', () => {
    assert.equal(decodeEncodedWords('=?iso-8859-1?q?caf=E9?= =?utf-8?b?w6k=?= ok'), 'caféé ok');
    assert.equal(decodeEncodedWords('plain'), 'plain');
  });
});
