import { createHash } from 'node:crypto';
import type { HeaderMap, MessagePart, ParsedMessage } from './types.ts';
import { firstHeader, type HeaderField } from './header-block.ts';
import { decodeEncodedWords, headerMap } from './headers.ts';
import { htmlToText } from './html-text.ts';
import { listUnsubscribe } from './list-unsubscribe.ts';
import { parseMessageDate } from './message-date.ts';
import { readMimeTree, type MimeNode } from './mime-tree.ts';
import { partBytes, partText } from './part-content.ts';
import { layoutParts } from './part-layout.ts';


function hex(algorithm: string, content: Buffer): string {
  return createHash(algorithm).update(content).digest('hex');
}

function toMessagePart(raw: Buffer, node: MimeNode): MessagePart {
  const decoded = partBytes(raw, node);
  // An unencoded part is a view into the raw message; copy it so a cached part does not pin the message.
  const content = decoded.buffer === raw.buffer ? Buffer.from(decoded) : decoded;
  return {
    partId: node.partId,
    fileName: node.fileName || node.contentId,
    contentType: node.contentType,
    contentId: node.contentId,
    size: content.length,
    checksums: { MD5: hex('md5', content), SHA1: hex('sha1', content), SHA256: hex('sha256', content) },
    content,
  };
}

/** Mailpit lists only parts that have a file name or a Content-ID. */
const listed = (node: MimeNode): boolean => node.fileName !== '' || node.contentId !== '';

/**
 * Parses a message in full, for when it is opened: headers as Go's mail.Header, the Text and
 * HTML bodies (UTF-8), attachments and inline parts with enmime PartIDs and checksums, the
 * Date, and List-Unsubscribe, split and named as Mailpit does. Never rejects: what cannot be
 * read is left empty and named in `parseError`.
 * @example const { text, attachments } = await parseMessage(raw);
 */
export async function parseMessage(raw: Buffer): Promise<ParsedMessage> {
  try {
    return parseSync(raw);
  } catch (error) {
    return {
      headers: {},
      text: '',
      html: '',
      attachments: [],
      inline: [],
      date: null,
      listUnsubscribe: { Header: '', Links: [], Errors: '', HeaderPost: '' },
      parseError: `unreadable message: ${error instanceof Error ? error.message : String(error)}`.slice(0, 200),
    };
  }
}

function parseSync(raw: Buffer): ParsedMessage {
  const tree = readMimeTree(raw);
  const fields = tree.root.fields;
  const layout = layoutParts(tree.root);

  const text = layout.textParts.map((part) => partText(raw, part)).join('\n--\n');
  const html = layout.htmlPart ? partText(raw, layout.htmlPart) : '';

  const parsed: ParsedMessage = {
    headers: headerMap(fields),
    // enmime down-converts the HTML when there is no text part, and Mailpit shows that.
    text: text === '' && html !== '' ? htmlToText(html, { preserveLines: true }) : text,
    html,
    attachments: layout.attachments.filter(listed).map((node) => toMessagePart(raw, node)),
    // enmime lists an inline application/octet-stream part under both; list it once, as an attachment.
    inline: [...layout.inlines, ...layout.others]
      .filter((node) => listed(node) && !layout.attachments.includes(node))
      .map((node) => toMessagePart(raw, node)),
    date: parseMessageDate(firstHeader(fields, 'date')),
    listUnsubscribe: listUnsubscribe(
      decodeEncodedWords(firstHeader(fields, 'list-unsubscribe')),
      decodeEncodedWords(firstHeader(fields, 'list-unsubscribe-post')),
    ),
  };
  const errors = [...tree.errors];
  if (raw.length === 0) errors.push('empty message');
  if (errors.length > 0) parsed.parseError = errors.slice(0, 3).join('; ').slice(0, 200);
  return parsed;
}
