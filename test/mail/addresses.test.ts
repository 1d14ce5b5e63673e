import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstAddress, parseAddressList } from '../../src/mail/addresses.ts';

describe('parseAddressList', () => {
  it('reads display names, quoted names with commas, bare addresses and comments', () => {
    assert.deepEqual(parseAddressList('"Doe, Jane" <jane@example.com>, bob@example.com, joe@example.com (Joe Bloggs)'), [
      { Name: 'Doe, Jane', Address: 'jane@example.com' },
      { Name: '', Address: 'bob@example.com' },
      { Name: 'Joe Bloggs', Address: 'joe@example.com' },
    ]);
  });

  it('flattens groups and ignores empty ones', () => {
    assert.deepEqual(parseAddressList('undisclosed-recipients:;'), []);
    assert.deepEqual(parseAddressList('Team: a@x.com, B <b@x.com>;, c@x.com'), [
      { Name: '', Address: 'a@x.com' },
      { Name: 'B', Address: 'b@x.com' },
      { Name: '', Address: 'c@x.com' },
    ]);
  });

  it('decodes RFC 2047 names and keeps internationalized addresses as written', () => {
    assert.deepEqual(parseAddressList('=?utf-8?q?Ren=C3=A9e?= <renée@exämple.com>'), [{ Name: 'Renée', Address: 'renée@exämple.com' }]);
  });

  it('drops comments inside angle addresses and tolerates sloppy lists', () => {
    assert.deepEqual(parseAddressList('Pete(A chap) <pete(his account)@silly.test(his host)>'), [{ Name: 'Pete', Address: 'pete@silly.test' }]);
    assert.deepEqual(parseAddressList('Big Bug bb@bug.com'), [{ Name: 'Big Bug', Address: 'bb@bug.com' }]);
    assert.deepEqual(parseAddressList('a@x.com b@x.com,,'), [
      { Name: '', Address: 'a@x.com' },
      { Name: '', Address: 'b@x.com' },
    ]);
  });

  it('gives an empty address for the first of nothing', () => {
    assert.deepEqual(firstAddress(''), { Name: '', Address: '' });
  });
});
