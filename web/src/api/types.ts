// Mailpit API v1 shapes (see mailpit-api.md); the inbox reads only these, as any client would.

export interface Address {
  Name: string;
  Address: string;
}

export interface MessageSummary {
  ID: string;
  MessageID: string;
  Read: boolean;
  From: Address;
  // Mailpit's null quirk: empty address lists may be null in list and search results.
  To: Address[] | null;
  Cc: Address[] | null;
  Bcc: Address[] | null;
  ReplyTo: Address[] | null;
  Subject: string;
  Created: string;
  Username: string;
  Tags: string[] | null;
  Size: number;
  Attachments: number;
  Snippet: string;
}

export interface MessagesSummary {
  total: number;
  unread: number;
  count: number;
  messages_count: number;
  messages_unread: number;
  start: number;
  tags: string[] | null;
  messages: MessageSummary[] | null;
}

export interface Attachment {
  PartID: string;
  FileName: string;
  ContentType: string;
  ContentID: string;
  Size: number;
}

export interface Message {
  ID: string;
  MessageID: string;
  From: Address | null;
  To: Address[] | null;
  Cc: Address[] | null;
  Bcc: Address[] | null;
  ReplyTo: Address[] | null;
  ReturnPath: string;
  Subject: string;
  Date: string;
  Tags: string[] | null;
  Username: string;
  Text: string;
  HTML: string;
  Size: number;
  Inline: Attachment[] | null;
  Attachments: Attachment[] | null;
}

export type Headers = Record<string, string[]>;

export interface Stats {
  Total: number;
  Unread: number;
  Version: string;
}

/** Frames of `/api/events`: `{"Type":…,"Data":…}`. */
export type EventFrame =
  | { Type: 'new'; Data: MessageSummary }
  | { Type: 'stats'; Data: Stats }
  | { Type: 'update'; Data: { ID: string; Read?: boolean; Tags?: string[] } }
  | { Type: 'delete'; Data: { ID: string } }
  | { Type: 'prune'; Data: null }
  | { Type: 'truncate'; Data: null }
  | { Type: 'error'; Data: { Level: string; Type: string; IP: string; Message: string } };
