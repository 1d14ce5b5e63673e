import { MailnestHTTPError } from './errors.ts';

export type QueryParams = Record<string, string | number | undefined>;

export interface RequestOptions {
  query?: QueryParams;
  /** Sent as JSON. */
  body?: unknown;
}

/** A configured requester: base URL, auth and fetch are normalised once, at construction. */
export interface Requester {
  /** The base URL without trailing slashes, e.g. `http://127.0.0.1:8025` or `http://host/mail`. */
  readonly base: string;
  /** The `Authorization` header value, when credentials were given. */
  readonly authorization: string | undefined;
  json<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
  text(method: string, path: string, options?: RequestOptions): Promise<string>;
  bytes(method: string, path: string, options?: RequestOptions): Promise<Buffer>;
}

export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

export function createRequester(url: string, init: { username?: string; password?: string; fetch?: typeof fetch }): Requester {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new TypeError(`MailnestClient: expected a URL such as http://127.0.0.1:8025, got ${JSON.stringify(url)}`, { cause });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`MailnestClient: expected an http:// or https:// URL, got ${JSON.stringify(url)}`);
  }
  // Credentials in the URL work too (http://user:pass@host), as in curl.
  const username = init.username ?? (parsed.username ? decodeURIComponent(parsed.username) : undefined);
  const password = init.password ?? (parsed.password ? decodeURIComponent(parsed.password) : '');
  parsed.username = '';
  parsed.password = '';
  parsed.search = '';
  parsed.hash = '';
  const base = parsed.href.replace(/\/+$/, '');
  const authorization = username !== undefined ? basicAuth(username, password) : undefined;
  const doFetch = init.fetch ?? globalThis.fetch;

  async function send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const target = new URL(base + path);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) target.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = {};
    if (authorization) headers.authorization = authorization;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await doFetch(target, { method, headers, body });
    } catch (cause) {
      throw new MailnestHTTPError({ status: 0, method, url: target.href, body: cause instanceof Error ? cause.message : '', cause });
    }
    if (response.status !== 200) {
      const text = await response.text().catch(() => '');
      throw new MailnestHTTPError({ status: response.status, statusText: response.statusText, method, url: target.href, body: text });
    }
    return response;
  }

  return {
    base,
    authorization,
    json: async <T>(method: string, path: string, options?: RequestOptions) => (await (await send(method, path, options)).json()) as T,
    text: async (method, path, options) => (await send(method, path, options)).text(),
    bytes: async (method, path, options) => Buffer.from(await (await send(method, path, options)).arrayBuffer()),
  };
}
