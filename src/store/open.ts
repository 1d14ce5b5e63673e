import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { digestMessage } from '../mail/digest.ts';
import { silentLogger } from '../log.ts';
import type { Logger } from '../log.ts';
import { StoreError } from './errors.ts';
import { MemoryIndexAdapter, SegmentedIndexAdapter } from './index-adapter.ts';
import { DiskMessageFiles, MemoryMessageFiles } from './message-files.ts';
import { MessageStore } from './message-store.ts';
import type { Digest, Envelope } from './types.ts';

export interface StoreOptions {
  /** Data directory; null keeps everything in memory. */
  dataDir: string | null;
  /** fsync each message and index write before it is acknowledged. */
  fsync?: boolean;
  /** Keep at most this many messages; 0 = unlimited (default). */
  maxMessages?: number;
  /** Milliseconds; 0 = no age limit (default). */
  maxAge?: number;
  log?: Logger;
  /** Records per index segment: bounds the cost of rewriting one after a change. */
  segmentSize?: number;
  /** Replaces the ingest parser (tests). */
  digest?: (raw: Buffer, envelope: Envelope) => Digest;
}

const DEFAULT_SEGMENT_SIZE = 1000;

async function diskParts(dataDir: string, fsync: boolean, segmentSize: number) {
  const root = path.resolve(dataDir);
  try {
    await mkdir(root, { recursive: true });
  } catch (cause) {
    throw new StoreError(`create data directory ${root}`, { cause });
  }
  const files = new DiskMessageFiles(root, fsync);
  await files.init();
  return { location: root, files, adapter: new SegmentedIndexAdapter(path.join(root, 'index'), { fsync, segmentSize }) };
}

/**
 * Opens (or creates) a message store.
 *
 * @example
 * const store = await openStore({ dataDir: '/tmp/mail' });
 * const message = await store.add(raw, envelope); // resolves once it is on disk
 */
export async function openStore(options: StoreOptions): Promise<MessageStore> {
  const fsync = options.fsync ?? false;
  const parts = options.dataDir === null
    ? { location: 'memory', files: new MemoryMessageFiles(), adapter: new MemoryIndexAdapter() }
    : await diskParts(options.dataDir, fsync, options.segmentSize ?? DEFAULT_SEGMENT_SIZE);
  return MessageStore.open({
    ...parts,
    digest: options.digest ?? digestMessage,
    maxMessages: options.maxMessages ?? 0,
    maxAge: options.maxAge ?? 0,
    fsync,
    log: options.log ?? silentLogger,
  });
}
