import type { MimeNode } from './mime-tree.ts';
import { decodeCharset } from './charset.ts';
import { decodeTransferEncoding } from './transfer-encoding.ts';

/**
 * A part's decoded bytes. With `maxEncodedBytes`, only that much of the encoded body is read,
 * which is how the ingest path stays fast on huge parts.
 */
export function partBytes(raw: Buffer, node: MimeNode, maxEncodedBytes = Infinity): Buffer {
  const end = Math.min(node.bodyEnd, node.bodyStart + maxEncodedBytes);
  return decodeTransferEncoding(raw.subarray(node.bodyStart, end), node.transferEncoding);
}

/** A text part's content as a string, converted from its charset. */
export function partText(raw: Buffer, node: MimeNode, maxEncodedBytes = Infinity): string {
  return decodeCharset(partBytes(raw, node, maxEncodedBytes), node.charset);
}
