import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createParsedCache } from '../../src/http/parsed-cache.ts';
import { openStore } from '../../src/store/open.ts';

const envelope = { mailFrom: 'a@example.com', rcptTo: ['b@example.com'], username: '', remoteAddress: '', tls: false };

describe('parsed message cache', () => {
  it('parses once per message, and evicts the oldest when over its byte budget', async () => {
    const store = await openStore({ dataDir: null });
    const ids: string[] = [];
    for (let n = 0; n < 3; n++) {
      ids.push((await store.add(Buffer.from(`Subject: m${n}\r\n\r\n${'x'.repeat(1000)}\r\n`), envelope)).id);
    }
    let reads = 0;
    const raw = store.raw.bind(store);
    store.raw = (id: string) => (reads++, raw(id));
    const size = store.get(ids[0]!)!.size;
    const cache = createParsedCache(store, 32, size * 2);

    assert.equal((await cache.get(ids[0]!)).text.length > 0, true);
    await cache.get(ids[0]!);
    assert.equal(reads, 1, 'a hit does not reparse');
    await cache.get(ids[1]!);
    await cache.get(ids[2]!); // three messages exceed the two-message budget: ids[0] goes
    await cache.get(ids[2]!);
    assert.equal(reads, 3);
    await cache.get(ids[0]!);
    assert.equal(reads, 4, 'the evicted message is parsed again');
    await store.close();
  });
});
