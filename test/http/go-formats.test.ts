import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentDisposition, safeContentType } from '../../src/http/content-disposition.ts';
import { decodeGoJson } from '../../src/http/go-json-body.ts';
import { encodeGoJson } from '../../src/http/go-json-encode.ts';
import { dateHeaderOffset, formatRfc3339 } from '../../src/http/go-time.ts';
import { blankJpeg } from '../../src/http/blank-jpeg.ts';
import { HttpError } from '../../src/http/errors.ts';

describe('Go time formatting (RFC3339Nano, as Mailpit prints Created and Date)', () => {
  const instant = Date.UTC(2025, 2, 8, 10, 58, 34, 665);

  it('prints milliseconds and a +hh:mm offset', () => {
    assert.equal(formatRfc3339(instant, 13 * 60), '2025-03-08T23:58:34.665+13:00');
  });

  it('trims trailing zeros of the fraction, as Go does', () => {
    assert.equal(formatRfc3339(Date.UTC(2025, 0, 1, 0, 0, 0, 650), 0), '2025-01-01T00:00:00.65Z');
    assert.equal(formatRfc3339(Date.UTC(2025, 0, 1, 0, 0, 0, 600), 0), '2025-01-01T00:00:00.6Z');
  });

  it('drops the fraction entirely on a whole second', () => {
    assert.equal(formatRfc3339(Date.UTC(2025, 0, 1, 0, 0, 0, 0), -7 * 60), '2024-12-31T17:00:00-07:00');
  });

  it('writes Z for a zero offset', () => {
    assert.equal(formatRfc3339(instant, 0), '2025-03-08T10:58:34.665Z');
  });

  it('reads the offset a Date header was written in', () => {
    assert.equal(dateHeaderOffset('Mon, 2 Jan 2006 15:04:05 -0700'), -420);
    assert.equal(dateHeaderOffset('Sat, 8 Mar 2025 23:58:34 +1300 (NZDT)'), 780);
    assert.equal(dateHeaderOffset('Sat, 8 Mar 2025 23:58:34 GMT'), 0);
    assert.equal(dateHeaderOffset('Sat, 8 Mar 2025 23:58:34 EST'), -300);
    assert.equal(dateHeaderOffset('yesterday'), null);
  });
});

describe('Go JSON request decoding', () => {
  it('matches field names case-insensitively, as encoding/json does', () => {
    assert.deepEqual(decodeGoJson('{"ids":["a"],"READ":true}', { IDs: 'string[]', Read: 'bool' }), { IDs: ['a'], Read: true });
  });

  it('treats null as the zero value and ignores unknown keys', () => {
    assert.deepEqual(decodeGoJson('{"IDs":null,"Other":1}', { IDs: 'string[]' }), {});
  });

  it('answers an empty body with EOF, as Go does', () => {
    assert.throws(() => decodeGoJson('', { IDs: 'string[]' }), (e: unknown) => e instanceof HttpError && e.status === 400 && e.message === 'EOF');
  });

  it('refuses malformed JSON and wrong types with a 400 naming the problem', () => {
    assert.throws(() => decodeGoJson('{nope', { IDs: 'string[]' }), (e: unknown) => e instanceof HttpError && e.status === 400 && /invalid JSON/.test(e.message));
    assert.throws(() => decodeGoJson('{"Read":"yes"}', { Read: 'bool' }), /cannot unmarshal string into Go struct field \.Read of type bool/);
    assert.throws(() => decodeGoJson('[1]', { Read: 'bool' }), /cannot unmarshal array/);
  });
});

describe('Go JSON encoding', () => {
  it('escapes <, >, & and the JS line separators as json.Marshal does', () => {
    const text = encodeGoJson({ Subject: '<b>Tom & Jerry</b>\u2028' });
    assert.equal(text, '{"Subject":"\\u003cb\\u003eTom \\u0026 Jerry\\u003c/b\\u003e\\u2028"}');
    assert.deepEqual(JSON.parse(text), { Subject: '<b>Tom & Jerry</b>\u2028' });
  });
});

describe('Content-Disposition for attacker-chosen file names', () => {
  it('keeps a plain ASCII name as it is', () => {
    assert.equal(contentDisposition('inline', 'report.pdf'), 'inline; filename="report.pdf"');
  });

  it('encodes quotes, CR/LF and non-ASCII (RFC 6266 filename*)', () => {
    const value = contentDisposition('inline', 'ré"sumé\r\nX-Evil: 1.pdf');
    assert.doesNotMatch(value, /[\r\n]/);
    assert.equal(value, `inline; filename="r__sum_X-Evil: 1.pdf"; filename*=UTF-8''r%C3%A9%22sum%C3%A9X-Evil%3A%201.pdf`);
  });

  it('reduces a hostile Content-Type to a valid media type', () => {
    assert.equal(safeContentType('text/html; charset="utf-8"; x=\r\ny'), 'text/html; charset=utf-8');
    assert.equal(safeContentType('<script>'), 'application/octet-stream');
  });
});

describe('blank thumbnail', () => {
  it('is a 180x120 baseline JPEG', () => {
    const jpeg = blankJpeg();
    assert.deepEqual([...jpeg.subarray(0, 2)], [0xff, 0xd8]);
    assert.deepEqual([...jpeg.subarray(-2)], [0xff, 0xd9]);
    const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
    assert.ok(sof > 0);
    assert.equal(jpeg.readUInt16BE(sof + 5), 120);
    assert.equal(jpeg.readUInt16BE(sof + 7), 180);
  });
});
