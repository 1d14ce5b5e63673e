import type { Message } from './types.ts';

// Links a test would never follow: fragments, scripts, inline data, mail and phone handlers.
const IGNORED_SCHEMES = /^(?:#|javascript:|data:|mailto:|tel:|sms:|cid:)/i;
const HREF = /<(?:a|area)\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
const TEXT_URL = /\bhttps?:\/\/[^\s<>"'`]+/gi;
// Sentence punctuation after a URL in prose is not part of it.
const TRAILING = /[.,;:!?'"»)\]}>]+$/;

/** Decodes the entities that show up in href attributes (`&amp;` above all). */
export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|#39);/gi, (whole, entity: string) => {
    const e = entity.toLowerCase();
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e] ?? whole;
  });
}

function trimProse(url: string): string {
  let out = url.replace(TRAILING, '');
  // Keep a closing parenthesis that closes one opened inside the URL (Wikipedia-style links).
  if (url.length > out.length && url[out.length] === ')' && (out.match(/\(/g)?.length ?? 0) > (out.match(/\)/g)?.length ?? 0)) out += ')';
  return out;
}

/**
 * The links in a message, in order of appearance and without duplicates: the HTML part's `href`s
 * first, then URLs written in the text part.
 *
 * @example
 * const message = await client.waitForMessage('to:alice@example.com subject:Confirm');
 * const confirm = extractLinks(message).find((url) => url.includes('/confirm'));
 */
export function extractLinks(message: Pick<Message, 'HTML' | 'Text'>): string[] {
  const links: string[] = [];
  const seen = new Set<string>();
  const add = (url: string) => {
    if (!url || IGNORED_SCHEMES.test(url) || seen.has(url)) return;
    seen.add(url);
    links.push(url);
  };
  for (const m of (message.HTML ?? '').matchAll(HREF)) add(decodeEntities((m[1] ?? m[2] ?? m[3] ?? '').trim()));
  for (const m of (message.Text ?? '').matchAll(TEXT_URL)) add(trimProse(m[0]));
  return links;
}
