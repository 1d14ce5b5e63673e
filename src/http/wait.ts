/**
 * GET /api/v1/wait: a long poll that answers as soon as enough messages match a Mailpit search,
 * so a test in any language waits for mail without a polling loop. A Mailnest addition beside
 * Mailpit's routes: errors are JSON `{"Error":"…"}`, never Mailpit's plain text.
 *
 *   ?query=   Mailpit search syntax; empty or absent matches every message
 *   ?count=   how many matches to wait for (1 to 1000, default 1)
 *   ?timeout= how long to wait: milliseconds or a duration such as 30s (default 10s, at most 5m)
 *   ?tz=      time zone for before:/after: in the query
 *
 * 200: a MessagesSummary like /api/v1/search?limit=count (the newest `count` matches; messages_count
 *      counts every match), including messages stored before the request.
 * 400: a bad parameter or query. 408: the timeout passed first; the body names what was waited for
 *      and how many matched.
 */
import type { Request, RequestHandler, Response } from 'express';
import { parseDuration } from '../config.ts';
import { compileSearch } from '../mail/search.ts';
import { subscribe } from '../store/subscribe.ts';
import type { ReadonlyStoredMessage, Store } from '../store/types.ts';
import { queryString } from './paging.ts';
import { sendJson } from './respond.ts';
import { toMessagesSummary } from './shapes.ts';

export const WAIT_DEFAULT_TIMEOUT = 10_000;
export const WAIT_MAX_TIMEOUT = 300_000;
export const WAIT_MAX_COUNT = 1000;

type Matcher = (m: ReadonlyStoredMessage) => boolean;

interface WaitRequest {
  query: string;
  matcher: Matcher;
  count: number;
  timeout: number;
}

class WaitParamError extends Error {
  override name = 'WaitParamError';
}

function readWaitRequest(req: Request): WaitRequest {
  const query = queryString(req, 'query').trim();
  const countText = queryString(req, 'count').trim() || '1';
  const count = /^\d{1,7}$/.test(countText) ? Number(countText) : NaN;
  if (!(count >= 1 && count <= WAIT_MAX_COUNT)) throw new WaitParamError(`count: expected a whole number from 1 to ${WAIT_MAX_COUNT}, got ${JSON.stringify(countText)}`);
  const timeoutText = queryString(req, 'timeout').trim();
  const timeout = timeoutText ? parseDuration(timeoutText) : WAIT_DEFAULT_TIMEOUT;
  if (timeout === null || timeout > WAIT_MAX_TIMEOUT) throw new WaitParamError(`timeout: expected milliseconds or a duration such as 30s, at most 5m, got ${JSON.stringify(timeoutText)}`);
  const tz = queryString(req, 'tz') || undefined;
  let matcher: Matcher = () => true;
  if (query) {
    try {
      matcher = compileSearch(query, { tz });
    } catch (error) {
      throw new WaitParamError(`query: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { query, matcher, count, timeout };
}

function describe(wait: WaitRequest): string {
  const what = wait.count === 1 ? '1 message' : `${wait.count} messages`;
  return wait.query ? `${what} matching ${JSON.stringify(wait.query)}` : what;
}

/** Counts every match and keeps the newest `count` of them, as /search?limit=count would. */
function scan(store: Store, wait: WaitRequest) {
  const page: ReadonlyStoredMessage[] = [];
  let matched = 0;
  let matchedUnread = 0;
  for (const m of store.messages()) {
    if (!wait.matcher(m)) continue;
    if (page.length < wait.count) page.push(m);
    matched += 1;
    if (!m.read) matchedUnread += 1;
  }
  return { page, matched, matchedUnread };
}

/**
 * The handler for `{webroot}api/v1/wait`. Arrivals are checked one by one against the compiled
 * query (constant cost per message); read and tag changes, which can make a stored message match,
 * trigger a full recount (once per burst), as does reaching the count (deletions may have lowered
 * it meanwhile).
 *
 * @example
 * api.get('/api/v1/wait', waitHandler({ store }));
 * // GET /api/v1/wait?query=to:alice@example.com&timeout=10s -> 200 MessagesSummary | 408 {"Error":"timed out …"}
 */
export function waitHandler(deps: { store: Store }): RequestHandler {
  const { store } = deps;
  return function waitForMessages(req: Request, res: Response) {
    let wait: WaitRequest;
    try {
      wait = readWaitRequest(req);
    } catch (error) {
      if (!(error instanceof WaitParamError)) throw error;
      res.status(400);
      sendJson(res, { Error: error.message });
      return;
    }
    res.set('Cache-Control', 'no-store');

    let found = 0;
    let timer: NodeJS.Timeout | undefined;
    let recountQueued = false;
    let unsubscribe = () => {};
    const cleanup = () => {
      clearTimeout(timer);
      unsubscribe();
    };
    // Answers with the matches when there are enough, and says whether it did.
    function answerIfEnough(): boolean {
      const result = scan(store, wait);
      found = result.matched;
      if (result.matched < wait.count) return false;
      cleanup();
      sendJson(res, toMessagesSummary({ stats: store.stats(), tags: store.tags(), start: 0, messages: result.page, matched: result.matched, matchedUnread: result.matchedUnread }, 'search'));
      return true;
    }
    function onNew(message: ReadonlyStoredMessage) {
      if (!wait.matcher(message)) return;
      found += 1;
      if (found >= wait.count) answerIfEnough();
    }
    // "Mark all read" emits one event per message: recount once after the burst, not per event.
    function queueRecount() {
      if (recountQueued) return;
      recountQueued = true;
      setImmediate(() => {
        recountQueued = false;
        if (!res.writableEnded) answerIfEnough();
      });
    }

    if (answerIfEnough()) return;
    unsubscribe = subscribe(store, { new: onNew, read: queueRecount, tags: queueRecount });
    timer = setTimeout(() => {
      cleanup();
      res.status(408);
      sendJson(res, { Error: `timed out after ${wait.timeout}ms waiting for ${describe(wait)} (${found} matched)` });
    }, wait.timeout);
    // A client that gives up (or a test that aborts) must not leave listeners behind.
    res.on('close', cleanup);
    if (res.closed) cleanup();
  };
}
