import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanTag, tagsFromHeader, tagsFromPlusAddresses, uniqueTags } from '../../src/mail/tags.ts';

describe('tags', () => {
  it('cleans tag names as Mailpit does', () => {
    assert.equal(cleanTag('  urgent!! / billing '), 'urgent billing');
    assert.equal(cleanTag('v1.2_beta-3'), 'v1.2_beta-3');
    assert.equal(cleanTag('ünïcode'), 'n code');
  });

  it('de-duplicates ignoring case (first spelling wins) and sorts bytewise', () => {
    assert.deepEqual(uniqueTags(['beta', 'Alpha', 'ALPHA', '', '!!', 'alpha']), ['Alpha', 'beta']);
  });

  it('splits X-Tags on commas', () => {
    assert.deepEqual(tagsFromHeader(' a, b ,c '), ['a', ' b ', 'c']);
    assert.deepEqual(tagsFromHeader('  '), []);
  });

  it('takes everything between the first + and the @ of plus-addresses, split on +', () => {
    assert.deepEqual(
      tagsFromPlusAddresses([
        { Name: '', Address: 'user+one@x.com' },
        { Name: '', Address: 'user+two+three@x.com' },
        { Name: '', Address: 'plain@x.com' },
      ]),
      ['one', 'two', 'three'],
    );
  });
});
