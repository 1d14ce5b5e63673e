/**
 * Mailpit API v1 response shapes. Key order, `null` versus `[]` and the time formats follow what
 * Mailpit's Go structs emit, because Mailpit's clients (mailpit-api, cypress-mailpit, the UI)
 * read them. See /work/shared/mailpit-api.md.
 */
import type { Address, ReadonlyStoredMessage, StoreStats } from '../store/types.ts';

export type { Address };
import type { MessagePart, ParsedMessage } from '../mail/types.ts';
import { dateHeaderOffset, formatLocalRfc3339, formatRfc3339 } from './go-time.ts';

/**
 * Where a summary goes. Mailpit's stored metadata omits empty address lists, so `list` and
 * `search` print `null` for them, except that `/messages` forces `ReplyTo` to `[]`; websocket
 * `new` events force every list to `[]`.
 */
export type SummaryVariant = 'list' | 'search' | 'event';

/** One row of a list or search result, and the `Data` of a `new` event. */
export interface MessageSummary {
  ID: string;
  MessageID: string;
  Read: boolean;
  From: Address;
  /** `null` when empty in list and search results (Mailpit's quirk). */
  To: Address[] | null;
  Cc: Address[] | null;
  Bcc: Address[] | null;
  ReplyTo: Address[] | null;
  Subject: string;
  /** RFC 3339 received time. */
  Created: string;
  Username: string;
  Tags: string[];
  Size: number;
  /** Attachment count. */
  Attachments: number;
  Snippet: string;
}

/** What `/api/v1/messages` and `/api/v1/search` answer. */
export interface MessagesSummary {
  total: number;
  unread: number;
  count: number;
  messages_count: number;
  messages_unread: number;
  start: number;
  tags: string[];
  messages: MessageSummary[];
}

export interface AttachmentShape {
  PartID: string;
  FileName: string;
  ContentType: string;
  ContentID: string;
  Size: number;
  Checksums: { MD5: string; SHA1: string; SHA256: string };
}

export interface MessageShape {
  ID: string;
  MessageID: string;
  From: Address;
  To: Address[];
  Cc: Address[];
  Bcc: Address[];
  ReplyTo: Address[];
  ReturnPath: string;
  Subject: string;
  ListUnsubscribe: { Header: string; Links: string[]; Errors: string; HeaderPost: string };
  Date: string;
  Tags: string[];
  Username: string;
  Text: string;
  HTML: string;
  Size: number;
  Inline: AttachmentShape[];
  Attachments: AttachmentShape[];
}

const copyAddress = (a: Address): Address => ({ Name: a.Name, Address: a.Address });
const addresses = (list: readonly Address[]): Address[] => list.map(copyAddress);
const orNull = (list: readonly Address[]): Address[] | null => (list.length ? addresses(list) : null);

/**
 * One row of `/messages`, `/search` or a websocket `new` frame.
 * @example toMessageSummary(store.latest()!, 'list').Created // "2025-03-08T23:58:34.665+13:00"
 */
export function toMessageSummary(m: ReadonlyStoredMessage, variant: SummaryVariant): MessageSummary {
  const forceArrays = variant === 'event';
  return {
    ID: m.id,
    MessageID: m.messageId,
    Read: m.read,
    From: copyAddress(m.from),
    To: forceArrays ? addresses(m.to) : orNull(m.to),
    Cc: forceArrays ? addresses(m.cc) : orNull(m.cc),
    Bcc: forceArrays ? addresses(m.bcc) : orNull(m.bcc),
    ReplyTo: variant === 'search' ? orNull(m.replyTo) : addresses(m.replyTo),
    Subject: m.subject,
    Created: formatLocalRfc3339(m.created),
    Username: m.envelope.username,
    Tags: [...m.tags],
    Size: m.size,
    Attachments: m.attachments,
    Snippet: m.snippet,
  };
}

/** A page of results plus the mailbox-wide counters Mailpit prints around it. */
export interface SummaryPage {
  /** Mailbox-wide totals (`store.stats()`). */
  stats: Pick<StoreStats, 'total' | 'unread'>;
  /** Every tag in use (`store.tags()`). */
  tags: readonly string[];
  /** Pagination offset that was applied. */
  start: number;
  /** The messages on this page, newest first. */
  messages: readonly ReadonlyStoredMessage[];
  /** How many messages matched in all (for `/messages`, the mailbox total). */
  matched: number;
  /** How many of the matches are unread. */
  matchedUnread: number;
}

/**
 * The MessagesSummary body of `/messages` (variant `list`) and `/search` (variant `search`).
 * @example toMessagesSummary({ stats: store.stats(), tags: store.tags(), start: 0, messages, matched: 1, matchedUnread: 1 }, 'search')
 */
export function toMessagesSummary(page: SummaryPage, variant: 'list' | 'search'): MessagesSummary {
  return {
    total: page.stats.total,
    unread: page.stats.unread,
    count: page.messages.length,
    messages_count: page.matched,
    messages_unread: page.matchedUnread,
    start: page.start,
    tags: [...page.tags],
    messages: page.messages.map((m) => toMessageSummary(m, variant)),
  };
}

export function toAttachment(part: MessagePart): AttachmentShape {
  return {
    PartID: part.partId,
    FileName: part.fileName,
    ContentType: part.contentType,
    ContentID: part.contentId,
    Size: part.size,
    Checksums: { MD5: part.checksums.MD5, SHA1: part.checksums.SHA1, SHA256: part.checksums.SHA256 },
  };
}

/** The `Date` of a message: its Date header in the header's own offset, else the received time. */
function messageDate(m: ReadonlyStoredMessage, parsed: ParsedMessage): string {
  const date = parsed.date ?? m.date;
  if (date === null) return formatLocalRfc3339(m.created);
  const header = parsed.headers['Date']?.[0];
  const offset = header === undefined ? null : dateHeaderOffset(header);
  return offset === null ? formatLocalRfc3339(date) : formatRfc3339(date, offset);
}

/** GET /api/v1/message/{ID}: address lists are always arrays here. */
export function toMessage(m: ReadonlyStoredMessage, parsed: ParsedMessage): MessageShape {
  const lu = parsed.listUnsubscribe;
  return {
    ID: m.id,
    MessageID: m.messageId,
    From: copyAddress(m.from),
    To: addresses(m.to),
    Cc: addresses(m.cc),
    Bcc: addresses(m.bcc),
    ReplyTo: addresses(m.replyTo),
    ReturnPath: m.returnPath,
    Subject: m.subject,
    ListUnsubscribe: { Header: lu.Header, Links: [...lu.Links], Errors: lu.Errors, HeaderPost: lu.HeaderPost },
    Date: messageDate(m, parsed),
    Tags: [...m.tags],
    Username: m.envelope.username,
    Text: parsed.text,
    HTML: parsed.html,
    Size: m.size,
    Inline: parsed.inline.map(toAttachment),
    Attachments: parsed.attachments.map(toAttachment),
  };
}

/** Mailpit's websocket `stats` payload. */
export function toStats(stats: Pick<StoreStats, 'total' | 'unread'>, version: string): { Total: number; Unread: number; Version: string } {
  return { Total: stats.total, Unread: stats.unread, Version: version };
}
