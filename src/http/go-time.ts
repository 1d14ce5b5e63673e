/**
 * Go's `time.Time` JSON encoding (RFC3339Nano): fractional seconds with trailing zeros trimmed,
 * and `Z` for a zero offset. Mailpit's clients parse these strings, so the shape matters.
 */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Formats `epochMs` as Go's RFC3339Nano at a fixed UTC offset (minutes east of UTC). */
export function formatRfc3339(epochMs: number, offsetMinutes: number): string {
  const shifted = new Date(epochMs + offsetMinutes * 60_000);
  const ms = shifted.getUTCMilliseconds();
  const fraction = ms === 0 ? '' : '.' + pad(ms, 3).replace(/0+$/, '');
  const zone = offsetMinutes === 0
    ? 'Z'
    : `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
  const year = shifted.getUTCFullYear();
  return `${year < 0 ? '-' : ''}${pad(Math.abs(year), 4)}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}` +
    `T${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}${fraction}${zone}`;
}

/** RFC3339 in the server's local time zone, as Mailpit prints `Created`. */
export function formatLocalRfc3339(epochMs: number): string {
  return formatRfc3339(epochMs, -new Date(epochMs).getTimezoneOffset());
}

/** RFC 5322 obsolete zone names (section 4.3) that Go's mail.ParseDate accepts. */
const NAMED_ZONES: Record<string, number> = {
  UT: 0, GMT: 0, Z: 0, UTC: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
};

/**
 * The UTC offset written in a Date header (`+1300`, `-0700`, `GMT`), in minutes; null when none.
 * Go keeps the header's own offset when it decodes a date, so Mailpit's `Date` shows it.
 */
export function dateHeaderOffset(header: string): number | null {
  const cleaned = header.replace(/\([^)]*\)/g, ' ').trim();
  const numeric = /([+-])(\d{2}):?(\d{2})\s*$/.exec(cleaned);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3]);
    return numeric[1] === '-' ? -minutes : minutes;
  }
  const named = /\b([A-Z]{1,3}T?|UTC)\s*$/i.exec(cleaned);
  if (named) {
    const offset = NAMED_ZONES[named[1]!.toUpperCase()];
    if (offset !== undefined) return offset;
  }
  return null;
}
