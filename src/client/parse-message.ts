import { createHash } from 'node:crypto';
import { simpleParser } from 'mailparser';
import type { AddressObject, Attachment, EmailAddress, HeaderLines } from 'mailparser';
import type { Address, Message, MessageAttachment } from './types.ts';

/** What the raw source cannot tell: known from a summary, or a lookup, or left at its default. */
export interface MessageMeta {
  ID: string;
  Tags?: string[];
  Username?: string;
  /** Envelope-only recipients the server lists as Bcc (they are in no header). */
  Bcc?: Address[] | null;
  /** Received time (RFC 3339), the fallback for a missing Date header. */
  Created?: string;
}

/**
 * Parses a raw message into Mailpit's `Message` shape on the client, so reading a message has no
 * side effect on the server (Mailpit's GET /api/v1/message marks it read).
 */
export async function parseMessage(raw: Buffer, meta: MessageMeta): Promise<Message> {
  const mail = await simpleParser(raw, {
    // Keep cid: URLs as the sender wrote them; the default inlines images as data: URIs.
    keepCidLinks: true,
    skipTextToHtml: true,
    skipImageLinks: true,
  });
  const headers = headerMap(mail.headerLines);
  const from = addresses(mail.from)[0] ?? { Name: '', Address: '' };
  const attachments: MessageAttachment[] = [];
  const inline: MessageAttachment[] = [];
  for (const part of mail.attachments) {
    const shaped = toAttachment(part);
    if (!shaped) continue;
    // enmime (Mailpit) files explicit attachments under Attachments, the rest under Inline.
    (part.contentDisposition === 'attachment' ? attachments : inline).push(shaped);
  }
  const date = mail.headers.has('date') && mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : meta.Created ?? new Date(0).toISOString();
  const unsubscribe = first(headers, 'List-Unsubscribe');
  return {
    ID: meta.ID,
    MessageID: (mail.messageId ?? '').replace(/^<|>$/g, ''),
    From: from,
    To: addresses(mail.to),
    Cc: addresses(mail.cc),
    Bcc: mergeAddresses(addresses(mail.bcc), meta.Bcc ?? []),
    ReplyTo: addresses(mail.replyTo),
    ReturnPath: (first(headers, 'Return-Path') ?? '').replace(/^\s*<|>\s*$/g, '') || from.Address,
    Subject: mail.subject ?? '',
    ListUnsubscribe: {
      Header: unsubscribe ?? '',
      Links: [...(unsubscribe ?? '').matchAll(/<([^>]+)>/g)].map((m) => m[1]!.trim()),
      Errors: '',
      HeaderPost: first(headers, 'List-Unsubscribe-Post') ?? '',
    },
    Date: date,
    Tags: meta.Tags ?? [],
    Username: meta.Username ?? '',
    Text: mail.text ?? '',
    HTML: typeof mail.html === 'string' ? mail.html : '',
    Size: raw.length,
    Inline: inline,
    Attachments: attachments,
    Headers: headers,
  };
}

function toAttachment(part: Attachment): MessageAttachment | null {
  const contentId = part.cid ?? (part.contentId ?? '').replace(/^<|>$/g, '');
  const fileName = part.filename || contentId;
  // Mailpit omits parts with neither a file name nor a content ID.
  if (!fileName) return null;
  const content = part.content;
  return {
    PartID: part.partId ?? '0',
    FileName: fileName,
    ContentType: part.contentType,
    ContentID: contentId,
    Size: content.length,
    Checksums: {
      MD5: createHash('md5').update(content).digest('hex'),
      SHA1: createHash('sha1').update(content).digest('hex'),
      SHA256: createHash('sha256').update(content).digest('hex'),
    },
    Content: content,
  };
}

function addresses(value: AddressObject | AddressObject[] | undefined): Address[] {
  if (!value) return [];
  const out: Address[] = [];
  const visit = (entry: EmailAddress) => {
    if (entry.group) entry.group.forEach(visit);
    else if (entry.address !== undefined || entry.name) out.push({ Name: entry.name ?? '', Address: entry.address ?? '' });
  };
  for (const object of Array.isArray(value) ? value : [value]) object.value.forEach(visit);
  return out;
}

function mergeAddresses(list: Address[], extra: Address[]): Address[] {
  const seen = new Set(list.map((a) => a.Address.toLowerCase()));
  return [...list, ...extra.filter((a) => !seen.has(a.Address.toLowerCase()))];
}

/** Go's textproto canonical key (`message-id` → `Message-Id`), as Mailpit's /headers answers. */
function canonicalKey(key: string): string {
  return key.toLowerCase().replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

function headerMap(lines: HeaderLines): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const { line } of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = canonicalKey(line.slice(0, colon).trim());
    // Unfold (RFC 5322 2.2.3); encoded words stay as written, as in Go's mail.Header.
    const value = line.slice(colon + 1).replace(/\r?\n(?=[ \t])/g, '').trim();
    (map[key] ??= []).push(value);
  }
  return map;
}

function first(headers: Record<string, string[]>, key: string): string | undefined {
  return headers[key]?.[0];
}
