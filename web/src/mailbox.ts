import * as api from './api/client.ts';
import { followEvents, type ConnectionState } from './api/events.ts';
import type { EventFrame, MessageSummary } from './api/types.ts';

export interface MailboxState {
  /** The query the list shows (blank: the whole mailbox). */
  search: string;
  start: number;
  limit: number;
  messages: MessageSummary[];
  /** Messages matching the query (the whole mailbox when there is none). */
  matches: number;
  /** Mailbox-wide counts, from list responses and `stats` frames. */
  total: number;
  unread: number;
  loading: boolean;
  /** The first page has arrived (until then, an empty list means "loading", not "empty"). */
  loaded: boolean;
  error: string | null;
  connection: ConnectionState;
  /** A short-lived note after the event stream came back. */
  reconnected: boolean;
}

export type MailboxSignal =
  | { kind: 'gone'; ids: string[] | 'all' }
  | { kind: 'update'; id: string; read?: boolean; tags?: string[] }
  | { kind: 'caught-up' };

const RELOAD_THROTTLE_MS = 250;
/** Under a burst of arrivals, render at most this often instead of once per frame. */
const FRAME_FLUSH_MS = 50;
const CATCH_UP_THROTTLE_MS = 1000;

/**
 * The inbox's model: one page of the list, the counts, and the connection, kept current by the
 * event stream. Views subscribe; nothing here touches the DOM.
 */
export class Mailbox {
  private state: MailboxState;
  private readonly listeners = new Set<(state: MailboxState) => void>();
  private readonly signalListeners = new Set<(signal: MailboxSignal) => void>();
  private loadController: AbortController | null = null;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private lastReload = 0;
  private pendingFrames: EventFrame[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private lastFlush = 0;
  private serverVersion: string | null = null;
  private stream: { close(): void } | null = null;
  private reconnectedTimer: ReturnType<typeof setTimeout> | undefined;
  private catchUpTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * Frames applied while a list request is in flight. Its answer may predate them (a row read or
   * deleted after the server built the page), so they are applied again on top of it.
   */
  private framesDuringLoad: EventFrame[] | null = null;

  constructor(limit = 50) {
    this.state = {
      search: '',
      start: 0,
      limit,
      messages: [],
      matches: 0,
      total: 0,
      unread: 0,
      loading: false,
      loaded: false,
      error: null,
      connection: 'connecting',
      reconnected: false,
    };
  }

  get current(): MailboxState {
    return this.state;
  }

  subscribe(listener: (state: MailboxState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onSignal(listener: (signal: MailboxSignal) => void): () => void {
    this.signalListeners.add(listener);
    return () => this.signalListeners.delete(listener);
  }

  start(): void {
    void this.reload();
    this.stream = followEvents({
      frame: (frame) => this.queueFrame(frame),
      state: (connection, reconnected) => {
        this.set({ connection, reconnected: reconnected || (connection === 'open' && this.state.reconnected) });
        if (reconnected) {
          // Anything may have happened while we were away: reload the page and tell open views.
          void this.reload();
          this.signal({ kind: 'caught-up' });
          clearTimeout(this.reconnectedTimer);
          this.reconnectedTimer = setTimeout(() => this.set({ reconnected: false }), 3000);
        }
      },
    });
  }

  stop(): void {
    this.stream?.close();
    this.loadController?.abort();
    clearTimeout(this.reloadTimer);
    clearTimeout(this.flushTimer);
    clearTimeout(this.reconnectedTimer);
    clearTimeout(this.catchUpTimer);
  }

  setSearch(search: string): void {
    if (search === this.state.search) return;
    this.set({ search, start: 0 });
    void this.reload();
  }

  setPage(start: number): void {
    const clamped = Math.max(0, start);
    if (clamped === this.state.start) return;
    this.set({ start: clamped });
    void this.reload();
  }

  /** Fetches the current page now; a newer call aborts an older one so the last answer wins. */
  async reload(): Promise<void> {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = undefined;
    this.lastReload = Date.now();
    this.loadController?.abort();
    const controller = new AbortController();
    this.loadController = controller;
    const { search, start, limit } = this.state;
    const framesDuringLoad: EventFrame[] = [];
    this.framesDuringLoad = framesDuringLoad;
    this.set({ loading: true });
    try {
      const page = await api.listMessages({ search, start, limit }, controller.signal);
      if (controller.signal.aborted) return;
      const messages = page.messages ?? [];
      // A delete can leave us past the last page: step back to the last one that has messages.
      if (messages.length === 0 && start > 0 && page.messages_count > 0) {
        this.set({ start: Math.max(0, Math.floor((page.messages_count - 1) / limit) * limit) });
        void this.reload();
        return;
      }
      this.set({
        messages,
        matches: page.messages_count,
        total: page.total,
        unread: page.unread,
        loading: false,
        loaded: true,
        error: null,
      });
      // Any reload these frames call for was scheduled when they first arrived.
      this.applyFrames(framesDuringLoad, false);
    } catch (error) {
      if (controller.signal.aborted) return;
      this.set({ loading: false, error: describe(error) });
    } finally {
      // A newer load (after an abort, or the step back above) keeps its own record.
      if (this.framesDuringLoad === framesDuringLoad) this.framesDuringLoad = null;
    }
  }

  /** Reloads soon, at most every RELOAD_THROTTLE_MS, so a storm of events costs a few requests. */
  scheduleReload(): void {
    if (this.reloadTimer !== undefined) return;
    const wait = Math.max(0, this.lastReload + RELOAD_THROTTLE_MS - Date.now());
    this.reloadTimer = setTimeout(() => void this.reload(), wait);
  }

  async setRead(ids: string[], read: boolean): Promise<void> {
    if (ids.length === 0) return;
    this.patchRows(new Set(ids), { Read: read });
    await this.guard(api.setRead(ids, read));
  }

  async markAllRead(): Promise<void> {
    this.set({ messages: this.state.messages.map((m) => (m.Read ? m : { ...m, Read: true })) });
    await this.guard(api.markAllRead());
    this.scheduleReload();
  }

  async delete(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    this.removeRows(new Set(ids));
    this.signal({ kind: 'gone', ids });
    await this.guard(api.deleteMessages(ids));
    this.scheduleReload();
  }

  async deleteAll(): Promise<void> {
    this.set({ messages: [], matches: 0, total: 0, unread: 0, start: 0 });
    this.signal({ kind: 'gone', ids: 'all' });
    await this.guard(api.deleteAll());
    this.scheduleReload();
  }

  /** Opening a message marks it read on the server; show that at once. */
  noteOpened(id: string): void {
    const row = this.state.messages.find((m) => m.ID === id);
    if (row && !row.Read) this.patchRows(new Set([id]), { Read: true });
  }

  private async guard(work: Promise<void>): Promise<void> {
    try {
      await work;
    } catch (error) {
      this.set({ error: describe(error) });
      this.scheduleReload();
    }
  }

  private queueFrame(frame: EventFrame): void {
    this.pendingFrames.push(frame);
    if (this.flushTimer !== undefined) return;
    const wait = Math.max(0, this.lastFlush + FRAME_FLUSH_MS - Date.now());
    this.flushTimer = setTimeout(() => this.flushFrames(), wait);
  }

  private flushFrames(): void {
    this.flushTimer = undefined;
    this.lastFlush = Date.now();
    const frames = this.pendingFrames;
    this.pendingFrames = [];
    this.framesDuringLoad?.push(...frames);
    if (this.applyFrames(frames, true)) this.scheduleReload();
  }

  /**
   * Applies event frames to the page; returns true when only a reload can show their effect.
   * `notify` is false when frames are replayed over a list answer: views already heard them.
   */
  private applyFrames(frames: EventFrame[], notify: boolean): boolean {
    const signal = (s: MailboxSignal): void => {
      if (notify) this.signal(s);
    };
    const arrived: MessageSummary[] = [];
    let reload = false;
    for (const frame of frames) {
      switch (frame.Type) {
        case 'new':
          arrived.push(frame.Data);
          break;
        case 'update': {
          const { ID, Read, Tags } = frame.Data;
          this.patchRows(new Set([ID]), {
            ...(Read === undefined ? {} : { Read }),
            ...(Tags === undefined ? {} : { Tags }),
          });
          signal({ kind: 'update', id: ID, read: Read, tags: Tags });
          // Read state changes what `is:unread` / `is:read` searches match.
          if (this.state.search) reload = true;
          break;
        }
        case 'delete':
          this.removeRows(new Set([frame.Data.ID]));
          signal({ kind: 'gone', ids: [frame.Data.ID] });
          reload = true;
          break;
        case 'truncate':
          this.set({ messages: [], matches: 0, start: 0 });
          signal({ kind: 'gone', ids: 'all' });
          reload = true;
          break;
        case 'prune':
          if (notify) this.scheduleCatchUp();
          reload = true;
          break;
        case 'stats':
          this.set({ total: frame.Data.Total, unread: frame.Data.Unread });
          if (!notify) break;
          // Mailpit's UI reloads when the server's version changes; so do we, to pick up a new app.
          if (this.serverVersion !== null && frame.Data.Version && frame.Data.Version !== this.serverVersion) {
            location.reload();
          }
          this.serverVersion = frame.Data.Version || this.serverVersion;
          break;
        default:
          break;
      }
    }
    if (arrived.length > 0) reload = this.showArrivals(arrived) || reload;
    return reload;
  }

  /**
   * Retention at full mailbox prunes on every arrival; tell open views to re-check at most once
   * a second rather than once per frame.
   */
  private scheduleCatchUp(): void {
    if (this.catchUpTimer !== undefined) return;
    this.catchUpTimer = setTimeout(() => {
      this.catchUpTimer = undefined;
      this.signal({ kind: 'caught-up' });
    }, CATCH_UP_THROTTLE_MS);
  }

  /** Puts new messages on top of the first page at once; returns true when a reload must do it. */
  private showArrivals(arrived: MessageSummary[]): boolean {
    const { search, start, limit, messages, matches } = this.state;
    // Only the first page of the whole mailbox can take arrivals as they are; a search must ask
    // the server which of them match, and later pages shift.
    if (search || start > 0 || arrived.length > limit) return true;
    const known = new Set(messages.map((m) => m.ID));
    const fresh = arrived.filter((m) => !known.has(m.ID)).reverse();
    if (fresh.length === 0) return false;
    this.set({ messages: [...fresh, ...messages].slice(0, limit), matches: matches + fresh.length });
    return false;
  }

  private patchRows(ids: Set<string>, patch: Partial<MessageSummary>): void {
    let changed = false;
    const messages = this.state.messages.map((m) => {
      if (!ids.has(m.ID)) return m;
      changed = true;
      return { ...m, ...patch };
    });
    if (changed) this.set({ messages });
  }

  private removeRows(ids: Set<string>): void {
    const messages = this.state.messages.filter((m) => !ids.has(m.ID));
    const removed = this.state.messages.length - messages.length;
    if (removed > 0) this.set({ messages, matches: Math.max(0, this.state.matches - removed) });
  }

  private set(patch: Partial<MailboxState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }

  private signal(signal: MailboxSignal): void {
    for (const listener of this.signalListeners) listener(signal);
  }
}

function describe(error: unknown): string {
  if (error instanceof api.ApiError) return error.message;
  if (error instanceof TypeError) return 'Cannot reach Mailnest (network error)';
  return error instanceof Error ? error.message : String(error);
}
