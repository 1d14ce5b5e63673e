import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { createEventsHub } from '../../src/http/events.ts';
import { silentLogger } from '../../src/log.ts';
import { openStore } from '../../src/store/open.ts';
import { startMailnest } from '../../src/index.ts';
import type { Mailnest } from '../../src/index.ts';
import { startNest as startTestServer } from '../helpers/test-server.ts';
import { plainMail, richMail, send } from './fixtures.ts';
import { request } from './http-request.ts';
import { EventClient } from './ws-client.ts';
import type { EventFrame } from './ws-client.ts';

const wsUrl = (nest: Mailnest) => `${nest.url.replace(/^http/, 'ws')}api/events`;
const envelope = { mailFrom: 'a@example.test', rcptTo: ['b@example.test'], username: '', remoteAddress: '', tls: false };
const rawMail = (n: number) => Buffer.from(`From: a@example.test\r\nTo: b@example.test\r\nSubject: bulk ${n}\r\n\r\nbody ${n}\r\n`);
const isType = (type: string, id?: string) => (f: EventFrame) => f.Type === type && (id === undefined || (f.Data as { ID?: string } | null)?.ID === id);

describe('/api/events', () => {
  let nest: Mailnest;
  let client: EventClient;
  before(async () => {
    nest = await startTestServer();
    client = await EventClient.open(wsUrl(nest));
  });

  it('sends stats on connect', async () => {
    const stats = await client.next(isType('stats'));
    assert.deepEqual(Object.keys(stats.Data as object), ['Total', 'Unread', 'Version']);
    assert.deepEqual({ ...(stats.Data as object), Version: undefined }, { Total: 0, Unread: 0, Version: undefined });
  });

  it('sends new with the message summary after an SMTP send, address lists as []', async () => {
    const id = await send(nest, plainMail);
    const frame = await client.next(isType('new'));
    assert.deepEqual(Object.keys(frame), ['Type', 'Data']);
    const data = frame.Data as Record<string, unknown>;
    assert.equal(data['ID'], id);
    assert.deepEqual(Object.keys(data), ['ID', 'MessageID', 'Read', 'From', 'To', 'Cc', 'Bcc', 'ReplyTo', 'Subject', 'Created', 'Username', 'Tags', 'Size', 'Attachments', 'Snippet']);
    assert.deepEqual(data['Cc'], [], 'events force empty lists to []');
    assert.deepEqual(data['Bcc'], []);
    assert.deepEqual(data['ReplyTo'], []);
    assert.equal(data['Subject'], 'Hello Bob');
    const stats = await client.next(isType('stats'));
    assert.equal((stats.Data as { Total: number }).Total, 1);
    assert.equal((stats.Data as { Unread: number }).Unread, 1);
  });

  it('sends update {ID, Read} when a message is opened', async () => {
    const id = nest.store.latest()!.id;
    await request(`${nest.url}api/v1/message/${id}`);
    const frame = await client.next(isType('update', id));
    assert.deepEqual(frame.Data, { ID: id, Read: true });
  });

  it('sends update {ID, Tags} when tags are set', async () => {
    const id = nest.store.latest()!.id;
    await request(`${nest.url}api/v1/tags`, { method: 'PUT', body: JSON.stringify({ IDs: [id], Tags: ['one', 'two'] }) });
    const frame = await client.next(isType('update', id));
    assert.deepEqual(frame.Data, { ID: id, Tags: ['one', 'two'] });
  });

  it('sends prune when a tag is renamed', async () => {
    await request(`${nest.url}api/v1/tags/one`, { method: 'PUT', body: '{"Name":"uno"}' });
    const frame = await client.next(isType('prune'));
    assert.equal(frame.Data, null);
  });

  it('sends delete {ID} for each deleted message', async () => {
    const a = await send(nest, richMail);
    const b = await send(nest, richMail);
    await request(`${nest.url}api/v1/messages`, { method: 'DELETE', body: JSON.stringify({ IDs: [a, b] }) });
    assert.deepEqual((await client.next(isType('delete'))).Data, { ID: a });
    assert.deepEqual((await client.next(isType('delete'))).Data, { ID: b });
  });

  it('sends one prune instead of more than 200 deletes', async () => {
    const before = client.ofType('delete').length;
    for (let i = 0; i < 201; i++) await nest.store.add(rawMail(i), envelope);
    await request(`${nest.url}api/v1/search?query=subject:bulk`, { method: 'DELETE' });
    await client.next(isType('prune'));
    assert.equal(client.ofType('delete').length, before);
    const stats = await client.next((f) => f.Type === 'stats' && (f.Data as { Total: number }).Total === 1);
    assert.ok(stats);
  });

  it('throttles stats during a burst', async () => {
    const before = client.ofType('stats').length;
    for (let i = 0; i < 50; i++) await nest.store.add(rawMail(i), envelope);
    await client.next((f) => f.Type === 'stats' && (f.Data as { Total: number }).Total === 51);
    assert.equal(client.ofType('new').length >= 51, true);
    assert.ok(client.ofType('stats').length - before < 50, 'fewer stats frames than changes');
  });

  it('sends truncate when everything is deleted', async () => {
    await request(`${nest.url}api/v1/messages`, { method: 'DELETE' });
    const frame = await client.next(isType('truncate'));
    assert.equal(frame.Data, null);
  });

  it('ignores what clients send', async () => {
    const other = await EventClient.open(wsUrl(nest));
    await other.next(isType('stats'));
    const id = await send(nest, plainMail);
    const frame = await other.next(isType('new'));
    assert.equal((frame.Data as { ID: string }).ID, id);
    other.close();
  });
});

describe('/api/events and shutdown', () => {
  it('closes clients with 1001 when the server closes, and close() can be called twice', async () => {
    const nest = await startMailnest({ smtpPort: 0, httpPort: 0, db: 'memory' });
    const client = await EventClient.open(wsUrl(nest));
    await client.next(isType('stats'));
    const closed = client.closed;
    await nest.close();
    assert.equal(await closed, 1001);
    await nest.close();
  });

  it('serves the stream under a webroot', async () => {
    const nest = await startTestServer({ webroot: '/mail/' });
    assert.match(nest.url, /\/mail\/$/);
    const client = await EventClient.open(wsUrl(nest));
    await client.next(isType('stats'));
    client.close();
  });
});

describe('events hub keep-alive', () => {
  it('pings clients and drops one that stops answering pongs', async () => {
    const store = await openStore({ dataDir: null });
    const hub = createEventsHub({ store, log: silentLogger, pingIntervalMs: 30 });
    const server = createServer((_req, res) => res.end());
    server.on('upgrade', (req, socket, head) => hub.handleUpgrade(req, socket, head));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const polite = new WebSocket(`ws://127.0.0.1:${port}/`);
      const pinged = new Promise<void>((resolve) => polite.once('ping', () => resolve()));
      const silent = new WebSocket(`ws://127.0.0.1:${port}/`, { autoPong: false });
      const dropped = new Promise<number>((resolve) => silent.once('close', (code) => resolve(code)));
      await pinged;
      assert.equal(await dropped, 1006, 'terminated without a closing handshake');
      polite.terminate();
    } finally {
      await hub.close();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    }
  });
});
