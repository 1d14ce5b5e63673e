// Mailpit prints Created in the server's local zone; pin one with a +13:00 offset in March.
process.env.TZ = 'Pacific/Auckland';

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toMessageSummary, toMessagesSummary } from '../../src/http/shapes.ts';
import type { StoredMessage } from '../../src/store/types.ts';

const message: StoredMessage = {
  id: '4oRBnPtCXgAqZniRhzLNmS', messageId: 'm@example.test', from: { Name: '', Address: 'a@example.test' },
  to: [], cc: [], bcc: [{ Name: 'B', Address: 'b@example.test' }], replyTo: [], returnPath: 'a@example.test',
  subject: 'Hi', date: null, snippet: 'snip', attachments: 0, inline: 0, tags: ['t'], searchText: '',
  created: Date.UTC(2025, 2, 8, 10, 58, 34, 665), size: 935, read: false,
  envelope: { mailFrom: 'a@example.test', rcptTo: ['b@example.test'], username: 'smtp-user', remoteAddress: '127.0.0.1', tls: false },
};

describe('toMessageSummary', () => {
  it('prints Created in the local zone with milliseconds', () => {
    assert.equal(toMessageSummary(message, 'list').Created, '2025-03-08T23:58:34.665+13:00');
  });

  it('applies each variant\'s null quirks', () => {
    const list = toMessageSummary(message, 'list');
    assert.equal(list.To, null);
    assert.deepEqual(list.Bcc, [{ Name: 'B', Address: 'b@example.test' }]);
    assert.deepEqual(list.ReplyTo, []);
    assert.equal(toMessageSummary(message, 'search').ReplyTo, null);
    const event = toMessageSummary(message, 'event');
    assert.deepEqual([event.To, event.Cc, event.ReplyTo], [[], [], []]);
    assert.equal(list.Username, 'smtp-user');
  });

  it('copies arrays, so callers cannot change the stored message', () => {
    const summary = toMessageSummary(message, 'event');
    summary.Tags.push('x');
    summary.Bcc!.push({ Name: '', Address: 'x' });
    assert.deepEqual(message.tags, ['t']);
    assert.equal(message.bcc.length, 1);
  });
});

describe('toMessagesSummary', () => {
  it('keeps Mailpit\'s key order', () => {
    const body = toMessagesSummary({ stats: { total: 5, unread: 2 }, tags: ['t'], start: 0, messages: [message], matched: 1, matchedUnread: 1 }, 'search');
    assert.equal(JSON.stringify({ ...body, messages: [] }), '{"total":5,"unread":2,"count":1,"messages_count":1,"messages_unread":1,"start":0,"tags":["t"],"messages":[]}');
  });
});
