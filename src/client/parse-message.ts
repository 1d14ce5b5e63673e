import { digestMessage } from '../mail/digest.ts';
import { parseMessage as parseFull } from '../mail/parse.ts';
import { toMessage } from '../http/shapes.ts';
import type { StoredMessage } from '../store/types.ts';
import type { Address, Message, MessageAttachment } from './types.ts';
import type { MessagePart } from '../mail/types.ts';

/** What the raw source cannot tell: known from a summary (list, search, event), else defaults. */
export interface MessageMeta {
  ID: string;
  Read?: boolean;
  Tags?: string[];
  Username?: string;
  /** Envelope-only recipients the server lists as Bcc (they are in no header). */
  Bcc?: Address[] | null;
  /** Received time (RFC 3339), the fallback for a missing Date header. */
  Created?: string;
}

/** The Message-ID of a raw message, without parsing its bodies. */
export function messageIdOf(raw: Buffer): string {
  return digestMessage(raw, { mailFrom: '', rcptTo: [], username: '', remoteAddress: '', tls: false }).messageId;
}

/**
 * Builds Mailpit's `Message` from the raw source on the client, with the very parser and shape
 * the server's GET /api/v1/message uses, so reading a message has no side effect (that route
 * marks it read) and still gives the same answer, plus the headers and attachment contents.
 */
export async function parseMessage(raw: Buffer, meta: MessageMeta): Promise<Message> {
  const envelope = { mailFrom: '', rcptTo: [], username: meta.Username ?? '', remoteAddress: '', tls: false };
  const digest = digestMessage(raw, envelope);
  const created = meta.Created ? Date.parse(meta.Created) : NaN;
  const stored: StoredMessage = {
    ...digest,
    bcc: mergeAddresses(digest.bcc, meta.Bcc ?? []),
    tags: meta.Tags ?? digest.tags,
    id: meta.ID,
    created: Number.isNaN(created) ? Date.now() : created,
    size: raw.length,
    read: meta.Read ?? false,
    envelope,
  };
  const parsed = await parseFull(raw);
  const shaped = toMessage(stored, parsed);
  return {
    ...shaped,
    Inline: withContent(shaped.Inline, parsed.inline),
    Attachments: withContent(shaped.Attachments, parsed.attachments),
    Headers: parsed.headers,
  };
}

function withContent(shapes: ReturnType<typeof toMessage>['Inline'], parts: MessagePart[]): MessageAttachment[] {
  return shapes.map((shape, i) => ({ ...shape, Content: parts[i]!.content }));
}

function mergeAddresses(list: readonly Address[], extra: readonly Address[]): Address[] {
  const seen = new Set(list.map((a) => a.Address.toLowerCase()));
  return [...list, ...extra.filter((a) => !seen.has(a.Address.toLowerCase()))];
}
