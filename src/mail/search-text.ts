/**
 * How much body text each message keeps for free-text search. The whole index lives in memory
 * (100,000 messages within a 300 MB RSS budget), so the body part is capped; headers and
 * attachment names come first and are always searchable. Measured: 100,000 digests of 5 KB
 * messages take 292 MB of heap at 2,000 characters, 196 MB at 1,000.
 */
export const SEARCH_BODY_LIMIT = 1000;

/** Per-header cap, so one absurd header cannot blow the budget either. */
const HEADER_LIMIT = 500;

/**
 * Mailpit's cleanString: BOM, line breaks, tabs and `<>",;()` become spaces, whitespace is
 * collapsed, everything is lowercased. Applied to stored search text and to query terms alike.
 * @example cleanSearchText('"Bob" <Bob@Example.com>') // 'bob bob@example.com'
 */
export function cleanSearchText(text: string): string {
  const plain = TYPOGRAPHIC_TEST.test(text) ? text.replace(TYPOGRAPHIC, (c) => TYPOGRAPHIC_ASCII[c] ?? '') : text;
  // One pass: the separators Mailpit replaces and any whitespace run (Go's strings.Fields) become one space.
  return plain.replace(/[\s\uFEFF<>",;()\u0085]+/g, ' ').trim().toLowerCase();
}

// Beyond Mailpit: typographic quotes, dashes and ellipses read as their ASCII forms, and invisible
// characters (zero-width spaces, soft hyphens) go, in stored text and queries alike. Searching
// "don't" then finds "don’t", and English text stays a one-byte string in V8 (half the memory).
const TYPOGRAPHIC_TEST = /[\u00AD\u200B-\u200D\u2010-\u2015\u2018-\u201F\u2026\u2032\u2033\u2060]/;
const TYPOGRAPHIC = /[\u00AD\u200B-\u200D\u2010-\u2015\u2018-\u201F\u2026\u2032\u2033\u2060]/g;
const TYPOGRAPHIC_ASCII: Record<string, string> = {
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-',
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'",
  '\u201C': ' ', '\u201D': ' ', '\u201E': ' ', '\u201F': ' ', '\u2033': ' ',
  '\u2026': '...',
};

export interface SearchTextParts {
  /** From, Subject, To, Cc, Bcc, Reply-To, Return-Path as decoded header text. */
  headers: string[];
  /** The HTML part as text (with link targets), else the text part. */
  body: string;
  attachmentNames: string[];
}

/** Builds a message's bounded search text, in Mailpit's field order. */
export function buildSearchText(parts: SearchTextParts): string {
  const head = parts.headers.map((h) => cleanSearchText(h.length > HEADER_LIMIT ? h.slice(0, HEADER_LIMIT) : h));
  // Clean only a window of the body, widened when whitespace and punctuation shrank it too much.
  let body = '';
  for (let window = SEARCH_BODY_LIMIT + 256; ; window *= 4) {
    const whole = parts.body.length <= window;
    body = cleanSearchText(whole ? parts.body : parts.body.slice(0, window));
    if (whole || body.length > SEARCH_BODY_LIMIT) break;
  }
  if (body.length > SEARCH_BODY_LIMIT) {
    // Cut at a word boundary when one is near, so the last word stays whole or goes.
    const space = body.lastIndexOf(' ', SEARCH_BODY_LIMIT);
    body = body.slice(0, space > SEARCH_BODY_LIMIT - 50 ? space : SEARCH_BODY_LIMIT);
  }
  const names = parts.attachmentNames.map((n) => cleanSearchText(n.slice(0, HEADER_LIMIT)));
  return [...head, body, ...names].filter((s) => s.length > 0).join(' ');
}
