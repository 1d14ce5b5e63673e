import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeCharset } from '../../src/mail/charset.ts';
import { decodeBase64, decodeQuotedPrintable, normalizeTransferEncoding } from '../../src/mail/transfer-encoding.ts';

describe('transfer encodings', () => {
  it('decodes quoted-printable with soft breaks (CRLF, LF, trailing space) and keeps bare =', () => {
    const out = decodeQuotedPrintable(Buffer.from('caf=C3=A9=\r\nlatte=\nmore= \r\n=3d=3D a=b =zz'));
    assert.equal(out.toString('utf8'), 'cafélattemore== a=b =zz');
  });

  it('decodes base64 across line breaks and stray characters', () => {
    assert.equal(decodeBase64(Buffer.from('SGVs\r\nbG8g\nd29y bGQ=')).toString(), 'Hello world');
    assert.equal(decodeBase64(Buffer.from('!!!')).length, 0);
  });

  it('normalises encoding names and their misspellings', () => {
    assert.equal(normalizeTransferEncoding(' Base64 '), 'base64');
    assert.equal(normalizeTransferEncoding('quoted printable'), 'quoted-printable');
    assert.equal(normalizeTransferEncoding('8bits'), '8bits');
  });
});

describe('decodeCharset', () => {
  it('decodes declared charsets, aliases and UTF-7', () => {
    assert.equal(decodeCharset(Buffer.from([0xe9]), 'ISO-8859-1'), 'é');
    assert.equal(decodeCharset(Buffer.from([0xb0, 0xa1]), 'ks_c_5601-1987'), '가');
    assert.equal(decodeCharset(Buffer.from('+AGEAYgBj-'), 'utf-7'), 'abc');
    assert.equal(decodeCharset(Buffer.from([0x80]), 'cp-1252'), '€');
  });

  it('guesses UTF-8, else windows-1252, for unknown or missing charsets', () => {
    assert.equal(decodeCharset(Buffer.from('é', 'utf8'), 'x-unknown'), 'é');
    assert.equal(decodeCharset(Buffer.from([0xe9]), ''), 'é');
    assert.equal(decodeCharset(Buffer.from([0x93, 0x94]), 'default_charset'), '\u201c\u201d');
  });
});
