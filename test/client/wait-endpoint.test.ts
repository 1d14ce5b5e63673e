import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MessagesSummary } from '../../src/client/index.ts';
import { queuedId, startFixture } from './mailnest-fixture.ts';
import type { Fixture } from './mailnest-fixture.ts';

/** Polls `check` until it holds or the deadline passes (for server-side effects of a disconnect). */
async function eventually(check: () => boolean, what: string, deadline = 5000): Promise<void> {
  const end = Date.now() + deadline;
  while (!check()) {
    if (Date.now() > end) assert.fail(`still not true after ${deadline}ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const summary = async (response: Response | Promise<Response>) => (await (await response).json()) as MessagesSummary;

describe('GET /api/v1/wait over plain HTTP', () => {
  let f: Fixture;
  const wait = (params: Record<string, string>, init?: RequestInit) => fetch(`${f.nest.url}api/v1/wait?${new URLSearchParams(params)}`, init);

  before(async () => {
    f = await startFixture();
  });

  after(() => f.close());

  it('answers at once with a search-shaped body when a matching message is already stored', async () => {
    const id = queuedId(await f.send({ to: 'stored@example.com', subject: 'Stored' }));
    const response = await wait({ query: 'to:stored@example.com' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
    const body = await summary(response);
    assert.deepEqual(Object.keys(body), ['total', 'unread', 'count', 'messages_count', 'messages_unread', 'start', 'tags', 'messages']);
    assert.equal(body.messages_count, 1);
    assert.equal(body.messages[0]!.ID, id);
    // Waiting is not reading.
    assert.equal(body.messages[0]!.Read, false);
    assert.equal((await f.client.search('to:stored@example.com is:unread')).messages_count, 1);
  });

  it('answers as soon as a matching message arrives', async () => {
    const pending = wait({ query: 'to:later@example.com subject:Later', timeout: '10s' });
    await f.send({ to: 'other@example.com', subject: 'Later' });
    const id = queuedId(await f.send({ to: 'later@example.com', subject: 'Later' }));
    const response = await pending;
    assert.equal(response.status, 200);
    assert.deepEqual((await summary(response)).messages.map((m) => m.ID), [id]);
  });

  it('waits for count matches and returns the newest count of them', async () => {
    const first = queuedId(await f.send({ to: 'pair@example.com' }));
    const pending = wait({ query: 'to:pair@example.com', count: '2', timeout: '10000' });
    const second = queuedId(await f.send({ to: 'pair@example.com' }));
    const body = await summary(pending);
    assert.equal(body.messages_count, 2);
    assert.deepEqual(body.messages.map((m) => m.ID), [second, first]);
  });

  it('answers when a tag change makes a stored message match', async () => {
    const id = queuedId(await f.send({ to: 'tagged@example.com' }));
    const baseline = f.nest.store.listenerCount('tags');
    const pending = wait({ query: 'tag:urgent', timeout: '10s' });
    await eventually(() => f.nest.store.listenerCount('tags') > baseline, 'the wait listens for tag changes');
    await f.client.tags.set([id], ['urgent']);
    const body = await summary(pending);
    assert.equal(body.messages[0]!.ID, id);
  });

  it('answers when marking read makes enough stored messages match', async () => {
    const ids = [queuedId(await f.send({ to: 'readers@example.com' })), queuedId(await f.send({ to: 'readers@example.com' }))];
    const baseline = f.nest.store.listenerCount('read');
    const pending = wait({ query: 'to:readers@example.com is:read', count: '2', timeout: '10s' });
    await eventually(() => f.nest.store.listenerCount('read') > baseline, 'the wait listens for read changes');
    await f.client.markRead(ids, true);
    const body = await summary(pending);
    assert.deepEqual(body.messages.map((m) => m.ID).sort(), [...ids].sort());
  });

  it('answers 408 with a JSON reason when the timeout passes first', async () => {
    const response = await wait({ query: 'to:nobody@example.com', count: '2', timeout: '150ms' });
    assert.equal(response.status, 408);
    assert.deepEqual(await response.json(), { Error: 'timed out after 150ms waiting for 2 messages matching "to:nobody@example.com" (0 matched)' });
  });

  it('answers 400 with a JSON reason for a bad count or timeout', async () => {
    for (const [params, error] of [
      [{ count: '0' }, 'count: expected a whole number from 1 to 1000, got "0"'],
      [{ count: 'many' }, 'count: expected a whole number from 1 to 1000, got "many"'],
      [{ timeout: 'soon' }, 'timeout: expected milliseconds or a duration such as 30s, at most 5m, got "soon"'],
      [{ timeout: '1h' }, 'timeout: expected milliseconds or a duration such as 30s, at most 5m, got "1h"'],
    ] as const) {
      const response = await wait(params);
      assert.equal(response.status, 400, JSON.stringify(params));
      assert.deepEqual(await response.json(), { Error: error });
    }
  });

  it('matches any message when the query is empty', async () => {
    const response = await wait({ timeout: '1s' });
    assert.equal(response.status, 200);
    assert.ok((await summary(response)).messages_count > 0);
  });

  it('stops listening to the store when the client goes away', async () => {
    const baseline = f.nest.store.listenerCount('new');
    const readBaseline = f.nest.store.listenerCount('read');
    const controller = new AbortController();
    const pending = wait({ query: 'to:abandoned@example.com', timeout: '60s' }, { signal: controller.signal }).catch((e: unknown) => e);
    await eventually(() => f.nest.store.listenerCount('new') === baseline + 1, 'the wait listens for new messages');
    controller.abort();
    await pending;
    await eventually(() => f.nest.store.listenerCount('new') === baseline, 'the abandoned wait removed its listener');
    assert.equal(f.nest.store.listenerCount('read'), readBaseline);
  });
});
