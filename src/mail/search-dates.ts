/**
 * Dates in search terms (`before:`/`after:`), read like araddon/dateparse reads them for Mailpit:
 * `2024/01/31`, `2024-01-31`, `01/31/2024` (US order), `31.01.2024`, `20240131`, month names
 * (`jan 31 2024`, `31 jan 2024`), optional `hh:mm[:ss]`, RFC 3339 and unix timestamps. A date
 * without a zone is wall time in `tz` (IANA name), else in the server's zone.
 */

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10,
  november: 11, december: 12,
};

const zoneFormats = new Map<string, Intl.DateTimeFormat | null>();

function zoneFormat(tz: string): Intl.DateTimeFormat | null {
  let format = zoneFormats.get(tz);
  if (format !== undefined) return format;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    format = null; // unknown zone: Mailpit ignores it and uses the server's
  }
  if (zoneFormats.size < 100) zoneFormats.set(tz, format);
  return format;
}

/** Offset of `tz` from UTC at instant `ms`, in ms. */
function zoneOffset(format: Intl.DateTimeFormat, ms: number): number {
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(ms))) parts[part.type] = Number(part.value);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

function validWall(w: WallTime): boolean {
  return w.month >= 1 && w.month <= 12 && w.day >= 1 && w.day <= 31 && w.hour <= 23 && w.minute <= 59 && w.second <= 60;
}

/** Wall-clock time in `tz` (or the local zone) to epoch ms. */
export function wallTimeToEpoch(w: WallTime, tz?: string): number {
  const format = tz ? zoneFormat(tz) : null;
  if (!format) return new Date(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms).getTime();
  const guess = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
  let result = guess - zoneOffset(format, guess);
  // A second pass settles instants near a DST change.
  result = guess - zoneOffset(format, result);
  return result;
}

function timeOf(rest: string | undefined): Pick<WallTime, 'hour' | 'minute' | 'second' | 'ms'> | null {
  if (rest === undefined || rest === '') return { hour: 0, minute: 0, second: 0, ms: 0 };
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(am|pm)?$/.exec(rest.trim());
  if (!m) return null;
  let hour = Number(m[1]);
  if (m[5] === 'pm' && hour < 12) hour += 12;
  if (m[5] === 'am' && hour === 12) hour = 0;
  return { hour, minute: Number(m[2]), second: Number(m[3] ?? 0), ms: Number((m[4] ?? '0').slice(0, 3).padEnd(3, '0')) };
}

/**
 * Epoch ms for a search date, or null when it is not a date (Mailpit then ignores the term).
 * @example parseSearchDate('2024/01/31', 'UTC') // 1706659200000
 */
export function parseSearchDate(input: string, tz?: string, now = Date.now()): number | null {
  const s = input.trim().toLowerCase().replace(/\s+/g, ' ');
  if (s === '') return null;

  // RFC 3339 / ISO 8601 with an explicit zone: an absolute instant.
  if (/^\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})$/.test(s)) {
    const ms = Date.parse(s.replace(' ', 'T').toUpperCase().replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    return Number.isNaN(ms) ? null : ms;
  }
  if (/^\d{10}$/.test(s)) return Number(s) * 1000;
  if (/^\d{13}$/.test(s)) return Number(s);

  let wall: WallTime | null = null;
  let m: RegExpExecArray | null;
  const build = (year: number, month: number, day: number, rest?: string): WallTime | null => {
    const time = timeOf(rest);
    return time ? { year, month, day, ...time } : null;
  };
  if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[t ](.+))?$/.exec(s))) {
    wall = build(Number(m[1]), Number(m[2]), Number(m[3]), m[4]);
  } else if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(s))) {
    wall = build(Number(m[1]), Number(m[2]), Number(m[3]));
  } else if ((m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?: (.+))?$/.exec(s))) {
    // US order (mm/dd/yyyy) unless the first number cannot be a month, as dateparse does.
    let month = Number(m[1]);
    let day = Number(m[3]);
    if (month > 12 && day <= 12) [month, day] = [day, month];
    let year = Number(m[4]);
    if (m[4].length === 2) year += year < 70 ? 2000 : 1900;
    wall = build(year, month, day, m[5]);
  } else if ((m = /^(?:[a-z]+ )?(\d{1,2}) ([a-z]+)\.? (\d{4})(?: (.+))?$/.exec(s)) && MONTHS[m[2]]) {
    wall = build(Number(m[3]), MONTHS[m[2]], Number(m[1]), m[4]);
  } else if ((m = /^(?:[a-z]+ )?([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)? (\d{4})(?: (.+))?$/.exec(s)) && MONTHS[m[1]]) {
    wall = build(Number(m[3]), MONTHS[m[1]], Number(m[2]), m[4]);
  } else if ((m = /^([a-z]+)\.? (\d{1,2})$/.exec(s)) && MONTHS[m[1]]) {
    wall = build(new Date(now).getFullYear(), MONTHS[m[1]], Number(m[2]));
  } else if ((m = /^([a-z]+)\.? (\d{4})$/.exec(s)) && MONTHS[m[1]]) {
    wall = build(Number(m[2]), MONTHS[m[1]], 1);
  }
  if (wall && validWall(wall)) {
    // Reject impossible days (Feb 30) instead of rolling them over.
    const check = new Date(Date.UTC(wall.year, wall.month - 1, wall.day));
    if (check.getUTCMonth() !== wall.month - 1) return null;
    return wallTimeToEpoch(wall, tz);
  }
  // RFC 2822 and other forms that carry their own zone.
  if (/[+-]\d{4}$|\b(gmt|utc|ut|z)$/.test(s) && /\d{4}/.test(s)) {
    const ms = Date.parse(s);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}
