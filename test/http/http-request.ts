import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

/**
 * One HTTP request over a fresh socket, with full control of headers (fetch refuses to set
 * `Host`, and hides redirects); the body is collected whole.
 */
export function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; rawPath?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    // Node frames a DELETE/GET body with neither Content-Length nor chunking unless told.
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    const headers = { ...(body ? { 'Content-Length': String(body.length) } : {}), ...options.headers };
    // `rawPath` goes on the wire as written (a URL string would have its dot segments resolved).
    const target = new URL(url);
    const req = http.request({ host: target.hostname, port: target.port, path: options.rawPath ?? target.pathname + target.search, method: options.method ?? 'GET', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A JSON body's keys, in the order they were written. */
export function keysOf(text: string): string[] {
  return Object.keys(JSON.parse(text) as object);
}
