/**
 * The shapes the client reads and returns. They keep Mailpit's API v1 field names, so one shape
 * serves the REST API, the event stream and the client (see ../shared/mailpit-api.md).
 */

// One definition of the wire shapes: the server builds them, the client reads them.
export type { MessageSummary, MessagesSummary } from '../http/shapes.ts';
export type { Address } from '../store/types.ts';
import type { Address, MessageSummary } from '../http/shapes.ts';

/** An attachment or inline part, with its decoded content. */
export interface MessageAttachment {
  PartID: string;
  FileName: string;
  ContentType: string;
  ContentID: string;
  Size: number;
  Checksums: { MD5: string; SHA1: string; SHA256: string };
  /** The decoded bytes (a client addition: Mailpit serves them at /part/{PartID}). */
  Content: Buffer;
}

/** A full message: Mailpit's `Message` plus the headers and the attachment contents. */
export interface Message {
  ID: string;
  MessageID: string;
  From: Address;
  To: Address[];
  Cc: Address[];
  Bcc: Address[];
  ReplyTo: Address[];
  /**
   * The Return-Path header, else the From address. (The server's GET /api/v1/message also knows
   * the envelope MAIL FROM; that route marks the message read, which the client avoids.)
   */
  ReturnPath: string;
  Subject: string;
  ListUnsubscribe: { Header: string; Links: string[]; Errors: string; HeaderPost: string };
  /** RFC 3339: the Date header, or the received time when it is missing. */
  Date: string;
  Tags: string[];
  Username: string;
  Text: string;
  HTML: string;
  Size: number;
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
