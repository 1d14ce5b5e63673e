import he from 'he';

/**
 * HTML to plain text the way Mailpit's html2text.Strip does it: text nodes only; script, style,
 * head, title, meta, link and noscript dropped; a space after closing block tags, for `<br>` and
 * before `<img>`; optional `http…` link targets inline (for search); whitespace collapsed. A
 * small tokenizer instead of a DOM: it runs at ingest on every message, and `maxChars` stops it
 * once enough text is out.
 */

const SKIP = new Set(['script', 'style', 'head', 'title', 'meta', 'link', 'noscript']);
// Elements whose raw-text content must be skipped up to their end tag.
const RAW_SKIP = new Set(['script', 'style', 'title', 'noscript', 'head']);
const BLOCK = new Set([
  'div', 'p', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'address', 'article',
  'aside', 'blockquote', 'dl', 'dt', 'footer', 'header', 'hr', 'main', 'nav', 'pre', 'table', 'thead',
  'tfoot', 'video',
]);

function readTagName(html: string, from: number): { name: string; end: number } {
  let i = from;
  while (i < html.length) {
    const c = html.charCodeAt(i);
    // letters, digits, '-', ':' make up tag names in practice
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 58) i++;
    else break;
  }
  return { name: html.slice(from, i).toLowerCase(), end: i };
}

/**
 * Where quote characters stop occurring: once a search for a closing `"` or `'` from some point
 * fails, no later search can succeed, so hostile HTML full of unclosed quotes stays linear.
 */
interface QuoteState {
  noDoubleFrom: number;
  noSingleFrom: number;
}

/** Index just past the `>` closing a tag that starts at `from`, honouring quoted attributes. */
function tagEnd(html: string, from: number, quotes: QuoteState): number {
  for (let i = from; i < html.length; i++) {
    const c = html.charCodeAt(i);
    if (c === 62) return i + 1;
    if (c !== 34 && c !== 39) continue;
    // Quotes only open inside attribute values (after `=`), else a stray quote would eat the page.
    let j = i - 1;
    while (j > from && (html.charCodeAt(j) === 32 || html.charCodeAt(j) === 9 || html.charCodeAt(j) === 10)) j--;
    if (html.charCodeAt(j) !== 61) continue;
    const limit = c === 34 ? quotes.noDoubleFrom : quotes.noSingleFrom;
    const close = i + 1 >= limit ? -1 : html.indexOf(c === 34 ? '"' : "'", i + 1);
    if (close === -1) {
      // Unclosed: remember, and read the quote as a plain character.
      if (c === 34) quotes.noDoubleFrom = Math.min(limit, i + 1);
      else quotes.noSingleFrom = Math.min(limit, i + 1);
      continue;
    }
    i = close;
  }
  return html.length;
}

function hrefOf(tag: string): string {
  const m = /\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
  if (!m) return '';
  return he.decode(m[1] ?? m[2] ?? m[3] ?? '', { isAttributeValue: true });
}

/** Replaces what Go's unicode.IsPrint rejects (controls, format chars, non-ASCII spaces) and collapses runs. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\p{C}\p{Z}]+/gu, ' ').trim();
}

export interface HtmlToTextOptions {
  /** Add `http(s)` link targets next to their text (Mailpit does for search text). */
  includeLinks?: boolean;
  /** Collect `http(s)` link targets here instead, leaving the text itself link-free. */
  links?: string[];
  /** Stop once roughly this many characters of text are produced. */
  maxChars?: number;
  /** Keep line breaks at block elements and `<br>` (for a readable Text body), instead of one line. */
  preserveLines?: boolean;
}

/** @example htmlToText('<p>Hello</p><p>World</p>') // 'Hello World' */
export function htmlToText(html: string, options: HtmlToTextOptions = {}): string {
  const max = options.maxChars ?? Infinity;
  const out: string[] = [];
  let produced = 0;
  let i = 0;
  const quotes: QuoteState = { noDoubleFrom: Infinity, noSingleFrom: Infinity };
  const n = html.length;
  const emit = (s: string): void => {
    out.push(s);
    produced += s.length;
  };
  while (i < n && produced < max * 1.5 + 64) {
    const lt = html.indexOf('<', i);
    const textEnd = lt === -1 ? n : lt;
    if (textEnd > i) {
      const text = html.slice(i, textEnd);
      emit(text.includes('&') ? he.decode(text) : text);
    }
    if (lt === -1) break;
    const next = html.charCodeAt(lt + 1);
    if (next === 33 /* ! */) {
      // comment, doctype or CDATA
      if (html.startsWith('<!--', lt)) {
        const close = html.indexOf('-->', lt + 4);
        i = close === -1 ? n : close + 3;
      } else i = tagEnd(html, lt + 2, quotes);
      continue;
    }
    if (next === 47 /* / */) {
      const { name } = readTagName(html, lt + 2);
      i = tagEnd(html, lt + 2, quotes);
      if (options.preserveLines && BLOCK.has(name)) emit('\n');
      else if (BLOCK.has(name) && html.charCodeAt(i) === 60) emit(' ');
      continue;
    }
    const { name, end } = readTagName(html, lt + 1);
    if (name.length === 0) {
      emit('<'); // a bare `<` in text
      i = lt + 1;
      continue;
    }
    const close = tagEnd(html, end, quotes);
    if (SKIP.has(name)) {
      i = close;
      const selfClosing = html.charCodeAt(close - 2) === 47;
      if (RAW_SKIP.has(name) && !selfClosing) {
        const endTag = new RegExp('</' + name, 'gi');
        endTag.lastIndex = close;
        const found = endTag.exec(html);
        i = found === null ? n : tagEnd(html, found.index + 2 + name.length, quotes);
      }
      continue;
    }
    if (options.preserveLines && (name === 'br' || BLOCK.has(name))) emit('\n');
    else if (name === 'br') emit(' ');
    else if (name === 'img') emit(' ');
    else if (name === 'a' && (options.includeLinks || options.links)) {
      const href = hrefOf(html.slice(lt, close));
      if (href.toLowerCase().startsWith('http')) {
        if (options.links) options.links.push(href);
        else emit(' ' + href + ' ');
      }
    }
    i = close;
  }
  if (!options.preserveLines) return collapseWhitespace(out.join(''));
  const lines: string[] = [];
  for (const line of out.join('').split('\n')) {
    const clean = collapseWhitespace(line);
    if (clean.length > 0 || (lines.length > 0 && lines[lines.length - 1] !== '')) lines.push(clean);
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}
