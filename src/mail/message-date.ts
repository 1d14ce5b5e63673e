/**
 * The Date header (RFC 5322 section 3.3, with the obsolete forms V8's parser accepts) as epoch
 * ms, or null when missing or unreadable.
 * @example parseMessageDate('Tue, 1 Jul 2003 10:52:37 +0200') // 1057049557000
 */
export function parseMessageDate(value: string): number | null {
  const v = value.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();
  if (v.length === 0) return null;
  let ms = Date.parse(v);
  if (Number.isNaN(ms)) {
    // "Tue, 1 Jul 2003 10:52:37 +0200 GMT" and similar trailers: retry without the last word.
    const shorter = v.replace(/\s+\S+$/, '');
    ms = shorter !== v ? Date.parse(shorter) : NaN;
  }
  if (Number.isNaN(ms)) return null;
  // Years outside what JSON dates and Go's time render sensibly are treated as unreadable.
  return ms >= -62135596800000 && ms <= 253402300799999 ? ms : null;
}
