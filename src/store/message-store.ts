import { EventEmitter } from 'node:events';
import { Low } from 'lowdb';
import type { Logger } from '../log.ts';
import { StoreError } from './errors.ts';
import { GroupCommit } from './group-commit.ts';
import { idGenerator } from './ids.ts';
import { RecordInterner } from './record-interning.ts';
import { indexOfId } from './sorted-index.ts';
import type { IndexAdapter, IndexData } from './index-adapter.ts';
import type { MessageFiles } from './message-files.ts';
import type { Digest, Envelope, ReadonlyStoredMessage, Store, StoreEvents, StoreStats, StoredMessage } from './types.ts';

export interface MessageStoreParts {
  adapter: IndexAdapter;
  files: MessageFiles;
  digest: (raw: Buffer, envelope: Envelope) => Digest;
  location: string;
  /** 0 = unlimited. */
  maxMessages: number;
  /** Milliseconds; 0 = no age limit. */
  maxAge: number;
  fsync: boolean;
  log: Logger;
}

// Retention deletes rewrite the oldest segment; under steady overflow, once a second is plenty.
const PRUNE_INTERVAL_MS = 1000;
const AGE_CHECK_INTERVAL_MS = 60_000;

/**
 * The message store: the whole index in memory (a lowdb document, oldest first), raw sources in
 * `.eml` files, and every change made durable through one group commit before it is acknowledged.
 */
export class MessageStore extends EventEmitter<StoreEvents> implements Store {
  readonly location: string;
  readonly #db: Low<IndexData>;
  readonly #adapter: IndexAdapter;
  readonly #files: MessageFiles;
  readonly #digest: MessageStoreParts['digest'];
  readonly #commit: GroupCommit;
  readonly #log: Logger;
  readonly #fsync: boolean;
  readonly #maxMessages: number;
  readonly #maxAge: number;
  readonly #nextId = idGenerator();
  readonly #interner = new RecordInterner();
  readonly #byId = new Map<string, StoredMessage>();
  readonly #tagCounts = new Map<string, number>();
  #unread = 0;
  #size = 0;
  #closed: Promise<void> | null = null;
  #pruneTimer: NodeJS.Timeout | null = null;
  #pruning = false;
  #lastPrune = 0;
  readonly #ageTimer: NodeJS.Timeout | null = null;

  private constructor(parts: MessageStoreParts) {
    super();
    this.location = parts.location;
    this.#adapter = parts.adapter;
    this.#files = parts.files;
    this.#digest = parts.digest;
    this.#log = parts.log;
    this.#fsync = parts.fsync;
    this.#maxMessages = parts.maxMessages;
    this.#maxAge = parts.maxAge;
    this.#db = new Low<IndexData>(parts.adapter, { messages: [] });
    this.#commit = new GroupCommit(async () => {
      // One directory fsync per group makes every message file created before it durable by name.
      if (this.#fsync) await this.#files.syncDirectory();
      await this.#db.write();
    });
    if (this.#maxAge > 0) {
      this.#ageTimer = setInterval(() => this.#scheduleRetention(), Math.min(AGE_CHECK_INTERVAL_MS, this.#maxAge));
      this.#ageTimer.unref();
    }
  }

  /** Loads the index, removes what a crash left behind, and applies retention. */
  static async open(parts: MessageStoreParts): Promise<MessageStore> {
    const store = new MessageStore(parts);
    await store.#db.read();
    for (const message of store.#list) store.#track(store.#interner.intern(message), 1);
    const orphans = await parts.files.removeOrphans((id) => store.#byId.has(id));
    if (orphans > 0) parts.log.info(`removed ${orphans} orphaned message file(s) left by an interrupted write`);
    store.#scheduleRetention();
    return store;
  }

  get #list(): StoredMessage[] {
    return this.#db.data.messages;
  }

  get bytesWritten(): { index: number; messages: number } {
    return { index: this.#adapter.bytesWritten, messages: this.#files.bytesWritten };
  }

  /** Adds (sign 1) or removes (sign -1) a message from the in-memory lookups and counters. */
  #track(message: StoredMessage, sign: 1 | -1): void {
    if (sign === 1) this.#byId.set(message.id, message);
    else this.#byId.delete(message.id);
    if (!message.read) this.#unread += sign;
    this.#size += sign * message.size;
    this.#countTags(message.tags, sign);
  }

  #countTags(tags: readonly string[], sign: 1 | -1): void {
    for (const tag of tags) {
      const count = (this.#tagCounts.get(tag) ?? 0) + sign;
      if (count > 0) this.#tagCounts.set(tag, count);
      else this.#tagCounts.delete(tag);
    }
  }

  #assertOpen(action: string): void {
    if (this.#closed) throw new StoreError(`${action}: the store is closed`);
  }

  async add(raw: Buffer, envelope: Envelope, options: { receivedAt?: number } = {}): Promise<ReadonlyStoredMessage> {
    this.#assertOpen('store message');
    const created = options.receivedAt ?? Date.now();
    const message: StoredMessage = this.#interner.intern({
      id: this.#nextId(created),
      created,
      size: raw.length,
      read: false,
      ...this.#digest(raw, envelope),
      envelope,
    });
    await this.#files.write(message.id, raw);
    this.#adapter.stage({ added: [message] });
    await this.#commit.request();

    const list = this.#list;
    if (list.length === 0 || list[list.length - 1]!.id < message.id) list.push(message);
    else list.splice(indexOfId(list, message.id), 0, message);
    this.#track(message, 1);
    this.emit('new', message);
    this.#scheduleRetention();
    return message;
  }

  get(id: string): ReadonlyStoredMessage | undefined {
    return this.#byId.get(id);
  }

  latest(): ReadonlyStoredMessage | undefined {
    return this.#list[this.#list.length - 1];
  }

  *messages(): IterableIterator<ReadonlyStoredMessage> {
    const list = this.#list;
    for (let i = list.length - 1; i >= 0; i--) {
      const message = list[i];
      if (message) yield message;
    }
  }

  stats(): StoreStats {
    return { total: this.#list.length, unread: this.#unread, size: this.#size };
  }

  tags(): string[] {
    return [...this.#tagCounts.keys()].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
  }

  /** How many messages carry each tag (for /api/v1/info). */
  tagCounts(): Record<string, number> {
    return Object.fromEntries(this.tags().map((tag) => [tag, this.#tagCounts.get(tag)!]));
  }

  async raw(id: string): Promise<Buffer> {
    if (!this.#byId.has(id)) throw new StoreError(`read message ${id}: no such message`, { code: 'ENOENT' });
    return this.#files.read(id);
  }

  async setRead(ids: readonly string[], read: boolean): Promise<string[]> {
    this.#assertOpen('mark messages read');
    const changed: string[] = [];
    for (const id of ids) {
      const message = this.#byId.get(id);
      if (!message || message.read === read) continue;
      message.read = read;
      this.#unread += read ? -1 : 1;
      changed.push(id);
    }
    if (changed.length === 0) return changed;
    this.#adapter.stage({ changed });
    await this.#commit.request();
    for (const id of changed) this.emit('read', { id, read });
    return changed;
  }

  async setTags(ids: readonly string[], tags: readonly string[]): Promise<void> {
    this.#assertOpen('set tags');
    const unique = [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
    const changed: StoredMessage[] = [];
    for (const id of ids) {
      const message = this.#byId.get(id);
      if (!message) continue;
      this.#countTags(message.tags, -1);
      message.tags = this.#interner.tags(unique);
      this.#countTags(message.tags, 1);
      changed.push(message);
    }
    if (changed.length === 0) return;
    this.#adapter.stage({ changed: changed.map((m) => m.id) });
    await this.#commit.request();
    for (const message of changed) this.emit('tags', { id: message.id, tags: [...message.tags] });
  }

  async renameTag(from: string, to: string): Promise<void> {
    await this.#editTags(from, (tags) => [...new Set(tags.map((t) => (t === from ? to : t)))]);
  }

  async deleteTag(tag: string): Promise<void> {
    await this.#editTags(tag, (tags) => tags.filter((t) => t !== tag));
  }

  async #editTags(tag: string, edit: (tags: string[]) => string[]): Promise<void> {
    this.#assertOpen(`edit tag "${tag}"`);
    const changed: string[] = [];
    for (const message of this.#list) {
      if (!message.tags.includes(tag)) continue;
      this.#countTags(message.tags, -1);
      message.tags = this.#interner.tags(edit(message.tags));
      this.#countTags(message.tags, 1);
      changed.push(message.id);
    }
    if (changed.length === 0) return;
    this.#adapter.stage({ changed });
    await this.#commit.request();
    this.emit('prune');
  }

  async delete(ids: readonly string[]): Promise<string[]> {
    this.#assertOpen('delete messages');
    const removed = await this.#remove(ids);
    if (removed.length > 0) this.emit('delete', removed);
    return removed;
  }

  /** Removes messages from memory, then the index, then their files (so a crash leaves only orphans). */
  async #remove(ids: readonly string[]): Promise<string[]> {
    const removed = [...new Set(ids)].filter((id) => this.#byId.has(id));
    if (removed.length === 0) return removed;
    const list = this.#list;
    if (removed.length < 16) {
      for (const id of removed) list.splice(indexOfId(list, id), 1);
    } else {
      const gone = new Set(removed);
      let kept = 0;
      for (const message of list) if (!gone.has(message.id)) list[kept++] = message;
      list.length = kept;
    }
    for (const id of removed) this.#track(this.#byId.get(id)!, -1);
    this.#adapter.stage({ removed });
    await this.#commit.request();
    await this.#files.remove(removed);
    return removed;
  }

  async deleteAll(): Promise<void> {
    this.#assertOpen('delete all messages');
    this.#list.length = 0;
    this.#byId.clear();
    this.#tagCounts.clear();
    this.#unread = 0;
    this.#size = 0;
    this.#adapter.stage({ truncated: true });
    await this.#commit.request();
    await this.#files.removeAll();
    this.emit('truncate');
  }

  #scheduleRetention(): void {
    if (this.#pruneTimer || this.#pruning || this.#closed || this.#retentionVictims(1).length === 0) return;
    const wait = Math.max(0, this.#lastPrune + PRUNE_INTERVAL_MS - Date.now());
    this.#pruneTimer = setTimeout(() => {
      this.#pruneTimer = null;
      void this.#prune();
    }, wait);
  }

  /** The oldest messages beyond --max, then any older than --max-age (at most `limit`). */
  #retentionVictims(limit = Infinity): string[] {
    const list = this.#list;
    const overflow = this.#maxMessages > 0 ? Math.max(0, list.length - this.#maxMessages) : 0;
    const cutoff = this.#maxAge > 0 ? Date.now() - this.#maxAge : -Infinity;
    const victims: string[] = [];
    for (let i = 0; i < list.length && victims.length < limit; i++) {
      if (i >= overflow && list[i]!.created >= cutoff) break;
      victims.push(list[i]!.id);
    }
    return victims;
  }

  async #prune(): Promise<void> {
    this.#pruning = true;
    this.#lastPrune = Date.now();
    try {
      const removed = await this.#remove(this.#retentionVictims());
      if (removed.length > 0) {
        this.#log.debug(`retention removed ${removed.length} message(s)`);
        this.emit('prune');
      }
    } catch (error) {
      this.#log.error('retention: could not delete old messages', error);
    } finally {
      this.#pruning = false;
    }
    this.#scheduleRetention();
  }

  close(): Promise<void> {
    this.#closed ??= (async () => {
      if (this.#pruneTimer) clearTimeout(this.#pruneTimer);
      if (this.#ageTimer) clearInterval(this.#ageTimer);
      await this.#commit.drain();
      await this.#adapter.close();
    })();
    return this.#closed;
  }
}
