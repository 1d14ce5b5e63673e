const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });
const fullDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const shortDate = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const yearDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

const STEPS: Array<[limitSeconds: number, unit: Intl.RelativeTimeFormatUnit, seconds: number]> = [
  [60, 'second', 1],
  [3600, 'minute', 60],
  [86_400, 'hour', 3600],
  [7 * 86_400, 'day', 86_400],
];

/** `now`, `5 min. ago`, `3 hr. ago`, then a date: how far back a message came, at a glance. */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  const seconds = Math.round((time - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 10) return 'now';
  for (const [limit, unit, size] of STEPS) {
    if (abs < limit) return relative.format(Math.round(seconds / size), unit);
  }
  const date = new Date(time);
  return date.getFullYear() === new Date(now).getFullYear() ? shortDate.format(date) : yearDate.format(date);
}

export function formatFull(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : fullDate.format(new Date(time));
}
