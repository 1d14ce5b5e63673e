/** What every route of the HTTP side shares, built once by startHttpServer(). */
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/types.ts';
import type { ParsedCache } from './parsed-cache.ts';
import type { RuntimeStats } from './runtime-stats.ts';

export interface HttpContext {
  config: Config;
  store: Store;
  log: Logger;
  parsed: ParsedCache;
  runtime: RuntimeStats;
  /** Messages the ingest side refused (SMTP 552, 451), for /api/v1/info; 0 when nobody counts. */
  rejected: () => number;
}
