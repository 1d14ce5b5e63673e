import type { EventEmitter } from 'node:events';

/** An address as Go's net/mail prints it, which is what Mailpit's API uses. */
export interface Address {
  Name: string;
  Address: string;
}

/** What the SMTP layer (or another ingest path) knows about a message besides its bytes. */
export interface Envelope {
  /** MAIL FROM, '' for the null sender. */
  mailFrom: string;
  /** Every RCPT TO, in order. */
  rcptTo: string[];
  /** AUTH user, '' when the client did not authenticate. */
  username: string;
  /** Client IP address ('' when not from a socket). */
  remoteAddress: string;
  /** Whether the SMTP session was encrypted. */
  tls: boolean;
}

/**
 * What parsing the raw source at ingest yields: everything a summary, a list row and a search
 * need, and nothing more (bodies are parsed on demand from the .eml file).
 */
export interface Digest {
  /** Message-ID header without angle brackets, '' when missing. */
  messageId: string;
  /** From header's first address; {Name:'',Address:''} when missing. */
  from: Address;
  to: Address[];
  cc: Address[];
  /** Bcc header addresses plus envelope recipients found in neither To nor Cc. */
  bcc: Address[];
  replyTo: Address[];
  /** Return-Path header, else MAIL FROM, else From address. */
  returnPath: string;
  subject: string;
  /** Date header as epoch ms, null when missing or unparseable. */
  date: number | null;
  /** Text of the HTML part (or the text part), whitespace-collapsed, Mailpit's 200-byte cut + '...'. */
  snippet: string;
  /** Attachment count (Mailpit's `Attachments`). */
  attachments: number;
  /** Inline part count (for `has:inline`). */
  inline: number;
  /** Tags from X-Tags headers and plus-addressing, as Mailpit derives them. */
  tags: string[];
  /** Lowercased, punctuation-stripped text that free-text search matches (bounded in length). */
  searchText: string;
  /** Set when something could not be parsed; the raw source is still stored whole. */
  parseError?: string;
}

/** One stored message as the index holds it. Field names are short-lived internals, not API. */
export interface StoredMessage extends Digest {
  id: string;
  /** Received time, epoch ms. */
  created: number;
  /** Raw size in bytes. */
  size: number;
  read: boolean;
  envelope: Envelope;
}

export type ReadonlyStoredMessage = Readonly<StoredMessage>;

/** Events the store emits after the change they describe is durable. */
export interface StoreEvents {
  /** A message was stored (emitted right before its add() promise resolves). */
  new: [message: ReadonlyStoredMessage];
  /** Read state changed. */
  read: [change: { id: string; read: boolean }];
  /** Tags changed on one message. */
  tags: [change: { id: string; tags: string[] }];
  /** Messages deleted one by one (API or a small delete). */
  delete: [ids: string[]];
  /** Many messages went at once (retention, tag rename/delete, large delete): clients reload. */
  prune: [];
  /** Every message was deleted. */
  truncate: [];
}

export interface StoreStats {
  total: number;
  unread: number;
  /** Bytes of raw messages stored. */
  size: number;
}

/**
 * The message store. Every mutation resolves only once it is on disk (in memory mode, at once).
 * Listing methods return newest first.
 */
export interface Store extends EventEmitter<StoreEvents> {
  /** Stores a message; resolves with it once the .eml and its index entry are written. */
  add(raw: Buffer, envelope: Envelope, options?: { receivedAt?: number }): Promise<ReadonlyStoredMessage>;
  get(id: string): ReadonlyStoredMessage | undefined;
  /** The newest message, or undefined when empty. */
  latest(): ReadonlyStoredMessage | undefined;
  /** All messages, newest first. Cheap: an iterator over the in-memory index. */
  messages(): IterableIterator<ReadonlyStoredMessage>;
  stats(): StoreStats;
  /** All tags in use, sorted case-insensitively. */
  tags(): string[];
  /** How many messages carry each tag, in the order of tags(). */
  tagCounts(): Record<string, number>;
  /** The raw source; rejects with StoreError (code 'ENOENT') for an unknown ID. */
  raw(id: string): Promise<Buffer>;
  /** Marks messages read/unread; returns the IDs that changed. */
  setRead(ids: readonly string[], read: boolean): Promise<string[]>;
  /** Replaces the tags of each message. */
  setTags(ids: readonly string[], tags: readonly string[]): Promise<void>;
  renameTag(from: string, to: string): Promise<void>;
  deleteTag(tag: string): Promise<void>;
  /** Deletes messages; returns the IDs that existed. */
  delete(ids: readonly string[]): Promise<string[]>;
  deleteAll(): Promise<void>;
  /** Where the data lives ('memory' for the memory store). */
  readonly location: string;
  /** Bytes the store has written to disk since it opened (index and messages), for tests and benchmarks. */
  readonly bytesWritten: { index: number; messages: number };
  close(): Promise<void>;
}
