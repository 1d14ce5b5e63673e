const UNITS = ['B', 'kB', 'MB', 'GB'];

/** `935 B`, `12 kB`, `1.4 MB` (1024-based, as Mailpit's `larger:`/`smaller:` count). */
export function formatSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}
