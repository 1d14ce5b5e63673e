import { mkdir, open, readFile, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import { Memory } from 'lowdb';
import { StoreError } from './errors.ts';
import { appendPatch, parseSegment, serializeSegment } from './segment-file.ts';
import { findById } from './sorted-index.ts';
import type { StoredMessage } from './types.ts';

/** The lowdb document: every stored message, oldest first (IDs are time ordered). */
export interface IndexData {
  messages: StoredMessage[];
}

/** What changed in the document since the last write; the store stages it before `db.write()`. */
export interface IndexChanges {
  added?: readonly StoredMessage[];
  changed?: Iterable<string>;
  removed?: Iterable<string>;
  /** Everything was deleted. */
  truncated?: boolean;
}

/**
 * A lowdb adapter that knows what changed. lowdb's stock file adapter rewrites the whole document on
 * every write and never fsyncs; this one persists only the staged changes, so the cost of a write
 * does not grow with the number of messages stored.
 */
export interface IndexAdapter extends Adapter<IndexData> {
  stage(changes: IndexChanges): void;
  readonly bytesWritten: number;
  close(): Promise<void>;
}

/** lowdb's Memory adapter: nothing to persist, so staged changes are dropped. */
export class MemoryIndexAdapter extends Memory<IndexData> implements IndexAdapter {
  readonly bytesWritten = 0;
  stage(): void {}
  async close(): Promise<void> {}
}

interface Segment {
  /** IDs in file order (oldest first). */
  ids: Set<string>;
  /** Current file length in bytes. */
  size: number;
  /** Records the file holds, valid only while the file was last written by an append or rewrite. */
  written: number;
}

const SEGMENT_NAME = /^seg-(\d{6,})\.json$/;

function isStoredMessage(value: unknown): value is StoredMessage {
  return typeof value === 'object' && value !== null && typeof (value as StoredMessage).id === 'string' && typeof (value as StoredMessage).created === 'number';
}

/**
 * The index on disk: `index/seg-000001.json`, … Each segment holds at most `segmentSize` records
 * (oldest in the lowest number); arrivals are appended in place to the newest segment, and a change
 * to a stored message (read, tags, delete) rewrites only the segment holding it, via tmp + rename.
 */
export class SegmentedIndexAdapter implements IndexAdapter {
  readonly #dir: string;
  readonly #fsync: boolean;
  readonly #segmentSize: number;
  readonly #segments = new Map<number, Segment>();
  readonly #segmentOf = new Map<string, number>();
  #tail = 0;
  #tailHandle: { number: number; handle: FileHandle } | null = null;
  #staged: { added: StoredMessage[]; changed: Set<string>; removed: Set<string>; truncated: boolean } = SegmentedIndexAdapter.#emptyStage();
  /** Segments whose file must be rewritten from memory at the next write (after a failed write too). */
  readonly #dirty = new Set<number>();
  bytesWritten = 0;

  constructor(dir: string, options: { fsync: boolean; segmentSize: number }) {
    this.#dir = dir;
    this.#fsync = options.fsync;
    this.#segmentSize = options.segmentSize;
  }

  static #emptyStage() {
    return { added: [] as StoredMessage[], changed: new Set<string>(), removed: new Set<string>(), truncated: false };
  }

  #file(number: number): string {
    return path.join(this.#dir, `seg-${String(number).padStart(6, '0')}.json`);
  }

  async read(): Promise<IndexData> {
    await mkdir(this.#dir, { recursive: true });
    const numbers: number[] = [];
    for (const name of await readdir(this.#dir)) {
      const match = SEGMENT_NAME.exec(name);
      if (match) numbers.push(Number(match[1]));
      else if (name.endsWith('.tmp')) await unlink(path.join(this.#dir, name)); // a rewrite cut short by a crash
    }
    numbers.sort((a, b) => a - b);

    const messages: StoredMessage[] = [];
    for (const number of numbers) {
      let text: string;
      try {
        text = await readFile(this.#file(number), 'utf8');
      } catch (cause) {
        throw new StoreError(`read index segment ${this.#file(number)}`, { cause });
      }
      const { records, repaired } = parseSegment(text, isStoredMessage);
      const segment: Segment = { ids: new Set(), size: Buffer.byteLength(text), written: records.length };
      for (const record of records) {
        if (this.#segmentOf.has(record.id)) continue; // a record repeated by an interrupted rewrite
        segment.ids.add(record.id);
        this.#segmentOf.set(record.id, number);
        messages.push(record);
      }
      this.#segments.set(number, segment);
      if (repaired || segment.ids.size !== records.length) this.#dirty.add(number);
      this.#tail = number;
    }
    // Segments are written oldest first, so this is normally already sorted and the check is O(n).
    if (!messages.every((m, i) => i === 0 || messages[i - 1]!.id < m.id)) messages.sort((a, b) => (a.id < b.id ? -1 : 1));
    if (this.#dirty.size > 0) await this.#persist([], (id) => findById(messages, id));
    return { messages };
  }

  stage(changes: IndexChanges): void {
    const staged = this.#staged;
    if (changes.truncated) {
      this.#staged = { ...SegmentedIndexAdapter.#emptyStage(), truncated: true };
      return;
    }
    if (changes.added) staged.added.push(...changes.added);
    for (const id of changes.changed ?? []) staged.changed.add(id);
    for (const id of changes.removed ?? []) staged.removed.add(id);
  }

  /** Persists what was staged since the last write; `data` is the document those changes apply to. */
  async write(data: IndexData): Promise<void> {
    // Taken synchronously, so changes staged while this write runs go into the next one.
    const staged = this.#staged;
    this.#staged = SegmentedIndexAdapter.#emptyStage();

    if (staged.truncated) await this.#truncate();
    for (const id of staged.removed) {
      const number = this.#segmentOf.get(id);
      if (number === undefined) continue;
      this.#segmentOf.delete(id);
      this.#segments.get(number)?.ids.delete(id);
      this.#dirty.add(number);
    }
    for (const id of staged.changed) {
      const number = this.#segmentOf.get(id);
      if (number !== undefined) this.#dirty.add(number);
    }
    const pending = new Map(staged.added.map((m) => [m.id, m]));
    await this.#persist(staged.added, (id) => pending.get(id) ?? findById(data.messages, id));
  }

  async #truncate(): Promise<void> {
    await this.#closeTail();
    await Promise.all([...this.#segments.keys()].map((n) => unlink(this.#file(n)).catch(() => {})));
    this.#segments.clear();
    this.#segmentOf.clear();
    this.#dirty.clear();
    // Numbers keep growing so a segment file is never reused under a name a reader saw before.
  }

  async #persist(added: readonly StoredMessage[], lookup: (id: string) => StoredMessage | undefined): Promise<void> {
    const appends = new Map<number, StoredMessage[]>();
    for (const message of added) {
      let segment = this.#segments.get(this.#tail);
      if (!segment || segment.ids.size >= this.#segmentSize) {
        this.#tail += 1;
        segment = { ids: new Set(), size: 0, written: 0 };
        this.#segments.set(this.#tail, segment);
      }
      segment.ids.add(message.id);
      this.#segmentOf.set(message.id, this.#tail);
      let list = appends.get(this.#tail);
      if (!list) appends.set(this.#tail, (list = []));
      list.push(message);
    }

    const touched = new Set([...this.#dirty, ...appends.keys()]);
    let createdOrRenamed = false;
    try {
      for (const number of touched) {
        const segment = this.#segments.get(number);
        if (!segment) continue;
        if (this.#dirty.has(number)) {
          createdOrRenamed = (await this.#rewrite(number, segment, lookup)) || createdOrRenamed;
        } else {
          createdOrRenamed = (await this.#append(number, segment, appends.get(number) ?? [])) || createdOrRenamed;
        }
      }
      if (this.#fsync && createdOrRenamed) await this.#syncDirectory();
    } catch (cause) {
      // The files may now disagree with our bookkeeping: rebuild them from memory next time.
      for (const number of touched) this.#dirty.add(number);
      await this.#closeTail();
      throw new StoreError(`write index segments ${[...touched].join(', ')} in ${this.#dir}`, { cause });
    }
  }

  /** Appends records in place; returns true when it created the file. */
  async #append(number: number, segment: Segment, records: readonly StoredMessage[]): Promise<boolean> {
    if (records.length === 0) return false;
    const created = segment.size === 0;
    const { position, text } = created ? { position: 0, text: serializeSegment(records) } : appendPatch(segment.size, segment.written, records);
    const handle = await this.#tailFile(number, created);
    const buffer = Buffer.from(text);
    await handle.write(buffer, 0, buffer.length, position);
    if (this.#fsync) await handle.datasync();
    segment.size = position + buffer.length;
    segment.written += records.length;
    this.bytesWritten += buffer.length;
    return created;
  }

  /** Rewrites a segment whole from memory (tmp + rename), or deletes it when empty. */
  async #rewrite(number: number, segment: Segment, lookup: (id: string) => StoredMessage | undefined): Promise<boolean> {
    if (this.#tailHandle?.number === number) await this.#closeTail();
    this.#dirty.delete(number);
    const records: StoredMessage[] = [];
    for (const id of segment.ids) {
      const record = lookup(id);
      if (record) records.push(record);
      else {
        segment.ids.delete(id);
        this.#segmentOf.delete(id);
      }
    }
    if (records.length === 0 && number !== this.#tail) {
      await unlink(this.#file(number)).catch((cause: NodeJS.ErrnoException) => {
        if (cause.code !== 'ENOENT') throw cause;
      });
      this.#segments.delete(number);
      return true;
    }
    const text = serializeSegment(records);
    const tmp = this.#file(number) + '.tmp';
    if (this.#fsync) {
      const handle = await open(tmp, 'w');
      try {
        await handle.writeFile(text);
        await handle.datasync();
      } finally {
        await handle.close();
      }
    } else {
      await writeFile(tmp, text);
    }
    await rename(tmp, this.#file(number));
    segment.size = Buffer.byteLength(text);
    segment.written = records.length;
    this.bytesWritten += segment.size;
    return true;
  }

  async #tailFile(number: number, create: boolean): Promise<FileHandle> {
    if (this.#tailHandle?.number === number) return this.#tailHandle.handle;
    await this.#closeTail();
    const handle = await open(this.#file(number), create ? 'w' : 'r+');
    this.#tailHandle = { number, handle };
    return handle;
  }

  async #closeTail(): Promise<void> {
    const tail = this.#tailHandle;
    this.#tailHandle = null;
    await tail?.handle.close().catch(() => {});
  }

  async #syncDirectory(): Promise<void> {
    const handle = await open(this.#dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async close(): Promise<void> {
    await this.#closeTail();
  }
}
