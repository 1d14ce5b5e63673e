/**
 * GET/PUT/DELETE /api/v1/messages and GET/DELETE /api/v1/search: listing, searching, marking
 * read and deleting, with Mailpit's bodies and quirks (an empty DELETE deletes everything).
 */
import { Router } from 'express';
import type { Request, Response } from 'express';
import type { ReadonlyStoredMessage, Store } from '../../store/types.ts';
import type { HttpContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import { bodyText, decodeGoJson, jsonBody } from '../go-json-body.ts';
import { queryString, readPaging } from '../paging.ts';
import type { Paging } from '../paging.ts';
import { sendJson, sendOk } from '../respond.ts';
import { compileRequestSearch } from '../search-query.ts';
import type { Matcher } from '../search-query.ts';
import { toMessagesSummary } from '../shapes.ts';

/**
 * One page of the newest-first index. It walks only `start + limit` entries, so the first page
 * costs the same at 100 messages as at 100,000; totals come from the store's counters.
 */
function listPage(store: Store, paging: Paging): ReadonlyStoredMessage[] {
  const page: ReadonlyStoredMessage[] = [];
  let skipped = 0;
  for (const m of store.messages()) {
    if (paging.before !== null && m.created >= paging.before) continue;
    if (skipped < paging.start) { skipped += 1; continue; }
    page.push(m);
    if (paging.limit > 0 && page.length >= paging.limit) break;
  }
  return page;
}

/** Every match is visited (to count them, as Mailpit does); only the requested page is kept. */
function searchPage(store: Store, matcher: Matcher, paging: Paging) {
  const page: ReadonlyStoredMessage[] = [];
  let matched = 0;
  let matchedUnread = 0;
  for (const m of store.messages()) {
    if (paging.before !== null && m.created >= paging.before) continue;
    if (!matcher(m)) continue;
    if (matched >= paging.start && (paging.limit === 0 || page.length < paging.limit)) page.push(m);
    matched += 1;
    if (!m.read) matchedUnread += 1;
  }
  return { page, matched, matchedUnread };
}

function searchQuery(req: Request): string {
  const query = queryString(req, 'query').trim();
  if (query === '') throw new HttpError(400, 'Error: no search query');
  return query;
}

function allMatching(store: Store, matcher: Matcher): ReadonlyStoredMessage[] {
  const found: ReadonlyStoredMessage[] = [];
  for (const m of store.messages()) if (matcher(m)) found.push(m);
  return found;
}

export function messagesRoutes({ store }: HttpContext): Router {
  const router = Router();

  router.get('/api/v1/messages', function listMessages(req: Request, res: Response) {
    const paging = readPaging(req);
    const stats = store.stats();
    const messages = listPage(store, paging);
    sendJson(res, toMessagesSummary({ stats, tags: store.tags(), start: paging.start, messages, matched: stats.total, matchedUnread: stats.unread }, 'list'));
  });

  router.put('/api/v1/messages', jsonBody, async function setReadStatus(req: Request, res: Response) {
    const body = decodeGoJson(bodyText(req.body), { IDs: 'string[]', Read: 'bool', Search: 'string' });
    const read = body.Read ?? false;
    const ids = body.IDs ?? [];
    const search = (body.Search ?? '').trim();
    if (ids.length > 0 && search !== '') throw new HttpError(400, 'You cannot use both IDs and Search');
    let targets: string[];
    if (search !== '') targets = allMatching(store, compileRequestSearch(search, req)).map((m) => m.id);
    else if (ids.length > 0) targets = ids;
    else targets = [...store.messages()].filter((m) => m.read !== read).map((m) => m.id);
    await store.setRead(targets, read);
    sendOk(res);
  });

  router.delete('/api/v1/messages', jsonBody, async function deleteMessages(req: Request, res: Response) {
    // Mailpit deletes everything when the body is missing, empty, unreadable or lists no IDs.
    let ids: string[] = [];
    try {
      ids = decodeGoJson(bodyText(req.body), { IDs: 'string[]' }).IDs ?? [];
    } catch {
      ids = [];
    }
    if (ids.length === 0) await store.deleteAll();
    else await store.delete(ids);
    sendOk(res);
  });

  router.get('/api/v1/search', function searchMessages(req: Request, res: Response) {
    const matcher = compileRequestSearch(searchQuery(req), req);
    const paging = readPaging(req);
    const { page, matched, matchedUnread } = searchPage(store, matcher, paging);
    sendJson(res, toMessagesSummary({ stats: store.stats(), tags: store.tags(), start: paging.start, messages: page, matched, matchedUnread }, 'search'));
  });

  router.delete('/api/v1/search', async function deleteSearch(req: Request, res: Response) {
    const matcher = compileRequestSearch(searchQuery(req), req);
    const ids = allMatching(store, matcher).map((m) => m.id);
    if (ids.length > 0) await store.delete(ids);
    sendOk(res);
  });

  return router;
}
