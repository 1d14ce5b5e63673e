import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Mailnest } from '../../src/index.ts';
import { startNest as startTestServer } from '../helpers/test-server.ts';
import { plainMail, richMail, send, startWithFixtures } from './fixtures.ts';
import { keysOf, request } from './http-request.ts';

const SUMMARY_KEYS = ['total', 'unread', 'count', 'messages_count', 'messages_unread', 'start', 'tags', 'messages'];
const MESSAGE_SUMMARY_KEYS = ['ID', 'MessageID', 'Read', 'From', 'To', 'Cc', 'Bcc', 'ReplyTo', 'Subject', 'Created', 'Username', 'Tags', 'Size', 'Attachments', 'Snippet'];
const RFC3339_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?(Z|[+-]\d\d:\d\d)$/;

interface Summary {
  total: number; unread: number; count: number; messages_count: number; messages_unread: number; start: number; tags: string[];
  messages: Array<Record<string, unknown> & { ID: string; Read: boolean; Subject: string; Created: string }>;
}

async function getJson(url: string): Promise<{ status: number; text: string; json: Summary; type: string }> {
  const res = await request(url);
  return { status: res.status, text: res.text, json: JSON.parse(res.text) as Summary, type: String(res.headers['content-type']) };
}

describe('GET /api/v1/messages', () => {
  let nest: Mailnest;
  let plainId: string;
  let richId: string;
  before(async () => {
    nest = await startTestServer();
  });

  it('answers an empty mailbox with Mailpit\'s exact body, newline included', async () => {
    const res = await request(`${nest.url}api/v1/messages`);
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.equal(res.text, '{"total":0,"unread":0,"count":0,"messages_count":0,"messages_unread":0,"start":0,"tags":[],"messages":[]}\n');
  });

  it('lists messages newest first with Mailpit\'s key order and null quirks', async () => {
    plainId = await send(nest, plainMail);
    richId = await send(nest, richMail);
    const { status, text, json } = await getJson(`${nest.url}api/v1/messages`);
    assert.equal(status, 200);
    assert.deepEqual(keysOf(text), SUMMARY_KEYS);
    assert.deepEqual(json.messages.map((m) => m.ID), [richId, plainId]);
    assert.equal(json.total, 2);
    assert.equal(json.unread, 2);
    assert.equal(json.count, 2);
    assert.equal(json.messages_count, 2);
    assert.equal(json.messages_unread, 2);
    assert.deepEqual(json.tags, ['billing', 'urgent']);
    for (const m of json.messages) assert.deepEqual(Object.keys(m), MESSAGE_SUMMARY_KEYS);

    const plain = json.messages[1]!;
    assert.deepEqual(plain.From, { Name: 'Alice', Address: 'alice@example.test' });
    assert.deepEqual(plain.To, [{ Name: '', Address: 'bob@example.test' }]);
    assert.equal(plain.Cc, null, 'an empty Cc is null in list results');
    assert.equal(plain.Bcc, null);
    assert.deepEqual(plain.ReplyTo, [], '/messages forces ReplyTo to []');
    assert.equal(plain.MessageID, 'plain-1@example.test');
    assert.equal(plain.Subject, 'Hello Bob');
    assert.equal(plain.Read, false);
    assert.equal(plain.Username, '');
    assert.deepEqual(plain.Tags, []);
    assert.equal(plain.Attachments, 0);
    assert.equal(plain.Snippet, 'Plain text body for Bob.');
    assert.equal(typeof plain.Size, 'number');
    assert.match(plain.Created, RFC3339_MS);
    assert.ok(Math.abs(Date.parse(plain.Created) - nest.store.get(plainId)!.created) < 1);

    const rich = json.messages[0]!;
    assert.deepEqual(rich.Cc, [{ Name: '', Address: 'frank@example.test' }]);
    assert.deepEqual(rich.ReplyTo, [{ Name: '', Address: 'replies@example.test' }]);
    assert.equal(rich.Attachments, 1);
    assert.deepEqual(rich.Tags, ['billing', 'urgent']);
  });

  it('pages with start and limit, and limit=0 means no limit', async () => {
    const first = await getJson(`${nest.url}api/v1/messages?limit=1`);
    assert.deepEqual(first.json.messages.map((m) => m.ID), [richId]);
    assert.equal(first.json.count, 1);
    assert.equal(first.json.messages_count, 2);
    const second = await getJson(`${nest.url}api/v1/messages?start=1&limit=1`);
    assert.deepEqual(second.json.messages.map((m) => m.ID), [plainId]);
    assert.equal(second.json.start, 1);
    const all = await getJson(`${nest.url}api/v1/messages?limit=0`);
    assert.equal(all.json.count, 2);
    const junk = await getJson(`${nest.url}api/v1/messages?start=x&limit=-5`);
    assert.equal(junk.json.start, 0);
    assert.equal(junk.json.count, 2);
  });

  it('honours before= (only messages received earlier)', async () => {
    const created = nest.store.get(richId)!.created;
    const res = await getJson(`${nest.url}api/v1/messages?before=${created}`);
    assert.ok(!res.json.messages.some((m) => m.ID === richId));
  });
});

describe('GET /api/v1/search', () => {
  let nest: Mailnest;
  let plainId: string;
  let richId: string;
  before(async () => {
    ({ nest, plainId, richId } = await startWithFixtures());
  });

  it('refuses an empty query with Mailpit\'s 400 text', async () => {
    for (const query of ['', '%20%20']) {
      const res = await request(`${nest.url}api/v1/search?query=${query}`);
      assert.equal(res.status, 400);
      assert.match(String(res.headers['content-type']), /^text\/plain/);
      assert.equal(res.text, 'Error: no search query');
    }
    const missing = await request(`${nest.url}api/v1/search`);
    assert.equal(missing.status, 400);
  });

  it('finds by field and counts matches, with null for every empty address list', async () => {
    const res = await request(`${nest.url}api/v1/search?query=${encodeURIComponent('subject:"Hello Bob"')}`);
    assert.equal(res.status, 200);
    assert.deepEqual(keysOf(res.text), SUMMARY_KEYS);
    assert.ok(res.text.endsWith('}\n'));
    const json = JSON.parse(res.text) as Summary;
    assert.deepEqual(json.messages.map((m) => m.ID), [plainId]);
    assert.equal(json.messages_count, 1);
    assert.equal(json.messages_unread, 1);
    assert.equal(json.total, 2, 'total stays mailbox-wide');
    assert.equal(json.messages[0]!.ReplyTo, null, '/search leaves an empty ReplyTo null');
    assert.equal(json.messages[0]!.Cc, null);
  });

  it('pages search results but counts every match', async () => {
    const json = (await getJson(`${nest.url}api/v1/search?query=example.test&limit=1`)).json;
    assert.equal(json.messages_count, 2);
    assert.deepEqual(json.messages.map((m) => m.ID), [richId]);
    const next = (await getJson(`${nest.url}api/v1/search?query=example.test&start=1&limit=1`)).json;
    assert.deepEqual(next.messages.map((m) => m.ID), [plainId]);
  });

  it('supports negation and tags', async () => {
    assert.deepEqual((await getJson(`${nest.url}api/v1/search?query=tag:billing`)).json.messages.map((m) => m.ID), [richId]);
    assert.deepEqual((await getJson(`${nest.url}api/v1/search?query=-tag:billing`)).json.messages.map((m) => m.ID), [plainId]);
  });
});

describe('PUT /api/v1/messages (read status)', () => {
  let nest: Mailnest;
  let plainId: string;
  let richId: string;
  before(async () => {
    ({ nest, plainId, richId } = await startWithFixtures());
  });

  const put = (body: string) => request(`${nest.url}api/v1/messages`, { method: 'PUT', body, headers: { 'Content-Type': 'application/json' } });

  it('marks the listed IDs and answers text/plain ok', async () => {
    const res = await put(JSON.stringify({ IDs: [plainId], Read: true }));
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain/);
    assert.equal(res.text, 'ok');
    assert.equal(nest.store.get(plainId)!.read, true);
    assert.equal(nest.store.get(richId)!.read, false);
  });

  it('accepts lower-case keys, as Go does', async () => {
    assert.equal((await put('{"ids":["' + plainId + '"],"read":false}')).text, 'ok');
    assert.equal(nest.store.get(plainId)!.read, false);
  });

  it('marks search matches', async () => {
    assert.equal((await put(JSON.stringify({ Search: 'subject:Invoice', Read: true }))).text, 'ok');
    assert.equal(nest.store.get(richId)!.read, true);
    assert.equal(nest.store.get(plainId)!.read, false);
  });

  it('marks everything when neither IDs nor Search is given', async () => {
    assert.equal((await put('{"Read":true}')).text, 'ok');
    assert.equal(nest.store.stats().unread, 0);
    assert.equal((await put('{}')).text, 'ok');
    assert.equal(nest.store.stats().unread, 2);
  });

  it('refuses an empty body (EOF), malformed JSON and IDs with Search, as plain-text 400s', async () => {
    const empty = await put('');
    assert.equal(empty.status, 400);
    assert.equal(empty.text, 'EOF');
    const malformed = await put('{"IDs":');
    assert.equal(malformed.status, 400);
    assert.match(String(malformed.headers['content-type']), /^text\/plain/);
    assert.match(malformed.text, /invalid JSON/);
    assert.doesNotMatch(malformed.text, /at .*\.ts/, 'no stack trace');
    const both = await put(JSON.stringify({ IDs: [plainId], Search: 'x', Read: true }));
    assert.equal(both.status, 400);
    const wrongType = await put('{"Read":"yes"}');
    assert.equal(wrongType.status, 400);
    assert.match(wrongType.text, /Read/);
  });
});

describe('DELETE /api/v1/messages and /api/v1/search', () => {
  let nest: Mailnest;
  before(async () => {
    nest = await startTestServer();
  });

  it('deletes the listed IDs only', async () => {
    const a = await send(nest, plainMail);
    const b = await send(nest, richMail);
    const res = await request(`${nest.url}api/v1/messages`, { method: 'DELETE', body: JSON.stringify({ IDs: [a] }) });
    assert.equal(res.status, 200);
    assert.equal(res.text, 'ok');
    assert.equal(nest.store.get(a), undefined);
    assert.ok(nest.store.get(b));
  });

  it('deletes everything when the body is missing (cypress-mailpit sends none)', async () => {
    await send(nest, plainMail);
    const res = await request(`${nest.url}api/v1/messages`, { method: 'DELETE' });
    assert.equal(res.text, 'ok');
    assert.equal(nest.store.stats().total, 0);
  });

  it('deletes everything when IDs is empty', async () => {
    await send(nest, plainMail);
    assert.equal((await request(`${nest.url}api/v1/messages`, { method: 'DELETE', body: '{"IDs":[]}' })).text, 'ok');
    assert.equal(nest.store.stats().total, 0);
  });

  it('deletes search matches, and refuses an empty query', async () => {
    const a = await send(nest, plainMail);
    const b = await send(nest, richMail);
    const res = await request(`${nest.url}api/v1/search?query=subject:invoice`, { method: 'DELETE' });
    assert.equal(res.status, 200);
    assert.equal(res.text, 'ok');
    assert.ok(nest.store.get(a));
    assert.equal(nest.store.get(b), undefined);
    const empty = await request(`${nest.url}api/v1/search?query=`, { method: 'DELETE' });
    assert.equal(empty.status, 400);
    assert.equal(empty.text, 'Error: no search query');
  });
});
