/** Headers as Go's mail.Header holds them: canonical keys (`Content-Type`, `Message-Id`), every value in order. */
export type HeaderMap = Record<string, string[]>;

/** One MIME part that is an attachment or an inline/other part, as Mailpit lists them. */
export interface MessagePart {
  /** enmime MIME path: top-level children `1`, `2`; nested `1.2`; a single-part body `0`. */
  partId: string;
  /** File name, falling back to the Content-ID (Mailpit's rule). */
  fileName: string;
  contentType: string;
  /** Content-ID without angle brackets, '' when none. */
  contentId: string;
  /** Decoded size in bytes. */
  size: number;
  checksums: { MD5: string; SHA1: string; SHA256: string };
  /** Decoded content. */
  content: Buffer;
}

/** A message parsed in full, on demand (when opened), from its raw source. */
export interface ParsedMessage {
  headers: HeaderMap;
  /** Text body (decoded, UTF-8). '' when none. */
  text: string;
  /** HTML body (decoded, UTF-8). '' when none. */
  html: string;
  /** Mailpit's `Attachments`. */
  attachments: MessagePart[];
  /** Mailpit's `Inline` (inline parts plus other parts). */
  inline: MessagePart[];
  /** Date header as epoch ms, null when missing or unparseable. */
  date: number | null;
  listUnsubscribe: { Header: string; Links: string[]; Errors: string; HeaderPost: string };
  /** Set when the MIME structure could not be fully parsed (the raw source is still served). */
  parseError?: string;
}
