import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { digestMessage } from '../../src/mail/digest.ts';
import { idGenerator } from '../../src/store/ids.ts';
import { openStore } from '../../src/store/open.ts';
import { serializeSegment } from '../../src/store/segment-file.ts';
import type { Envelope, StoredMessage } from '../../src/store/types.ts';
import { tmpDir } from '../helpers/tmp-dir.ts';

const envelope: Envelope = { mailFrom: 'app@example.com', rcptTo: ['alice@example.com'], username: '', remoteAddress: '127.0.0.1', tls: false };
const body = 'Hello Alice, please confirm your address by following the link below.\r\n'.repeat(60);

function raw(n: number): Buffer {
  return Buffer.from(`From: App <app@example.com>\r\nTo: Alice <alice@example.com>\r\nSubject: Welcome ${n}\r\nMessage-ID: <w${n}@example.com>\r\n\r\n${body}`);
}

/** Writes `count` index entries straight into segment files, as a store holding them would have. */
async function prefill(dir: string, count: number): Promise<void> {
  const template = digestMessage(raw(0), envelope);
  const nextId = idGenerator();
  const start = Date.now() - count;
  await mkdir(path.join(dir, 'index'), { recursive: true });
  for (let segment = 0; segment * 1000 < count; segment++) {
    const records: StoredMessage[] = [];
    for (let i = segment * 1000; i < Math.min(count, (segment + 1) * 1000); i++) {
      records.push({ id: nextId(start + i), created: start + i, size: 5000, read: false, ...template, subject: `Welcome ${i}`, envelope });
    }
    await writeFile(path.join(dir, 'index', `seg-${String(segment + 1).padStart(6, '0')}.json`), serializeSegment(records));
  }
}

/** Index bytes written per message while adding `count` messages, 10 at a time (concurrent arrivals). */
async function indexBytesPerMessage(dir: string, count: number): Promise<number> {
  const store = await openStore({ dataDir: dir });
  const before = store.bytesWritten.index;
  for (let n = 0; n < count; n += 10) {
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.add(raw(n + i), envelope)));
  }
  const perMessage = (store.bytesWritten.index - before) / count;
  await store.close();
  return perMessage;
}

describe('cost of storing one message', () => {
  it('writes the same index bytes per message with 10 or 100,000 messages stored', async () => {
    const small = await tmpDir();
    await prefill(small, 10);
    const large = await tmpDir();
    await prefill(large, 100_000);

    const atTen = await indexBytesPerMessage(small, 200);
    const atHundredThousand = await indexBytesPerMessage(large, 200);

    const entryBytes = JSON.stringify({ id: 'x'.repeat(22), ...digestMessage(raw(1), envelope), envelope }).length;
    // Appends carry only the new entries: about one entry's JSON each, whatever is stored already.
    assert.ok(atTen < entryBytes * 1.2, `index bytes per message with 10 stored: ${atTen}, entry is ${entryBytes}`);
    assert.ok(Math.abs(atHundredThousand - atTen) / atTen < 0.1, `10 stored: ${atTen} B/message, 100,000 stored: ${atHundredThousand} B/message`);
  });
});
