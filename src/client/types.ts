/**
 * The shapes the client reads and returns. They keep Mailpit's API v1 field names, so one shape
 * serves the REST API, the event stream and the client (see ../shared/mailpit-api.md).
 */

// One definition of the wire shapes: the server builds them, the client reads them.
export type { MessageSummary, MessagesSummary } from '../http/shapes.ts';
export type { Address } from '../store/types.ts';
import type { AttachmentShape, MessageShape, MessageSummary } from '../http/shapes.ts';

/** An attachment or inline part, with its decoded content. */
export interface MessageAttachment extends AttachmentShape {
  /** The decoded bytes (a client addition: Mailpit serves them at /part/{PartID}). */
  Content: Buffer;
}

/**
 * A full message: Mailpit's `Message` plus the headers and the attachment contents. `ReturnPath` is
 * the Return-Path header, else the From address (the server's GET /api/v1/message also knows the
 * envelope MAIL FROM, but that route marks the message read, which the client avoids).
 */
export interface Message extends Omit<MessageShape, 'Inline' | 'Attachments'> {
  Inline: MessageAttachment[];
  Attachments: MessageAttachment[];
  /** Every header of the top-level header section, keys as written, values decoded and unfolded. */
  Headers: Record<string, string[]>;
}

/** `GET /api/v1/info`. */
export interface Info {
  Version: string;
  LatestVersion: string;
  Database: string;
  DatabaseSize: number;
  Messages: number;
  Unread: number;
  Tags: Record<string, number>;
  RuntimeStats: {
    Uptime: number;
    Memory: number;
    MessagesDeleted: number;
    SMTPAccepted: number;
    SMTPAcceptedSize: number;
    SMTPRejected: number;
    SMTPIgnored: number;
  };
}

/** A frame of the `/api/events` stream. Only `new` is relied upon (Mailpit calls it the stable one). */
export type EventFrame =
  | { Type: 'new'; Data: MessageSummary }
  | { Type: 'stats'; Data: { Total: number; Unread: number; Version: string } }
  | { Type: 'update'; Data: { ID: string; Read?: boolean; Tags?: string[] } }
  | { Type: 'delete'; Data: { ID: string } }
  | { Type: 'prune' | 'truncate'; Data: null }
  | { Type: 'error'; Data: { Level: string; Type: string; IP: string; Message: string } };
