/**
 * Every URL the inbox uses is relative to the page's own directory, so the app works at `/` and
 * under any `--webroot` without being told which.
 */
export function apiUrl(path: string, query?: Record<string, string | number | undefined>): string {
  const url = new URL(path, appBase());
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
  }
  return url.href;
}

/** The event stream's URL: the same origin and webroot, with the ws/wss scheme. */
export function eventsUrl(): string {
  const url = new URL('api/events', appBase());
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  return url.href;
}

function appBase(): URL {
  const base = new URL('.', document.baseURI);
  base.hash = '';
  base.search = '';
  return base;
}
