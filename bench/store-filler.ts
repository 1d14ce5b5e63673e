/**
 * Fills a data directory with generated messages straight through the store (no SMTP), so the
 * flatness and scale runs start from 10,000 or 100,000 stored in seconds. Its own process: argv[2]
 * is JSON `{ dataDir, total }`; adds messages until the store holds `total`, closes it, prints JSON.
 */
import { performance } from 'node:perf_hooks';
import { openStore } from '../src/store/open.ts';
import { createFillerFactory } from './message-generator.ts';

export interface FillRequest {
  dataDir: string;
  total: number;
}

export interface FillReport {
  added: number;
  total: number;
  ms: number;
}

/** Adds in flight at once: enough to fill every group commit. */
const WINDOW = 256;

const request = JSON.parse(process.argv[2] ?? '{}') as FillRequest;
const started = performance.now();
const store = await openStore({ dataDir: request.dataDir, maxMessages: 0 });
const already = store.stats().total;
const toAdd = Math.max(0, request.total - already);
const build = createFillerFactory();
// Received times a few ms apart, ending now: the fill reads as older mail than what the bench sends next.
const firstAt = Date.now() - toAdd * 5;
let next = 0;
let done = 0;

async function lane(): Promise<void> {
  for (let k = next++; k < toAdd; k = next++) {
    const i = already + k;
    const { raw, from } = build(i);
    await store.add(raw, { mailFrom: from, rcptTo: [`user${i % 37}@bench.test`], username: '', remoteAddress: '127.0.0.1', tls: false }, { receivedAt: firstAt + k * 5 });
    if (++done % 10_000 === 0) process.stderr.write(`bench: filled ${already + done} / ${request.total}\n`);
  }
}

await Promise.all(Array.from({ length: WINDOW }, lane));
const total = store.stats().total;
await store.close();
const report: FillReport = { added: toAdd, total, ms: performance.now() - started };
process.stdout.write(JSON.stringify(report) + '\n');
