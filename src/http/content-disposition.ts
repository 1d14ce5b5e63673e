/**
 * A Content-Disposition value for a file name that came from a captured message. The name is
 * attacker-controlled: quotes, backslashes, CR/LF and non-ASCII never reach the header raw.
 * RFC 6266 section 4.3: an ASCII `filename` for old clients plus `filename*` (RFC 8187) in UTF-8.
 */

function asciiFallback(name: string): string {
  return name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
}

function rfc8187(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** @example contentDisposition('inline', 'résumé "1".pdf') // inline; filename="r_sum_ _1_.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%221%22.pdf */
export function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
  const name = fileName.replace(/[\r\n\0]/g, '');
  if (name === '') return type;
  const fallback = asciiFallback(name);
  return fallback === name
    ? `${type}; filename="${name}"`
    : `${type}; filename="${fallback}"; filename*=UTF-8''${rfc8187(name)}`;
}

/** A part's media type, reduced to `type/subtype` (plus charset) so it is always a valid header value. */
export function safeContentType(contentType: string): string {
  const match = /^\s*([\w!#$&^.+-]+\/[\w!#$&^.+-]+)/.exec(contentType);
  if (!match) return 'application/octet-stream';
  const charset = /;\s*charset="?([\w.:-]+)"?/i.exec(contentType);
  return match[1]!.toLowerCase() + (charset ? `; charset=${charset[1]}` : '');
}
