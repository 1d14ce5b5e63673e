import type { Address, ReadonlyStoredMessage } from '../store/types.ts';
import { parseSearchDate } from './search-dates.ts';
import { cleanSearchText } from './search-text.ts';

/**
 * Mailpit's search language (internal/storage/search.go), evaluated in memory: terms split on
 * spaces, `"quoted phrases"` kept whole, `-`/`!` negates, every term must hold (AND).
 */

export type AddressField = 'from' | 'to' | 'cc' | 'bcc' | 'reply-to' | 'addressed';

export type SearchTerm =
  | { kind: 'text'; value: string; negate: boolean }
  | { kind: 'address'; field: AddressField; value: string; negate: boolean }
  | { kind: 'subject'; value: string; negate: boolean }
  | { kind: 'message-id'; value: string; negate: boolean }
  | { kind: 'tag'; value: string; negate: boolean }
  | { kind: 'is'; value: 'read' | 'unread' | 'tagged'; negate: boolean }
  | { kind: 'has'; value: 'attachment' | 'inline'; negate: boolean }
  | { kind: 'size'; op: 'larger' | 'smaller'; bytes: number; negate: boolean }
  | { kind: 'date'; op: 'after' | 'before'; value: string; negate: boolean };

export interface SearchOptions {
  /** IANA zone for dates without one (Mailpit's `?tz=`); the server's zone when absent or unknown. */
  tz?: string;
  /** "Now" for dates given without a year (tests pin it). */
  now?: number;
}

/**
 * Mailpit's ArgsParser: splits on spaces outside double quotes, then drops the quotes and trims
 * each word (so `"two words"` is one term and `-"not this"` a negated one).
 */
export function splitQuery(query: string): string[] {
  const words: string[] = [];
  let word = '';
  let quoted = false;
  const flush = (): void => {
    const v = word.replaceAll('"', '').trim();
    if (v !== '') words.push(v);
    word = '';
  };
  for (const c of query) {
    if (c === '"') quoted = !quoted;
    if (!quoted && c === ' ') flush();
    else word += c;
  }
  flush();
  return words;
}

/** Mailpit's sizeToBytes: `2k`, `1.5MB`, `300` (bytes); 1024-based; 0 when not a size. */
export function sizeToBytes(value: string): number {
  const m = /^(\d+)(\.\d+)?\s?([a-z]{1,2})?$/.exec(value.toLowerCase());
  if (!m) return 0;
  const n = Number(m[1] + (m[2] ?? ''));
  const unit = m[3] ?? '';
  if (unit === '') return Math.trunc(n);
  if (unit === 'k' || unit === 'kb') return Math.trunc(n * 1024);
  if (unit === 'm' || unit === 'mb') return Math.trunc(n * 1024 * 1024);
  return 0;
}

const ADDRESS_PREFIXES: ReadonlyArray<[string, AddressField]> = [
  ['to:', 'to'],
  ['from:', 'from'],
  ['cc:', 'cc'],
  ['bcc:', 'bcc'],
  ['reply-to:', 'reply-to'],
  ['addressed:', 'addressed'],
];

// Mailpit requires an ASCII letter or digit; any letter or digit here, so non-Latin words search too.
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Parses a query into terms. Terms Mailpit would ignore (empty after cleaning, nothing to match)
 * are left out; a date term is kept as written and read when compiled.
 * @example parseSearch('from:bob -is:read "two words"')
 */
export function parseSearch(query: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  for (let word of splitQuery(query)) {
    if (cleanSearchText(word) === '') continue;
    let negate = false;
    if (word.length > 1 && (word.startsWith('-') || word.startsWith('!'))) {
      negate = true;
      word = word.slice(1);
    }
    if (!HAS_WORD_CHAR.test(word)) continue;
    const lower = word.toLowerCase();
    const address = ADDRESS_PREFIXES.find(([prefix]) => lower.startsWith(prefix));
    if (address) {
      const value = cleanSearchText(word.slice(address[0].length));
      if (value !== '') terms.push({ kind: 'address', field: address[1], value, negate });
    } else if (lower.startsWith('subject:')) {
      const value = word.slice(8).toLowerCase();
      if (value !== '') terms.push({ kind: 'subject', value, negate });
    } else if (lower.startsWith('message-id:')) {
      const value = cleanSearchText(word.slice(11));
      if (value !== '') terms.push({ kind: 'message-id', value, negate });
    } else if (lower.startsWith('tag:')) {
      const value = cleanSearchText(word.slice(4));
      if (value !== '') terms.push({ kind: 'tag', value, negate });
    } else if (lower === 'is:read' || lower === 'is:unread' || lower === 'is:tagged') {
      terms.push({ kind: 'is', value: lower.slice(3) as 'read' | 'unread' | 'tagged', negate });
    } else if (lower === 'has:attachment' || lower === 'has:attachments') {
      terms.push({ kind: 'has', value: 'attachment', negate });
    } else if (lower === 'has:inline' || lower === 'has:inlines') {
      terms.push({ kind: 'has', value: 'inline', negate });
    } else if (lower.startsWith('after:') || lower.startsWith('before:')) {
      const op = lower.startsWith('after:') ? 'after' : 'before';
      const value = cleanSearchText(word.slice(op.length + 1));
      if (value !== '') terms.push({ kind: 'date', op, value, negate });
    } else if (lower.startsWith('larger:') && sizeToBytes(cleanSearchText(word.slice(7))) > 0) {
      terms.push({ kind: 'size', op: 'larger', bytes: sizeToBytes(cleanSearchText(word.slice(7))), negate });
    } else if (lower.startsWith('smaller:') && sizeToBytes(cleanSearchText(word.slice(8))) > 0) {
      terms.push({ kind: 'size', op: 'smaller', bytes: sizeToBytes(cleanSearchText(word.slice(8))), negate });
    } else {
      // Anything else, `is:foo` and `larger:lots` included, is free text, as in Mailpit.
      const value = cleanSearchText(word);
      if (value !== '') terms.push({ kind: 'text', value, negate });
    }
  }
  return terms;
}

type Predicate = (m: ReadonlyStoredMessage) => boolean;

function addressText(list: readonly Address[]): string {
  let out = '';
  for (const a of list) out += a.Name.toLowerCase() + ' ' + a.Address.toLowerCase() + '\u0000';
  return out;
}

// Lowercased address text per message object, built on first use by an address term.
const addressCache = new WeakMap<object, Record<Exclude<AddressField, 'addressed'>, string>>();

function addressesOf(m: ReadonlyStoredMessage): Record<Exclude<AddressField, 'addressed'>, string> {
  let cached = addressCache.get(m);
  if (!cached) {
    cached = {
      from: addressText(m.from ? [m.from] : []),
      to: addressText(m.to ?? []),
      cc: addressText(m.cc ?? []),
      bcc: addressText(m.bcc ?? []),
      'reply-to': addressText(m.replyTo ?? []),
    };
    addressCache.set(m, cached);
  }
  return cached;
}

function termPredicate(term: SearchTerm, options: SearchOptions): Predicate | null {
  switch (term.kind) {
    case 'text': {
      const v = term.value;
      return (m) => m.searchText.includes(v);
    }
    case 'address': {
      const v = term.value;
      if (term.field === 'addressed') {
        return (m) => {
          const a = addressesOf(m);
          return a.from.includes(v) || a.to.includes(v) || a.cc.includes(v) || a.bcc.includes(v) || a['reply-to'].includes(v);
        };
      }
      const field = term.field;
      return (m) => addressesOf(m)[field].includes(v);
    }
    case 'subject': {
      const v = term.value;
      return (m) => m.subject.toLowerCase().includes(v);
    }
    case 'message-id': {
      const v = term.value;
      return (m) => m.messageId.toLowerCase().includes(v);
    }
    case 'tag': {
      const v = term.value;
      return (m) => m.tags.some((t) => t.toLowerCase() === v);
    }
    case 'is':
      if (term.value === 'read') return (m) => m.read;
      if (term.value === 'unread') return (m) => !m.read;
      return (m) => m.tags.length > 0;
    case 'has':
      return term.value === 'attachment' ? (m) => m.attachments > 0 : (m) => m.inline > 0;
    case 'size': {
      const n = term.bytes;
      // Mailpit's negation flips the comparison (Size < n), it does not make it Size <= n.
      if (term.op === 'larger') return term.negate ? (m) => m.size < n : (m) => m.size > n;
      return term.negate ? (m) => m.size > n : (m) => m.size < n;
    }
    case 'date': {
      const ts = parseSearchDate(term.value, options.tz, options.now);
      if (ts === null) return null; // Mailpit logs and ignores an invalid date
      if (term.op === 'after') return term.negate ? (m) => m.created <= ts : (m) => m.created >= ts;
      return term.negate ? (m) => m.created >= ts : (m) => m.created <= ts;
    }
  }
}

/**
 * Compiles a query once into a predicate over stored messages.
 * @example const match = compileSearch('from:alice has:attachment after:2024/01/01', { tz: 'UTC' });
 * [...store.messages()].filter(match);
 */
export function compileSearch(query: string, options: SearchOptions = {}): Predicate {
  const predicates: Predicate[] = [];
  for (const term of parseSearch(query)) {
    const p = termPredicate(term, options);
    if (!p) continue;
    // size and date terms carry their negation in the comparison itself
    const flipped = term.negate && term.kind !== 'size' && term.kind !== 'date';
    predicates.push(flipped ? (m) => !p(m) : p);
  }
  if (predicates.length === 0) return () => true;
  if (predicates.length === 1) return predicates[0];
  return (m) => {
    for (const p of predicates) if (!p(m)) return false;
    return true;
  };
}
