import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractLinks } from '../../src/client/index.ts';

describe('extractLinks', () => {
  it('lists HTML hrefs then text URLs, in order and without duplicates', () => {
    const links = extractLinks({
      HTML: '<p><a href="https://app.test/confirm?a=1&amp;b=2">Confirm</a> <a class="x" href=\'https://app.test/help\'>help</a> <a href="https://app.test/help">again</a></p>',
      Text: 'Confirm: https://app.test/confirm?a=1&b=2\nOr read https://docs.test/page.',
    });
    assert.deepEqual(links, ['https://app.test/confirm?a=1&b=2', 'https://app.test/help', 'https://docs.test/page']);
  });

  it('skips fragments, mailto:, tel:, cid: and javascript: links', () => {
    const links = extractLinks({ HTML: '<a href="#top">t</a><a href="mailto:a@b.test">m</a><a href="tel:+1">p</a><img src="cid:x"><a href="javascript:void(0)">j</a><a href=https://ok.test/x>ok</a>', Text: '' });
    assert.deepEqual(links, ['https://ok.test/x']);
  });

  it('drops prose punctuation after a URL but keeps a balanced parenthesis', () => {
    const links = extractLinks({ HTML: '', Text: 'See (https://a.test/x), https://en.test/wiki/Foo_(bar) and "https://b.test/y".' });
    assert.deepEqual(links, ['https://a.test/x', 'https://en.test/wiki/Foo_(bar)', 'https://b.test/y']);
  });
});
