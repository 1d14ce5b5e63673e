/**
 * Mailnest's own routes from the client engineer's modules, loaded when they are present:
 * `waitHandler({ store })` from ./wait.ts and `openapiDocument` from ./openapi.ts.
 */
import type { RequestHandler } from 'express';
import type { Logger } from '../log.ts';
import type { Store } from '../store/types.ts';
import type { ExtraRoutes } from './app.ts';

async function optionalImport<T>(specifier: string, log: Logger): Promise<T | undefined> {
  try {
    return (await import(specifier)) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    log.error(`HTTP server: cannot load ${specifier}`, error);
    return undefined;
  }
}

export async function loadExtraRoutes(store: Store, log: Logger): Promise<ExtraRoutes> {
  const wait = await optionalImport<{ waitHandler?: (options: { store: Store }) => RequestHandler }>(new URL('./wait.ts', import.meta.url).href, log);
  const openapi = await optionalImport<{ openapiDocument?: unknown }>(new URL('./openapi.ts', import.meta.url).href, log);
  return {
    wait: wait?.waitHandler?.({ store }),
    openapi: openapi?.openapiDocument,
  };
}
