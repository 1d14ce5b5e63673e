import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MailnestClient, MailnestEventStreamError, MailnestHTTPError } from '../../src/client/index.ts';
import type { Message } from '../../src/client/index.ts';
import { queuedId, startFixture } from './mailnest-fixture.ts';
import type { Fixture } from './mailnest-fixture.ts';

/** The client's Message without its additions, to compare with the server's JSON. */
function asServerShape(message: Message): unknown {
  const { Headers: _headers, ...rest } = message;
  const strip = (parts: Message['Attachments']) => parts.map(({ Content: _content, ...part }) => part);
  return { ...rest, Inline: strip(message.Inline), Attachments: strip(message.Attachments) };
}

describe('MailnestClient against a real Mailnest', () => {
  let f: Fixture;
  let id: string;

  before(async () => {
    f = await startFixture();
    id = queuedId(
      await f.send({
        from: '"App" <app@example.com>',
        to: 'Alice <alice@example.com>',
        cc: 'carol@example.com',
        bcc: 'hidden@example.com',
        subject: 'Report ready',
        text: 'Your report is attached.',
        html: '<p>Your report is attached. <img src="cid:logo@app"></p>',
        headers: { 'X-Tags': 'reports' },
        attachments: [
          { filename: 'report.csv', content: 'a,b\n1,2\n' },
          { filename: 'logo.png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47]), cid: 'logo@app' },
        ],
      }),
    );
  });

  after(() => f.close());

  it('lists and searches with Mailpit shapes', async () => {
    const list = await f.client.list();
    assert.deepEqual(Object.keys(list), ['total', 'unread', 'count', 'messages_count', 'messages_unread', 'start', 'tags', 'messages']);
    assert.equal(list.messages[0]!.ID, id);
    const hits = await f.client.search('subject:"Report ready"', { limit: 5 });
    assert.equal(hits.messages_count, 1);
    assert.equal(hits.messages[0]!.Subject, 'Report ready');
    assert.equal((await f.client.search('subject:nothing-like-this')).messages_count, 0);
  });

  it('gets the full message exactly as GET /api/v1/message shapes it, with headers and attachment contents', async () => {
    const message = await f.client.get(id);
    assert.equal(message.Text.trim(), 'Your report is attached.');
    assert.deepEqual(message.Attachments.map((a) => [a.FileName, a.Content.toString()]), [['report.csv', 'a,b\n1,2\n']]);
    assert.deepEqual(message.Inline.map((a) => [a.FileName, a.ContentID, [...a.Content]]), [['logo.png', 'logo@app', [0x89, 0x50, 0x4e, 0x47]]]);
    assert.deepEqual(message.Headers['Subject'], ['Report ready']);
    assert.deepEqual(message.Tags, ['reports']);
    assert.deepEqual(message.Bcc.map((a) => a.Address), ['hidden@example.com']);

    // The server's own answer (which marks the message read, so compare first and reset after).
    const response = await fetch(`${f.nest.url}api/v1/message/${id}`);
    assert.deepEqual(asServerShape(message), await response.json());
    await f.client.markRead([id], false);
  });

  it('does not mark a message read unless asked', async () => {
    await f.client.get(id);
    await f.client.get('latest');
    assert.equal((await f.client.search('is:unread')).messages_count, 1);
    const message = await f.client.get(id, { markRead: true });
    assert.equal(message.ID, id);
    assert.equal((await f.client.search('is:read')).messages_count, 1);
    await f.client.markRead([id], false);
    assert.equal((await f.client.search('is:unread')).messages_count, 1);
  });

  it('resolves latest to the newest message', async () => {
    assert.equal((await f.client.get('latest')).ID, id);
  });

  it('returns the raw source byte for byte', async () => {
    const raw = await f.client.raw(id);
    assert.ok(Buffer.isBuffer(raw));
    assert.match(raw.toString(), /^[\s\S]*Subject: Report ready\r\n/);
    assert.equal(raw.length, (await f.client.list()).messages[0]!.Size);
  });

  it('sets, renames and deletes tags', async () => {
    await f.client.tags.set([id], ['one', 'two']);
    assert.deepEqual(await f.client.tags.get(), ['one', 'two']);
    await f.client.tags.rename('one', 'first');
    assert.deepEqual((await f.client.get(id)).Tags, ['first', 'two']);
    await f.client.tags.delete('two');
    assert.deepEqual(await f.client.tags.get(), ['first']);
    await f.client.tags.set([id], ['reports']);
  });

  it('reports info', async () => {
    const info = await f.client.info();
    assert.equal(info.Messages, 1);
    assert.equal(typeof info.Version, 'string');
  });

  it('throws MailnestHTTPError with status, method and url', async () => {
    const error = await f.client.get('AAAAAAAAAAAAAAAAAAAAAA').catch((e: unknown) => e);
    assert.ok(error instanceof MailnestHTTPError);
    assert.equal(error.status, 404);
    assert.equal(error.method, 'GET');
    assert.equal(error.url, `${f.nest.url}api/v1/message/AAAAAAAAAAAAAAAAAAAAAA/raw`);
    assert.match(error.message, /^Request failed with status 404 Not Found: GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/message\/A+\/raw: 404 page not found$/);
  });

  it('throws MailnestHTTPError with status 0 when nothing listens', async () => {
    const closed = await startFixture();
    const url = closed.nest.url;
    await closed.close();
    const error = await new MailnestClient(url).list().catch((e: unknown) => e);
    assert.ok(error instanceof MailnestHTTPError);
    assert.equal(error.status, 0);
    assert.match(error.message, /^Request failed: GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/messages/);
  });

  it('deletes the given messages, nothing for an empty list, and everything with no argument', async () => {
    const other = queuedId(await f.send({ to: 'bob@example.com', subject: 'Second' }));
    await f.client.delete([]);
    assert.equal((await f.client.list()).total, 2);
    await f.client.delete([other]);
    assert.deepEqual((await f.client.list()).messages.map((m) => m.ID), [id]);
    await f.client.delete();
    assert.equal((await f.client.list()).total, 0);
  });
});

describe('MailnestClient with Basic auth', () => {
  let f: Fixture;
  let dir: string;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mailnest-client-auth-'));
    const file = path.join(dir, 'users');
    await writeFile(file, 'tester:s3cret\n');
    f = await startFixture({ uiAuthFile: file, client: { username: 'tester', password: 's3cret' } });
  });

  after(async () => {
    await f.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('sends credentials on requests and on the event stream', async () => {
    const waiting = f.client.waitForMessage('to:auth@example.com', { timeout: 5000 });
    await f.send({ to: 'auth@example.com', subject: 'Behind auth' });
    assert.equal((await waiting).Subject, 'Behind auth');
    assert.equal((await f.client.list()).total, 1);
  });

  it('takes credentials from the URL too', async () => {
    const url = new URL(f.nest.url);
    url.username = 'tester';
    url.password = 's3cret';
    assert.equal((await new MailnestClient(url.href).list()).total, 1);
  });

  it('fails with 401 without them, on requests and on the event stream', async () => {
    const anonymous = new MailnestClient(f.nest.url);
    const error = await anonymous.list().catch((e: unknown) => e);
    assert.ok(error instanceof MailnestHTTPError);
    assert.equal(error.status, 401);
    const refused = await anonymous.waitForMessage('to:x@example.com', { timeout: 5000 }).catch((e: unknown) => e);
    assert.ok(refused instanceof MailnestEventStreamError);
    assert.match(refused.message, /^event stream refused with status 401: ws:\/\/127\.0\.0\.1:\d+\/api\/events$/);
  });
});

describe('MailnestClient under a webroot', () => {
  let f: Fixture;

  before(async () => {
    f = await startFixture({ webroot: '/mail/' });
  });

  after(() => f.close());

  it('prefixes the API and the event stream with it', async () => {
    assert.match(f.nest.url, /\/mail\/$/);
    const waiting = f.client.waitForMessage('to:root@example.com', { timeout: 5000 });
    await f.send({ to: 'root@example.com', subject: 'Under /mail/' });
    assert.equal((await waiting).Subject, 'Under /mail/');
    assert.equal((await f.client.list()).total, 1);
  });
});
