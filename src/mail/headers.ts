import libmime from 'libmime';
import type { HeaderMap } from './types.ts';
import { findHeaderEnd, parseHeaderFields, type HeaderField } from './header-block.ts';

// RFC 7230 token characters: Go leaves a key holding anything else untouched.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Go's textproto.CanonicalMIMEHeaderKey: `message-id` -> `Message-Id`, `x-mailer` -> `X-Mailer`.
 * @example canonicalHeaderKey('content-TYPE') // 'Content-Type'
 */
export function canonicalHeaderKey(key: string): string {
  if (!TOKEN.test(key)) return key;
  let out = '';
  let upper = true;
  for (let i = 0; i < key.length; i++) {
    const c = key[i];
    out += upper ? c.toUpperCase() : c.toLowerCase();
    upper = c === '-';
  }
  return out;
}

/**
 * The message's top-level headers as Mailpit's `/headers` returns them (Go's `mail.Header`
 * through `json.Marshal`): canonical keys in sorted order, every value unfolded and in order,
 * not RFC 2047 decoded. Never throws; a message without headers gives `{}`.
 * @example parseHeaders(Buffer.from('subject: Hi\r\n\r\nbody')) // { Subject: ['Hi'] }
 */
export function parseHeaders(raw: Buffer): HeaderMap {
  const { headerEnd } = findHeaderEnd(raw);
  return headerMap(parseHeaderFields(raw, 0, headerEnd).fields);
}

/** Groups header fields under canonical keys, as Go's mail.Header holds them. */
export function headerMap(fields: readonly HeaderField[]): HeaderMap {
  const grouped = new Map<string, string[]>();
  for (const field of fields) {
    const key = canonicalHeaderKey(field.name);
    const list = grouped.get(key);
    if (list) list.push(field.value);
    else grouped.set(key, [field.value]);
  }
  const map: HeaderMap = {};
  // Go marshals a map with its keys sorted; keep that order for identical JSON.
  for (const key of [...grouped.keys()].sort()) map[key] = grouped.get(key) as string[];
  return map;
}

/** RFC 2047 encoded words to UTF-8; anything undecodable is left as written. */
export function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return value;
  try {
    return libmime.decodeWords(value);
  } catch {
    return value;
  }
}
