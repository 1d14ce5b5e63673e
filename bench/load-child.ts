import { fileURLToPath } from 'node:url';
import type { LiveLatency } from './live-latency.ts';
import { runScript } from './node-child.ts';
import type { LatencySummary } from './percentiles.ts';
import type { LoadOptions } from './smtp-load-client.ts';

export interface LoadRequest extends LoadOptions {
  /** ws:// URL of /api/events: also measure 250 → `new` frame. */
  eventsUrl?: string;
}

export interface LoadReport {
  messages: number;
  bytes: number;
  elapsedMs: number;
  rate: number;
  latency: LatencySummary;
  /** How many 250 replies named an ID ("queued as ..."). */
  acknowledgedWithId: number;
  clientCpuPerMessageUs: number;
  live?: LiveLatency;
}

const WORKER = fileURLToPath(new URL('./load-worker.ts', import.meta.url));

/** Runs one load in the load generator's own process and returns its report. */
export function runLoadInChild(request: LoadRequest): Promise<LoadReport> {
  const label = `load of ${request.messages} × ${request.kind} over ${request.connections} connections to :${request.port}`;
  return runScript<LoadReport>(WORKER, request, label);
}
