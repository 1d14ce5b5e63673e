import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { summarize, type LatencySummary } from './percentiles.ts';

export class HttpCheckError extends Error {
  override name = 'HttpCheckError';
}

/** One kept-alive connection, as a browser tab or a test client polling the API would hold. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(url: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

export async function getJson<T>(url: string): Promise<T> {
  const { status, body } = await get(url);
  if (status !== 200) throw new HttpCheckError(`GET ${url} answered ${status}: ${body.toString('utf8').slice(0, 300)}`);
  return JSON.parse(body.toString('utf8')) as T;
}

/**
 * Times full responses (first byte sent to last byte read), one request at a time.
 * The first `warmup` requests are not counted.
 */
export async function timeGets(urls: readonly string[], warmup = 3): Promise<LatencySummary> {
  const times: number[] = [];
  for (let i = 0; i < urls.length + warmup; i++) {
    const url = urls[i < warmup ? 0 : i - warmup]!;
    const started = performance.now();
    const { status, body } = await get(url);
    const elapsed = performance.now() - started;
    if (status !== 200) throw new HttpCheckError(`GET ${url} answered ${status}: ${body.toString('utf8').slice(0, 300)}`);
    if (i >= warmup) times.push(elapsed);
  }
  return summarize(times);
}

export function closeHttp(): void {
  agent.destroy();
}
