import assert from 'node:assert/strict';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { StoreError } from '../../src/store/errors.ts';
import { idGenerator } from '../../src/store/ids.ts';
import { openStore } from '../../src/store/open.ts';
import type { Envelope } from '../../src/store/types.ts';
import { tmpDir } from '../helpers/tmp-dir.ts';

const envelope: Envelope = { mailFrom: 'app@example.com', rcptTo: ['alice@example.com'], username: '', remoteAddress: '127.0.0.1', tls: false };

function message(n: number, extra = ''): Buffer {
  return Buffer.from(`From: App <app@example.com>\r\nTo: alice@example.com\r\nSubject: Message ${n}\r\nMessage-ID: <m${n}@example.com>\r\n${extra}\r\nBody of message ${n}\r\n`);
}

function indexText(dir: string): string {
  const indexDir = path.join(dir, 'index');
  return readdirSync(indexDir).filter((f) => f.endsWith('.json')).map((f) => readFileSync(path.join(indexDir, f), 'utf8')).join('\n');
}

function assertValidSegments(dir: string): void {
  const indexDir = path.join(dir, 'index');
  for (const file of readdirSync(indexDir)) {
    assert.ok(file.endsWith('.json'), `unexpected file in index: ${file}`);
    assert.doesNotThrow(() => JSON.parse(readFileSync(path.join(indexDir, file), 'utf8')), file);
  }
}

describe('message store on disk', () => {
  it('keeps messages, read state, tags and deletions across a reopen', async () => {
    const dir = await tmpDir();
    const store = await openStore({ dataDir: dir });
    const [a, b, c] = [await store.add(message(1), envelope), await store.add(message(2), envelope), await store.add(message(3), envelope)];
    await store.setRead([a!.id], true);
    await store.setTags([b!.id], ['signup', 'eu']);
    await store.delete([c!.id]);
    await store.close();

    const reopened = await openStore({ dataDir: dir });
    assert.deepEqual([...reopened.messages()].map((m) => m.subject), ['Message 2', 'Message 1']);
    assert.equal(reopened.get(a!.id)?.read, true);
    assert.deepEqual(reopened.get(b!.id)?.tags, ['signup', 'eu']);
    assert.equal(reopened.get(c!.id), undefined);
    assert.deepEqual(reopened.stats(), { total: 2, unread: 1, size: message(1).length + message(2).length });
    assert.deepEqual(await reopened.raw(a!.id), message(1));
    assert.ok(!existsSync(path.join(dir, 'messages', `${c!.id}.eml`)), 'the deleted message file is gone');
    assertValidSegments(dir);
    await reopened.close();
  });

  it('resolves each add only once its .eml and index entry are on disk, under concurrency', async () => {
    const dir = await tmpDir();
    const store = await openStore({ dataDir: dir });
    const checks = Array.from({ length: 60 }, (_, n) =>
      store.add(message(n), envelope).then((stored) => {
        // Read synchronously at the moment of resolution: nothing may still be pending.
        assert.ok(indexText(dir).includes(`"id":"${stored.id}"`), `index entry for ${stored.id}`);
        assert.deepEqual(readFileSync(path.join(dir, 'messages', `${stored.id}.eml`)), message(n));
      }),
    );
    await Promise.all(checks);
    assert.equal(store.stats().total, 60);
    await store.close();
  });

  it('emits new after the message is stored, with its summary', async () => {
    const store = await openStore({ dataDir: null });
    const seen = once(store, 'new');
    const stored = await store.add(message(7), envelope);
    const [event] = await seen;
    assert.equal(event.id, stored.id);
    assert.equal(event.subject, 'Message 7');
    await store.close();
  });

  it('repairs an index segment torn by a crash and keeps appending to it', async () => {
    const dir = await tmpDir();
    const store = await openStore({ dataDir: dir });
    for (let n = 0; n < 5; n++) await store.add(message(n), envelope);
    await store.close();
    const [segment] = await readdir(path.join(dir, 'index'));
    const file = path.join(dir, 'index', segment!);
    // What a kill -9 in the middle of an append leaves: the closing bracket overwritten by half a record.
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.slice(0, -3) + ',\n{"id":"0000000000000000000000","crea');

    const reopened = await openStore({ dataDir: dir });
    assert.equal(reopened.stats().total, 5);
    assertValidSegments(dir);
    await reopened.add(message(5), envelope);
    await reopened.close();
    const again = await openStore({ dataDir: dir });
    assert.equal(again.stats().total, 6);
    assertValidSegments(dir);
    await again.close();
  });

  it('removes message files and temporary files that no index entry refers to', async () => {
    const dir = await tmpDir();
    const store = await openStore({ dataDir: dir });
    const kept = await store.add(message(1), envelope);
    await store.close();
    const orphan = idGenerator()();
    await writeFile(path.join(dir, 'messages', `${orphan}.eml`), 'From: half a mess');
    await appendFile(path.join(dir, 'index', 'seg-000001.json.tmp'), '[\n{"id"');

    const reopened = await openStore({ dataDir: dir });
    assert.deepEqual(await readdir(path.join(dir, 'messages')), [`${kept.id}.eml`]);
    assert.deepEqual((await readdir(path.join(dir, 'index'))).filter((f) => f.endsWith('.tmp')), []);
    await reopened.close();
  });

  it('starts new segments at the size bound and deletes segments that empty out', async () => {
    const dir = await tmpDir();
    const store = await openStore({ dataDir: dir, segmentSize: 4 });
    const ids: string[] = [];
    for (let n = 0; n < 10; n++) ids.push((await store.add(message(n), envelope)).id);
    assert.deepEqual(await readdir(path.join(dir, 'index')), ['seg-000001.json', 'seg-000002.json', 'seg-000003.json']);
    await store.delete(ids.slice(0, 4));
    assert.deepEqual(await readdir(path.join(dir, 'index')), ['seg-000002.json', 'seg-000003.json']);
    await store.close();
    const reopened = await openStore({ dataDir: dir, segmentSize: 4 });
    assert.deepEqual([...reopened.messages()].map((m) => m.id), ids.slice(4).reverse());
    await reopened.close();
  });

  it('deletes everything at once and stays empty after a reopen', async () => {
    const dir = await tmpDir();
    const store = await openStore({ dataDir: dir });
    for (let n = 0; n < 3; n++) await store.add(message(n), envelope);
    const truncated = once(store, 'truncate');
    await store.deleteAll();
    await truncated;
    assert.equal(store.stats().total, 0);
    await store.add(message(9), envelope);
    await store.close();
    const reopened = await openStore({ dataDir: dir });
    assert.deepEqual([...reopened.messages()].map((m) => m.subject), ['Message 9']);
    assert.equal((await readdir(path.join(dir, 'messages'))).length, 1);
    await reopened.close();
  });

  it('renames and deletes tags on every message that has them', async () => {
    const dir = await tmpDir();
    const store = await openStore({ dataDir: dir });
    const a = await store.add(message(1), envelope);
    const b = await store.add(message(2), envelope);
    await store.setTags([a.id, b.id], ['old', 'keep']);
    await store.renameTag('old', 'new');
    assert.deepEqual(store.tags(), ['keep', 'new']);
    await store.deleteTag('keep');
    await store.close();
    const reopened = await openStore({ dataDir: dir });
    assert.deepEqual(reopened.get(a.id)?.tags, ['new']);
    assert.deepEqual(reopened.tags(), ['new']);
    await reopened.close();
  });

  it('refuses work after close with a StoreError', async () => {
    const store = await openStore({ dataDir: null });
    await store.close();
    await store.close();
    await assert.rejects(store.add(message(1), envelope), StoreError);
  });
});

describe('retention', () => {
  it('keeps only the newest --max messages and emits prune', async () => {
    const dir = await tmpDir();
    const store = await openStore({ dataDir: dir, maxMessages: 3 });
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) ids.push((await store.add(message(n), envelope)).id);
    // Pruning runs at most once a second, so a burst may overshoot briefly before it settles.
    while (store.stats().total > 3) await once(store, 'prune');
    assert.deepEqual([...store.messages()].map((m) => m.id), ids.slice(2).reverse());
    assert.deepEqual((await readdir(path.join(dir, 'messages'))).sort(), ids.slice(2).map((id) => `${id}.eml`));
    await store.close();
  });

  it('deletes messages older than --max-age', async () => {
    const store = await openStore({ dataDir: null, maxAge: 60_000 });
    const pruned = once(store, 'prune');
    const old = await store.add(message(1), envelope, { receivedAt: Date.now() - 120_000 });
    const fresh = await store.add(message(2), envelope);
    await pruned;
    assert.equal(store.get(old.id), undefined);
    assert.ok(store.get(fresh.id));
    await store.close();
  });
});

describe('memory store', () => {
  it('keeps messages without touching the disk', async () => {
    const store = await openStore({ dataDir: null });
    const stored = await store.add(message(1), envelope);
    assert.equal(store.location, 'memory');
    assert.deepEqual(await store.raw(stored.id), message(1));
    assert.deepEqual(store.bytesWritten, { index: 0, messages: 0 });
    await store.close();
  });

  it('rejects raw() of an unknown ID with code ENOENT', async () => {
    const store = await openStore({ dataDir: null });
    await assert.rejects(store.raw('0000000000000000000000'), (error: StoreError) => error.code === 'ENOENT');
    await store.close();
  });
});

