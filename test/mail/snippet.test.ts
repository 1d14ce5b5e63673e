import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSnippet } from '../../src/mail/snippet.ts';

describe('createSnippet', () => {
  it('prefers the HTML part, stripped to text', () => {
    assert.equal(createSnippet('text version', '<html><head><title>T</title></head><body><p>Hello</p><p>World</p></body></html>'), 'Hello World');
  });

  it('collapses whitespace in the text part', () => {
    assert.equal(createSnippet('  Hello\r\n\r\n\tworld\uFEFF!  ', ''), 'Hello world !');
  });

  it('cuts at 200 bytes and appends ...', () => {
    const s = createSnippet('a'.repeat(300), '');
    assert.equal(s, 'a'.repeat(200) + '...');
    assert.equal(createSnippet('a'.repeat(200), ''), 'a'.repeat(200));
  });

  it('never splits a multi-byte character (and drops the one at the cut, as Mailpit does)', () => {
    // The cut falls inside the 67th euro sign: it goes.
    assert.equal(createSnippet('a' + '€'.repeat(100), ''), 'a' + '€'.repeat(66) + '...');
    // The cut falls right after the 66th: Go's truncate drops it too.
    assert.equal(createSnippet('aa' + '€'.repeat(100), ''), 'aa' + '€'.repeat(65) + '...');
  });

  it('finds text after a long run of whitespace', () => {
    assert.equal(createSnippet(' '.repeat(5000) + 'late text', ''), 'late text');
  });

  it('is empty for empty bodies', () => {
    assert.equal(createSnippet('', ''), '');
    assert.equal(createSnippet('   ', '  '), '');
  });
});
