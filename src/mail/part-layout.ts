import { breadthFirst, depthFirst, type MimeNode } from './mime-tree.ts';

/**
 * Which parts are the message's text, its HTML, its attachments and its inline parts, by
 * enmime's rules (the ones Mailpit's counts, lists and `has:` filters rest on).
 */
export interface PartLayout {
  /** text/plain parts that make up the Text body (joined with `\n--\n` when several). */
  textParts: MimeNode[];
  htmlPart: MimeNode | null;
  /** enmime Attachments: disposition `attachment`, or `application/octet-stream`. */
  attachments: MimeNode[];
  /** enmime Inlines: disposition `inline` (multipart containers excluded). */
  inlines: MimeNode[];
  /** enmime OtherParts: no disposition, not text/plain, text/html, octet-stream or multipart. */
  others: MimeNode[];
}

const isBodyText = (p: MimeNode): boolean => p.contentType === 'text/plain' && p.disposition !== 'attachment';
const isBodyHtml = (p: MimeNode): boolean => p.contentType === 'text/html' && p.disposition !== 'attachment';
const isPlain = (p: MimeNode): boolean => p.contentType === 'text/plain' || p.contentType === 'text/html';

export function layoutParts(root: MimeNode): PartLayout {
  if (!root.multipart) {
    // enmime's isBinaryBody: an attachment disposition, or an inline one on a non-text body,
    // or any non-text body makes the whole message one attachment (or inline part).
    const binary = root.disposition === 'attachment' || !isPlain(root);
    if (binary) {
      return root.disposition === 'inline'
        ? { textParts: [], htmlPart: null, attachments: [], inlines: [root], others: [] }
        : { textParts: [], htmlPart: null, attachments: [root], inlines: [], others: [] };
    }
    return root.contentType === 'text/html'
      ? { textParts: [], htmlPart: root, attachments: [], inlines: [], others: [] }
      : { textParts: [root], htmlPart: null, attachments: [], inlines: [], others: [] };
  }

  const breadth = breadthFirst(root);
  const depth = depthFirst(root);
  let textParts: MimeNode[];
  if (root.contentType === 'multipart/alternative') {
    const first = breadth.find(isBodyText);
    textParts = first ? [first] : [];
  } else {
    textParts = depth.filter(isBodyText);
  }
  return {
    textParts,
    htmlPart: depth.find(isBodyHtml) ?? null,
    attachments: breadth.filter((p) => p.disposition === 'attachment' || p.contentType === 'application/octet-stream'),
    inlines: breadth.filter((p) => p.disposition === 'inline' && !p.multipart),
    others: breadth.filter(
      (p) => !p.multipart && p.disposition === '' && p.contentType !== 'application/octet-stream' && !isPlain(p),
    ),
  };
}
