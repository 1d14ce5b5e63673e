import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileSearch, parseSearch, sizeToBytes, splitQuery } from '../../src/mail/search.ts';
import type { StoredMessage } from '../../src/store/types.ts';

function message(overrides: Partial<StoredMessage> = {}): StoredMessage {
  return {
    id: 'id',
    created: Date.UTC(2024, 0, 15, 12, 0, 0),
    size: 5000,
    read: false,
    envelope: { mailFrom: '', rcptTo: [], username: '', remoteAddress: '', tls: false },
    messageId: 'abc-123@example.com',
    from: { Name: 'Alice Smith', Address: 'alice@example.com' },
    to: [{ Name: 'Bob', Address: 'bob@example.com' }],
    cc: [{ Name: '', Address: 'carol@example.com' }],
    bcc: [{ Name: '', Address: 'dave@example.com' }],
    replyTo: [{ Name: '', Address: 'replies@example.com' }],
    returnPath: 'alice@example.com',
    subject: 'Quarterly Report',
    date: null,
    snippet: '',
    attachments: 0,
    inline: 0,
    tags: [],
    searchText: 'alice smith alice@example.com quarterly report bob bob@example.com the numbers are in',
    ...overrides,
  };
}

const matches = (query: string, m: StoredMessage, options?: Parameters<typeof compileSearch>[1]): boolean => compileSearch(query, options)(m);

describe('search query parsing', () => {
  it('splits on spaces and keeps quoted phrases whole, without the quotes', () => {
    assert.deepEqual(splitQuery('a  "b c" -"d e" subject:"f g" " h "'), ['a', 'b c', '-d e', 'subject:f g', 'h']);
    // Only spaces separate, as in Mailpit; a tab stays inside the term.
    assert.deepEqual(splitQuery('a\tb c'), ['a\tb', 'c']);
  });

  it('reads every operator into a term', () => {
    assert.deepEqual(parseSearch('from:Alice !is:read "two words" larger:1.5MB after:2024/01/01 tag:Work -has:attachments'), [
      { kind: 'address', field: 'from', value: 'alice', negate: false },
      { kind: 'is', value: 'read', negate: true },
      { kind: 'text', value: 'two words', negate: false },
      { kind: 'size', op: 'larger', bytes: 1572864, negate: false },
      { kind: 'date', op: 'after', value: '2024/01/01', negate: false },
      { kind: 'tag', value: 'work', negate: false },
      { kind: 'has', value: 'attachment', negate: true },
    ]);
  });

  it('ignores terms with nothing to match and treats unknown operators as free text', () => {
    assert.deepEqual(parseSearch('- ! "" ,,, to:'), []);
    assert.deepEqual(parseSearch('is:starred larger:lots'), [
      { kind: 'text', value: 'is:starred', negate: false },
      { kind: 'text', value: 'larger:lots', negate: false },
    ]);
  });

  it('reads sizes 1024-based', () => {
    assert.equal(sizeToBytes('2k'), 2048);
    assert.equal(sizeToBytes('2KB'), 2048);
    assert.equal(sizeToBytes('1.5m'), 1572864);
    assert.equal(sizeToBytes('300'), 300);
    assert.equal(sizeToBytes('3gb'), 0);
  });
});

describe('compileSearch', () => {
  it('matches free text and phrases in the search text, case-insensitively', () => {
    const m = message();
    assert.equal(matches('QUARTERLY', m), true);
    assert.equal(matches('"numbers are"', m), true);
    assert.equal(matches('"are numbers"', m), false);
    assert.equal(matches('missing', m), false);
  });

  it('ANDs every term and negates with - or !', () => {
    const m = message();
    assert.equal(matches('quarterly numbers', m), true);
    assert.equal(matches('quarterly missing', m), false);
    assert.equal(matches('-missing', m), true);
    assert.equal(matches('!quarterly', m), false);
  });

  it('matches address fields by name or address, and addressed: across all of them', () => {
    const m = message();
    assert.equal(matches('from:smith', m), true);
    assert.equal(matches('from:bob', m), false);
    assert.equal(matches('to:bob@example.com', m), true);
    assert.equal(matches('cc:carol', m), true);
    assert.equal(matches('bcc:dave', m), true);
    assert.equal(matches('reply-to:replies', m), true);
    assert.equal(matches('addressed:dave', m), true);
    assert.equal(matches('addressed:zed', m), false);
    assert.equal(matches('-to:bob', m), false);
    assert.equal(matches('from:"Alice Smith"', m), true);
  });

  it('matches subject and message-id substrings', () => {
    const m = message();
    assert.equal(matches('subject:report', m), true);
    assert.equal(matches('subject:"quarterly report"', m), true);
    assert.equal(matches('subject:annual', m), false);
    assert.equal(matches('message-id:abc-123', m), true);
    assert.equal(matches('message-id:<abc-123@example.com>', m), true);
  });

  it('matches tags exactly, ignoring case, and is:tagged', () => {
    const tagged = message({ tags: ['Work', 'urgent'] });
    assert.equal(matches('tag:work', tagged), true);
    assert.equal(matches('tag:wor', tagged), false);
    assert.equal(matches('-tag:work', tagged), false);
    assert.equal(matches('is:tagged', tagged), true);
    assert.equal(matches('is:tagged', message()), false);
    assert.equal(matches('-is:tagged', message()), true);
  });

  it('filters on read state, attachments and inline parts', () => {
    assert.equal(matches('is:read', message({ read: true })), true);
    assert.equal(matches('is:unread', message({ read: true })), false);
    assert.equal(matches('-is:unread', message({ read: true })), true);
    assert.equal(matches('has:attachment', message({ attachments: 2 })), true);
    assert.equal(matches('has:attachments', message()), false);
    assert.equal(matches('has:inline', message({ inline: 1 })), true);
    assert.equal(matches('!has:inlines', message({ inline: 1 })), false);
  });

  it('compares sizes strictly, negation flipping the comparison as Mailpit does', () => {
    const m = message({ size: 2048 });
    assert.equal(matches('larger:2k', m), false);
    assert.equal(matches('larger:2047', m), true);
    assert.equal(matches('smaller:2049', m), true);
    assert.equal(matches('smaller:2k', m), false);
    assert.equal(matches('-larger:2k', m), false);
    assert.equal(matches('-larger:3k', m), true);
  });

  it('compares dates inclusively in the given time zone and ignores invalid dates', () => {
    const m = message({ created: Date.UTC(2024, 0, 15, 12, 0, 0) });
    assert.equal(matches('after:2024/01/15', m, { tz: 'UTC' }), true);
    assert.equal(matches('after:2024-01-16', m, { tz: 'UTC' }), false);
    assert.equal(matches('before:2024-01-15', m, { tz: 'UTC' }), false);
    assert.equal(matches('before:01/16/2024', m, { tz: 'UTC' }), true);
    assert.equal(matches('before:2024-01-15T12:00:00Z', m), true);
    // Midnight on the 16th in Auckland is still the 15th in UTC.
    assert.equal(matches('before:2024-01-16', m, { tz: 'Pacific/Auckland' }), false);
    assert.equal(matches('before:2024-01-16', m, { tz: 'America/New_York' }), true);
    assert.equal(matches('after:notadate', m), true);
    assert.equal(matches('-after:2024-01-16', m, { tz: 'UTC' }), true);
  });

  it('matches everything for an empty query', () => {
    assert.equal(matches('', message()), true);
    assert.equal(matches('   ', message()), true);
  });

  it('searches words in any script, where Mailpit only searches ASCII words', () => {
    const m = message({ searchText: 'привет мир' });
    assert.equal(matches('мир', m), true);
    assert.equal(matches('пока', m), false);
  });
});
