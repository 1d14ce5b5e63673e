import { apiUrl } from './base.ts';
import type { Headers, Message, MessagesSummary } from './types.ts';

/** A failed API call: names the request and carries the status and the server's text. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${method} ${new URL(url).pathname} failed: ${status}${body ? ` ${body.trim().slice(0, 200)}` : ''}`);
  }
}

async function request(method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
  const init: RequestInit = { method, signal, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...init.headers, 'Content-Type': 'application/json' };
  }
  const response = await fetch(url, init);
  if (!response.ok) throw new ApiError(method, url, response.status, await response.text().catch(() => ''));
  return response;
}

export interface ListQuery {
  search: string;
  start: number;
  limit: number;
}

/** One page of messages, newest first; a search when the query is not blank. */
export async function listMessages(query: ListQuery, signal?: AbortSignal): Promise<MessagesSummary> {
  const search = query.search.trim();
  const url = search
    ? apiUrl('api/v1/search', { query: search, start: query.start, limit: query.limit, tz: timeZone() })
    : apiUrl('api/v1/messages', { start: query.start, limit: query.limit });
  return (await request('GET', url, undefined, signal)).json() as Promise<MessagesSummary>;
}

/** The full message. Mailpit marks it read as a side effect, and so does Mailnest. */
export async function getMessage(id: string, signal?: AbortSignal): Promise<Message> {
  return (await request('GET', messageUrl(id), undefined, signal)).json() as Promise<Message>;
}

export async function getHeaders(id: string, signal?: AbortSignal): Promise<Headers> {
  return (await request('GET', messageUrl(id, 'headers'), undefined, signal)).json() as Promise<Headers>;
}

export async function getRaw(id: string, signal?: AbortSignal): Promise<string> {
  return (await request('GET', messageUrl(id, 'raw'), undefined, signal)).text();
}

export function messageUrl(id: string, ...rest: string[]): string {
  return apiUrl('api/v1/message/' + [id, ...rest].map(encodeURIComponent).join('/'));
}

export function partUrl(id: string, partId: string): string {
  return messageUrl(id, 'part', partId);
}

export function rawDownloadUrl(id: string): string {
  return apiUrl(`api/v1/message/${encodeURIComponent(id)}/raw`, { dl: 1 });
}

export async function setRead(ids: string[], read: boolean): Promise<void> {
  await request('PUT', apiUrl('api/v1/messages'), { IDs: ids, Read: read });
}

/** Marks every message read (Mailpit: no IDs and no Search means all). */
export async function markAllRead(): Promise<void> {
  await request('PUT', apiUrl('api/v1/messages'), { Read: true });
}

export async function deleteMessages(ids: string[]): Promise<void> {
  // An empty IDs list deletes everything in Mailpit's API: never send one by accident.
  if (ids.length === 0) return;
  await request('DELETE', apiUrl('api/v1/messages'), { IDs: ids });
}

export async function deleteAll(): Promise<void> {
  await request('DELETE', apiUrl('api/v1/messages'));
}

function timeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
