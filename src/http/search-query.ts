/** Mailpit search over the store: the matcher comes from mail/, paging and counting happen here. */
import type { Request } from 'express';
import { compileSearch } from '../mail/search.ts';
import type { ReadonlyStoredMessage, Store } from '../store/types.ts';
import { HttpError } from './errors.ts';
import { queryString } from './paging.ts';

export type Matcher = (m: ReadonlyStoredMessage) => boolean;

/** Compiles `query` with the request's `?tz=`; a query the parser refuses is a 400 with its reason. */
export function compileRequestSearch(query: string, req: Request): Matcher {
  const tz = queryString(req, 'tz') || undefined;
  try {
    return compileSearch(query, { tz });
  } catch (error) {
    throw new HttpError(400, error instanceof Error ? error.message : String(error), { cause: error });
  }
}

/** The newest message matching `matcher`, or undefined. */
export function firstMatch(store: Store, matcher: Matcher): ReadonlyStoredMessage | undefined {
  for (const m of store.messages()) if (matcher(m)) return m;
  return undefined;
}
