import type { Address } from '../store/types.ts';

// Mailpit's tools.CleanTag; what it leaves always passes Mailpit's ValidTagRegexp, unless empty.
const INVALID_TAG_CHARS = /[^a-zA-Z0-9\-_. ]/g;
// Mailpit's addressPlusRe `(?U)^(.*){1,}\+(.*)@`: everything between the first `+` and the first `@` after it.
const PLUS_ADDRESS = /^[^+]*\+([^@]*)@/;

/**
 * Mailpit's tag cleaning: characters outside `[a-zA-Z0-9-_. ]` become spaces, runs of spaces
 * collapse, the ends are trimmed.
 * @example cleanTag('  urgent!! / billing ') // 'urgent billing'
 */
export function cleanTag(tag: string): string {
  return tag.replace(INVALID_TAG_CHARS, ' ').replace(/\s+/g, ' ').trim();
}

/** Mailpit's sortedUniqueTags: cleaned, empty ones dropped, de-duplicated ignoring case (first spelling wins), sorted. */
export function uniqueTags(tags: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = cleanTag(raw);
    if (tag.length === 0) continue;
    const key = tag.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Tags named in an X-Tags header value (comma separated). */
export function tagsFromHeader(value: string): string[] {
  return value.trim().length === 0 ? [] : value.trim().split(',');
}

/**
 * Mailpit's plus-addressing tags: `user+tag@host` gives `tag`, `user+a+b@host` gives `a` and `b`,
 * looked up in To, Cc, Bcc and From.
 */
export function tagsFromPlusAddresses(addresses: Iterable<Address>): string[] {
  const tags: string[] = [];
  for (const { Address: address } of addresses) {
    const m = PLUS_ADDRESS.exec(address);
    if (m) tags.push(...m[1].split('+'));
  }
  return tags;
}
