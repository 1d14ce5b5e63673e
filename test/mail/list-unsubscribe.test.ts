import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseListUnsubscribe } from '../../src/mail/list-unsubscribe.ts';

describe('parseListUnsubscribe', () => {
  it('returns the mailto and http links of a well-formed header', () => {
    assert.deepEqual(parseListUnsubscribe('<mailto:u@x.com?subject=unsub>, <https://x.com/u>'), {
      links: ['mailto:u@x.com?subject=unsub', 'https://x.com/u'],
      error: '',
    });
  });

  it('strips comments, then complains as Mailpit does', () => {
    assert.deepEqual(parseListUnsubscribe('(comment) <https://x.com/u>'), { links: ['https://x.com/u'], error: '' });
    assert.match(parseListUnsubscribe('https://x.com/u').error, /no valid unsubscribe links found/);
    assert.match(parseListUnsubscribe('x <https://x.com/u>').error, /should be enclosed in <>/);
    assert.match(parseListUnsubscribe('<https://x.com/u> <mailto:a@b>').error, /split with a comma/);
    assert.match(parseListUnsubscribe('<a>, <b>, <c>').error, /maximum of one email and one HTTP link/);
    const two = parseListUnsubscribe('<https://x.com/a>, <https://x.com/b>');
    assert.deepEqual(two.links, ['https://x.com/a']);
    assert.match(two.error, /only contain one HTTP link/);
    assert.match(parseListUnsubscribe('<ftp://x.com/u>').error, /should start with either http/);
    assert.match(parseListUnsubscribe('<https://x.com/a b>').error, /should not contain spaces/);
  });
});
