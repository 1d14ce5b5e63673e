/** Turns the `{ID}` of a Mailpit route into a stored message (or the 404 Mailpit gives). */
import type { Request } from 'express';
import type { ReadonlyStoredMessage, Store } from '../store/types.ts';
import { NotFoundError } from './errors.ts';
import { queryString } from './paging.ts';
import { compileRequestSearch, firstMatch } from './search-query.ts';

/** Store IDs are 22-character base62; anything else (dots, slashes, encoded traversal) is never looked up. */
export const MESSAGE_ID = /^[0-9A-Za-z]{22}$/;
/** enmime part paths: `1`, `2.1`, `1.2.3`. */
export const PART_ID = /^\d{1,4}(\.\d{1,4}){0,15}$/;

/** Mailpit's `storage.LatestID()` error text, answered with a 404. */
export const LATEST_NOT_FOUND = 'Message not found';

/**
 * `latest` means the newest message, or the newest match of `?query=`.
 * @param notFound the body for an unknown ID (`/view/*` says `Message not found`)
 */
export function lookupMessage(store: Store, req: Request, id: string | undefined, notFound?: string): ReadonlyStoredMessage {
  if (id === 'latest') {
    const query = queryString(req, 'query').trim();
    const m = query ? firstMatch(store, compileRequestSearch(query, req)) : store.latest();
    if (!m) throw new NotFoundError(LATEST_NOT_FOUND);
    return m;
  }
  const m = id !== undefined && MESSAGE_ID.test(id) ? store.get(id) : undefined;
  if (!m) throw new NotFoundError(notFound);
  return m;
}
