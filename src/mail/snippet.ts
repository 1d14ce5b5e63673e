import { htmlToText } from './html-text.ts';

/** Mailpit cuts snippets at 200 bytes of UTF-8 and appends `...`. */
export const SNIPPET_BYTES = 200;

/**
 * Go's truncate as Mailpit borrowed it from Tailscale: back up to the start of a UTF-8 sequence
 * (dropping the character that straddles or ends at the cut).
 */
function truncateUtf8(text: string, limit: number): string {
  // Enough characters for `limit` bytes and one more, so the cut can be judged.
  const bytes = Buffer.from(text.length > limit + 1 ? text.slice(0, limit + 1) : text, 'utf8');
  if (limit >= bytes.length) return text;
  let n = limit;
  while (n > 0 && (bytes[n - 1] & 0xc0) === 0x80) n--;
  if (n > 0 && (bytes[n - 1] & 0xc0) === 0xc0) n--;
  return bytes.toString('utf8', 0, n);
}

/**
 * Mailpit's CreateSnippet: the HTML part stripped to text when there is one, else the text part,
 * whitespace collapsed, cut to 200 bytes plus `...`.
 * @example createSnippet('Hello\n\nworld', '') // 'Hello world'
 */
export function createSnippet(text: string, html: string): string {
  const h = html.trim();
  if (h.length > 0) {
    // 4x the byte limit in characters is always enough text to cut from.
    return snippetFromHtmlText(htmlToText(h, { maxChars: SNIPPET_BYTES * 4 }));
  }
  // Only the start matters: collapse a window, and widen it only when whitespace ate it.
  for (let window = 320; ; window *= 4) {
    const head = text.length > window ? text.slice(0, window) : text;
    const t = head.trim().replaceAll('\uFEFF', ' ').replace(/[\t\n\f\r ]+/g, ' ').trim();
    if (t.length > SNIPPET_BYTES || head.length === text.length) {
      if (t.length === 0) return '';
      return Buffer.byteLength(t, 'utf8') <= SNIPPET_BYTES ? t : truncateUtf8(t, SNIPPET_BYTES) + '...';
    }
  }
}

/** The snippet of HTML already stripped with htmlToText (which collapses whitespace as Mailpit's Strip does). */
export function snippetFromHtmlText(data: string): string {
  // Cheap pre-cut: no more than limit + 1 characters can matter for a byte cut at `limit`.
  const head = data.length > SNIPPET_BYTES + 1 ? data.slice(0, SNIPPET_BYTES + 1) : data;
  if (head.length === data.length && Buffer.byteLength(data, 'utf8') <= SNIPPET_BYTES) return data;
  return truncateUtf8(head, SNIPPET_BYTES) + '...';
}
