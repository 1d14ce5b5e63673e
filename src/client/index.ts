import { EventStream } from './event-stream.ts';
import { messageIdOf, parseMessage } from './parse-message.ts';
import { createRequester } from './request.ts';
import type { Requester } from './request.ts';
import { waitFor } from './wait-for.ts';
import type { MessagePredicate, WaitDeps, WaitOptions } from './wait-for.ts';
import type { Info, Message, MessageSummary, MessagesSummary } from './types.ts';

export { MailnestEventStreamError, MailnestHTTPError, MailnestTimeoutError } from './errors.ts';
export { extractLinks } from './extract-links.ts';
export { extractCode, extractCodes } from './extract-codes.ts';
export type { ExtractCodesOptions } from './extract-codes.ts';
export type { MessagePredicate, WaitOptions } from './wait-for.ts';
export type { Address, EventFrame, Info, Message, MessageAttachment, MessageSummary, MessagesSummary } from './types.ts';

export interface MailnestClientOptions {
  /** HTTP Basic auth (Mailnest's --ui-auth-file); also sent on the event stream. */
  username?: string;
  password?: string;
  /** A fetch implementation (default: the global fetch). */
  fetch?: typeof fetch;
}

export interface PageOptions {
  start?: number;
  /** Default 50; 0 means no limit (Mailpit's rule). */
  limit?: number;
}

export interface SearchOptions extends PageOptions {
  /** Time zone for `before:`/`after:` (e.g. `Europe/Berlin`). */
  tz?: string;
}

export interface GetOptions {
  /** Mark the message read, as Mailpit's UI does when it opens one (default false). */
  markRead?: boolean;
}

const encodeId = (id: string) => encodeURIComponent(id);

/**
 * A typed client for a running Mailnest (or Mailpit): the REST API with Mailpit's field names,
 * race-free waits on the event stream, and no read side effects unless asked.
 *
 * @example
 * const client = new MailnestClient('http://127.0.0.1:8025');
 * const message = await client.waitForMessage('to:alice@example.com subject:Welcome', { timeout: 5000 });
 * console.log(message.Subject, extractLinks(message));
 */
export class MailnestClient {
  /** The base URL requests go to, without a trailing slash. */
  readonly url: string;
  readonly #http: Requester;
  readonly #events: EventStream;
  readonly #wait: WaitDeps;

  constructor(url: string, options: MailnestClientOptions = {}) {
    this.#http = createRequester(url, options);
    this.url = this.#http.base;
    this.#events = new EventStream(this.#http.base, this.#http.authorization);
    this.#wait = {
      events: this.#events,
      page: (query, start, limit, tz) => (query ? this.search(query, { start, limit, tz }) : this.list({ start, limit })),
      read: (summary) => this.#read(summary),
      markRead: (ids) => this.markRead(ids, true),
    };
  }

  /** Messages, newest first (`GET /api/v1/messages`). */
  list(options: PageOptions = {}): Promise<MessagesSummary> {
    return this.#http.json('GET', '/api/v1/messages', { query: { start: options.start, limit: options.limit } });
  }

  /** Messages matching a Mailpit search query, newest first (`GET /api/v1/search`). */
  search(query: string, options: SearchOptions = {}): Promise<MessagesSummary> {
    return this.#http.json('GET', '/api/v1/search', { query: { query, start: options.start, limit: options.limit, tz: options.tz } });
  }

  /**
   * A message in full: bodies, headers, and attachments with their content as Buffers. Read from
   * the raw source and parsed here, so it does not mark the message read unless asked.
   * `id` may be `latest`.
   */
  async get(id: string, options: GetOptions = {}): Promise<Message> {
    let summary: MessageSummary | undefined;
    if (id === 'latest') {
      summary = (await this.list({ limit: 1 })).messages[0];
      // Mailpit's own answer for an empty mailbox, with its 404.
      if (!summary) return this.#http.json<Message>('GET', '/api/v1/message/latest');
    }
    const raw = await this.raw(summary?.ID ?? id);
    // Tags, user and envelope Bcc live in the index, not in the source: find the list entry.
    summary ??= await this.#findSummary(id, messageIdOf(raw));
    const message = await parseMessage(raw, summary ?? { ID: id });
    if (options.markRead) await this.markRead([message.ID], true);
    return message;
  }

  /** The raw source, byte for byte (`GET /api/v1/message/{ID}/raw`). */
  raw(id: string): Promise<Buffer> {
    return this.#http.bytes('GET', `/api/v1/message/${encodeId(id)}/raw`);
  }

  /**
   * Deletes the given messages; with no argument, every message. An empty list deletes nothing
   * (Mailpit would read it as "all").
   */
  async delete(ids?: readonly string[]): Promise<void> {
    if (ids === undefined) {
      await this.#http.text('DELETE', '/api/v1/messages');
      return;
    }
    if (ids.length === 0) return;
    await this.#http.text('DELETE', '/api/v1/messages', { body: { IDs: ids } });
  }

  /** Deletes every message matching a search query. */
  async deleteSearch(query: string, options: { tz?: string } = {}): Promise<void> {
    await this.#http.text('DELETE', '/api/v1/search', { query: { query, tz: options.tz } });
  }

  /** Marks messages read (or unread). An empty list changes nothing (Mailpit would read it as "all"). */
  async markRead(ids: readonly string[], read = true): Promise<void> {
    if (ids.length === 0) return;
    await this.#http.text('PUT', '/api/v1/messages', { body: { IDs: ids, Read: read } });
  }

  /** Tags: list them, replace a message's tags, rename or delete one everywhere. */
  readonly tags = {
    get: (): Promise<string[]> => this.#http.json('GET', '/api/v1/tags'),
    set: async (ids: readonly string[], tags: readonly string[]): Promise<void> => {
      await this.#http.text('PUT', '/api/v1/tags', { body: { IDs: ids, Tags: tags } });
    },
    rename: async (tag: string, name: string): Promise<void> => {
      await this.#http.text('PUT', `/api/v1/tags/${encodeURIComponent(tag)}`, { body: { Name: name } });
    },
    delete: async (tag: string): Promise<void> => {
      await this.#http.text('DELETE', `/api/v1/tags/${encodeURIComponent(tag)}`);
    },
  };

  /** Server version, message counts, tags and runtime statistics. */
  info(): Promise<Info> {
    return this.#http.json('GET', '/api/v1/info');
  }

  /**
   * Resolves with the newest message matching a Mailpit search query (or accepted by a predicate
   * on the full message), whether it arrived before the call or arrives while waiting. Rejects with
   * MailnestTimeoutError, which says what it waited for and what did arrive.
   *
   * @example
   * const message = await client.waitForMessage('to:alice@example.com subject:"Confirm your email"');
   * const byBody = await client.waitForMessage((m) => m.Text.includes('reset'), { query: 'to:bob@example.com' });
   */
  async waitForMessage(match: string | MessagePredicate, options: WaitOptions = {}): Promise<Message> {
    const [message] = await this.#waitFor(match, 1, options);
    return message!;
  }

  /**
   * Resolves with `count` matching messages, newest first, once that many exist.
   *
   * @example
   * const [second, first] = await client.waitForMessages('to:team@example.com', 2);
   */
  waitForMessages(match: string | MessagePredicate | undefined, count: number, options: WaitOptions = {}): Promise<Message[]> {
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`waitForMessages: count must be a whole number of at least 1, got ${count}`);
    return this.#waitFor(match, count, options);
  }

  /** Closes the event stream now (waits in progress reject). Safe to call more than once. */
  close(): void {
    this.#events.close();
  }

  #waitFor(match: string | MessagePredicate | undefined, count: number, options: WaitOptions): Promise<Message[]> {
    if (typeof match === 'function') return waitFor(this.#wait, options.query || undefined, match, count, options);
    return waitFor(this.#wait, match || undefined, undefined, count, options);
  }

  async #read(summary: MessageSummary): Promise<Message> {
    const raw = await this.raw(summary.ID);
    return parseMessage(raw, summary);
  }

  /** The list entry of a message, for what its source cannot say (tags, user, envelope Bcc). */
  async #findSummary(id: string, messageId: string): Promise<MessageSummary | undefined> {
    if (!messageId) return undefined;
    const hits = await this.search(`message-id:"${messageId.replace(/"/g, '')}"`, { limit: 0 });
    return hits.messages.find((m) => m.ID === id);
  }
}
