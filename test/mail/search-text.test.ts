import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSearchText, cleanSearchText, SEARCH_BODY_LIMIT } from '../../src/mail/search-text.ts';

describe('cleanSearchText', () => {
  it('drops what Mailpit drops, collapses whitespace and lowercases', () => {
    assert.equal(cleanSearchText('"Bob, Jr." <Bob@Example.com>;\t(work)\r\n\uFEFFHi'), 'bob jr. bob@example.com work hi');
  });

  it('reads typographic quotes and dashes as ASCII and removes invisible characters', () => {
    assert.equal(cleanSearchText('Don’t “quote” – wait…'), "don't quote - wait...");
    assert.equal(cleanSearchText('hel\u200Blo wo\u00ADrld'), 'hello world');
  });
});

describe('buildSearchText', () => {
  it('puts headers, the body and attachment names in that order', () => {
    assert.equal(buildSearchText({ headers: ['A <a@x>', '', 'Subject'], body: 'Body', attachmentNames: ['F.PDF'] }), 'a a@x subject body f.pdf');
  });

  it('caps the body at a word boundary, keeping attachment names', () => {
    const text = buildSearchText({ headers: ['h'], body: 'word '.repeat(1000), attachmentNames: ['name.txt'] });
    assert.ok(text.length <= SEARCH_BODY_LIMIT + 20);
    assert.ok(text.endsWith('word name.txt'));
  });

  it('widens its window when whitespace shrinks the body', () => {
    const text = buildSearchText({ headers: [], body: ' '.repeat(10000) + 'late', attachmentNames: [] });
    assert.equal(text, 'late');
  });
});
