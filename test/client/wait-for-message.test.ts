import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MailnestClient, MailnestTimeoutError } from '../../src/client/index.ts';
import type { Message } from '../../src/client/index.ts';
import { queuedId, startFixture } from './mailnest-fixture.ts';
import type { Fixture } from './mailnest-fixture.ts';

describe('waitForMessage', () => {
  let f: Fixture;

  before(async () => {
    f = await startFixture();
  });

  after(() => f.close());

  it('finds a message that arrived before the call', async () => {
    const id = queuedId(await f.send({ to: 'before@example.com', subject: 'Early' }));
    const message = await f.client.waitForMessage('to:before@example.com', { timeout: 5000 });
    assert.equal(message.ID, id);
    assert.equal(message.Subject, 'Early');
  });

  it('finds a message sent in the same tick as the call', async () => {
    // Both start before either awaits: the SMTP transaction races the subscribe and the search.
    const [message, response] = await Promise.all([
      f.client.waitForMessage('to:sametick@example.com', { timeout: 5000 }),
      f.send({ to: 'sametick@example.com', subject: 'Same tick' }),
    ]);
    assert.equal(message.ID, queuedId(response));
  });

  it('finds a message stored after its first search was answered', async () => {
    // Deterministic version of the race: the message lands once the server has answered the
    // search (no match) and before the client sees that answer; only the event stream can tell.
    const raw = Buffer.from('From: a@example.com\r\nTo: during@example.com\r\nSubject: During\r\n\r\nhi\r\n');
    const envelope = { mailFrom: 'a@example.com', rcptTo: ['during@example.com'], username: '', remoteAddress: '', tls: false };
    let storedId: string | undefined;
    const fetchThenStore: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!storedId && String(input).includes('/api/v1/search')) storedId = (await f.nest.store.add(raw, envelope)).id;
      return response;
    };
    const client = new MailnestClient(f.nest.url, { fetch: fetchThenStore });
    const message = await client.waitForMessage('to:during@example.com', { timeout: 5000 });
    assert.ok(storedId);
    assert.equal(message.ID, storedId);
  });

  it('gives each of 100 concurrent waiters its own message', async () => {
    const count = 100;
    const waits = Array.from({ length: count }, (_, i) => f.client.waitForMessage(`to:crowd${i}@example.com`, { timeout: 20_000 }));
    const responses = await Promise.all(Array.from({ length: count }, (_, i) => f.send({ to: `crowd${i}@example.com`, subject: `Crowd ${i}` })));
    const messages = await Promise.all(waits);
    messages.forEach((message, i) => {
      assert.equal(message.ID, queuedId(responses[i]!));
      assert.equal(message.Subject, `Crowd ${i}`);
    });
  });

  it('waits for a message that a predicate accepts, reading the full message', async () => {
    await f.send({ to: 'pred@example.com', subject: 'Newsletter', text: 'nothing here' });
    const seen: string[] = [];
    let sawNewsletter!: () => void;
    const newsletterRead = new Promise<void>((resolve) => (sawNewsletter = resolve));
    const waiting = f.client.waitForMessage(
      function hasResetLink(m: Message) {
        seen.push(m.Subject);
        if (m.Subject === 'Newsletter') sawNewsletter();
        return m.Text.includes('/reset?');
      },
      { query: 'to:pred@example.com', timeout: 5000 },
    );
    // The stored newsletter was read and refused before the reset mail exists.
    await newsletterRead;
    await f.send({ to: 'pred@example.com', subject: 'Reset', text: 'go to https://app.test/reset?k=1' });
    const message = await waiting;
    assert.equal(message.Subject, 'Reset');
    // Each candidate is read once, however many looks ran.
    assert.deepEqual(seen, ['Newsletter', 'Reset']);
  });

  it('waits for several messages and returns them newest first', async () => {
    const waiting = f.client.waitForMessages('to:many@example.com', 3, { timeout: 5000 });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(queuedId(await f.send({ to: 'many@example.com', subject: `Many ${i}` })));
    const messages = await waiting;
    assert.deepEqual(messages.map((m) => m.ID), ids.reverse());
  });

  it('leaves messages unread unless markRead is set', async () => {
    await f.send({ to: 'unread@example.com' });
    await f.client.waitForMessage('to:unread@example.com', { timeout: 5000 });
    assert.equal((await f.client.search('to:unread@example.com is:unread')).messages_count, 1);
    await f.client.waitForMessage('to:unread@example.com', { timeout: 5000, markRead: true });
    assert.equal((await f.client.search('to:unread@example.com is:read')).messages_count, 1);
  });

  it('rejects with a MailnestTimeoutError that says what it waited for and what arrived', async () => {
    // The other message is stored once the wait has searched, so it arrives during the wait as a frame.
    let searched!: () => void;
    const firstSearch = new Promise<void>((resolve) => (searched = resolve));
    const watching: typeof fetch = (input, init) => {
      if (String(input).includes('/api/v1/search')) searched();
      return fetch(input, init);
    };
    const client = new MailnestClient(f.nest.url, { fetch: watching });
    const waiting = client.waitForMessage('to:never@example.com subject:Invoice', { timeout: 1000 });
    await firstSearch;
    const raw = Buffer.from('From: shop@example.com\r\nTo: someone-else@example.com\r\nSubject: Not the invoice\r\n\r\nhi\r\n');
    await f.nest.store.add(raw, { mailFrom: 'shop@example.com', rcptTo: ['someone-else@example.com'], username: '', remoteAddress: '', tls: false });
    const error = await waiting.catch((e: unknown) => e);
    assert.ok(error instanceof MailnestTimeoutError);
    assert.equal(error.timeout, 1000);
    assert.equal(error.found, 0);
    assert.equal(
      error.message,
      'Timed out after 1000ms waiting for 1 message matching "to:never@example.com subject:Invoice" (found 0); last arrived: "Not the invoice" to someone-else@example.com',
    );
  });

  it('names the newest messages in the mailbox when nothing arrived during the wait', async () => {
    const error = await f.client.waitForMessages('to:never@example.com', 2, { timeout: 100 }).catch((e: unknown) => e);
    assert.ok(error instanceof MailnestTimeoutError);
    assert.match(error.message, /^Timed out after 100ms waiting for 2 messages matching "to:never@example.com" \(found 0\); no message arrived while waiting; newest in the mailbox \(none of them matches\): "Not the invoice" to someone-else@example.com; /);
  });

  it('stops waiting when the signal aborts', async () => {
    const controller = new AbortController();
    const waiting = f.client.waitForMessage('to:aborted@example.com', { timeout: 5000, signal: controller.signal });
    controller.abort(new Error('test over'));
    await assert.rejects(waiting, /test over/);
  });

  it('rejects when the event stream cannot be opened', async () => {
    const gone = await startFixture();
    await gone.close();
    const error = await new MailnestClient(gone.nest.url).waitForMessage('to:x@example.com', { timeout: 5000 }).catch((e: unknown) => e);
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'MailnestEventStreamError');
    assert.match(error.message, /event stream failed \(connect ECONNREFUSED [^)]+\): ws:\/\/127\.0\.0\.1:\d+\/api\/events$/);
  });
});
