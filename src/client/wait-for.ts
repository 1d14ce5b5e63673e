import { MailnestTimeoutError } from './errors.ts';
import type { EventStream } from './event-stream.ts';
import type { Message, MessageSummary, MessagesSummary } from './types.ts';

/** Decides on a full message; may be async. */
export type MessagePredicate = (message: Message) => boolean | Promise<boolean>;

export interface WaitOptions {
  /** Milliseconds before rejecting with MailnestTimeoutError (default 10,000). */
  timeout?: number;
  /** Mark the messages found as read (default false: waiting has no side effect). */
  markRead?: boolean;
  /** With a predicate: a Mailpit search that narrows the candidates first (cheaper than reading every message). */
  query?: string;
  /** Time zone for `before:`/`after:` in the query, as Mailpit's `tz` parameter. */
  tz?: string;
  signal?: AbortSignal;
}

/** What a wait needs from the client; kept narrow so the algorithm reads on its own. */
export interface WaitDeps {
  events: EventStream;
  page(query: string | undefined, start: number, limit: number, tz: string | undefined): Promise<MessagesSummary>;
  read(summary: MessageSummary): Promise<Message>;
  markRead(ids: string[]): Promise<void>;
}

export const DEFAULT_WAIT_TIMEOUT = 10_000;
const PAGE = 50;
const ARRIVALS_SHOWN = 5;

/**
 * Resolves with `count` messages (newest first) that match `query` and `predicate`.
 *
 * Race-free by construction: it subscribes to the event stream first and only then looks at what
 * is stored, so a message stored before the call is found by the look and one stored after it
 * wakes a new look. Each `new` frame triggers a fresh server-side search instead of matching the
 * frame locally, because the server is the one authority on Mailpit's query language (free text
 * over bodies the frame does not carry, tags, read state, time zones). Looks are coalesced: at
 * most one runs per wait, and frames arriving meanwhile fold into one more.
 */
export async function waitFor(deps: WaitDeps, query: string | undefined, predicate: MessagePredicate | undefined, count: number, options: WaitOptions = {}): Promise<Message[]> {
  const timeout = options.timeout ?? DEFAULT_WAIT_TIMEOUT;
  const waitedFor = describeWait(query, predicate, count);
  const arrivals: MessageSummary[] = [];
  const tested = new Set<string>();
  // Received times of the matches, to order them newest first whatever the server's ID scheme.
  const matched = new Map<string, { message: Message; created: number }>();
  let found = 0;
  let running = false;
  let again = false;
  let scannedOnce = false;

  let settle!: { resolve: (messages: Message[]) => void; reject: (error: unknown) => void };
  const result = new Promise<Message[]>((resolve, reject) => (settle = { resolve, reject }));
  // Settled possibly before it is returned (abort, timeout during the subscribe): not unhandled.
  result.catch(() => {});
  let done = false;
  const finish = (error: unknown, messages?: Message[]) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    unsubscribe?.();
    if (messages) settle.resolve(messages);
    else settle.reject(error);
  };

  const onAbort = () => finish(options.signal?.reason ?? new Error('wait aborted'));
  if (options.signal?.aborted) throw options.signal.reason ?? new Error('wait aborted');
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const timer = setTimeout(() => {
    describeArrivals(deps, arrivals, query, options.tz).then(
      (arrived) => finish(new MailnestTimeoutError({ waitedFor, timeout, found, arrived })),
      () => finish(new MailnestTimeoutError({ waitedFor, timeout, found, arrived: 'could not list the mailbox' })),
    );
  }, timeout);

  let unsubscribe: (() => void) | undefined;
  try {
    unsubscribe = await deps.events.subscribe({
      frame(frame) {
        if (frame.Type !== 'new') return;
        arrivals.push(frame.Data);
        if (arrivals.length > ARRIVALS_SHOWN) arrivals.shift();
        // Frames of one burst land in the same turn of the event loop: look once after them.
        setImmediate(look);
      },
      error: (error) => finish(error),
    });
  } catch (error) {
    finish(error);
    return result;
  }
  if (done) unsubscribe();

  async function lookOnce(): Promise<Message[] | null> {
    if (!predicate) {
      const page = await deps.page(query, 0, count, options.tz);
      found = Math.min(page.messages_count, count);
      if (page.messages_count < count || page.messages.length < count) return null;
      return Promise.all(page.messages.slice(0, count).map((summary) => deps.read(summary)));
    }
    // With a predicate every candidate is read in full once; pages run newest first, so after the
    // first full scan a look stops at the first page holding nothing new.
    for (let start = 0; ; start += PAGE) {
      const page = await deps.page(query, start, PAGE, options.tz);
      let fresh = 0;
      for (const summary of page.messages) {
        if (tested.has(summary.ID)) continue;
        tested.add(summary.ID);
        fresh++;
        const message = await deps.read(summary);
        if (await predicate(message)) matched.set(message.ID, { message, created: Date.parse(summary.Created) || 0 });
        found = Math.min(matched.size, count);
        if (matched.size >= count) return newestFirst([...matched.values()]).slice(0, count);
        if (done) return null;
      }
      if (page.messages.length < PAGE || (scannedOnce && fresh === 0)) break;
    }
    scannedOnce = true;
    return null;
  }

  function look(): void {
    if (done) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    void (async () => {
      try {
        do {
          again = false;
          const messages = await lookOnce();
          if (messages && !done) {
            if (options.markRead) await deps.markRead(messages.map((m) => m.ID));
            finish(null, messages);
          }
        } while (again && !done);
      } catch (error) {
        finish(error);
      } finally {
        running = false;
      }
    })();
  }

  look();
  return result;
}

function newestFirst(matches: { message: Message; created: number }[]): Message[] {
  // Created has millisecond precision; Mailnest IDs are time ordered and break the ties.
  const byId = (a: Message, b: Message) => (a.ID < b.ID ? 1 : a.ID > b.ID ? -1 : 0);
  return matches.sort((a, b) => b.created - a.created || byId(a.message, b.message)).map((m) => m.message);
}

function describeWait(query: string | undefined, predicate: MessagePredicate | undefined, count: number): string {
  const what = count === 1 ? '1 message' : `${count} messages`;
  const parts = [query ? `matching ${JSON.stringify(query)}` : '', predicate ? `accepted by ${predicate.name || 'the predicate'}` : ''];
  const how = parts.filter(Boolean).join(' and ');
  return how ? `${what} ${how}` : what;
}

function describeSummary(summary: MessageSummary): string {
  const to = [...(summary.To ?? []), ...(summary.Cc ?? []), ...(summary.Bcc ?? [])].map((a) => a.Address).join(', ');
  return `${JSON.stringify(summary.Subject)} to ${to || '(no recipients)'}`;
}

async function describeArrivals(deps: WaitDeps, arrivals: MessageSummary[], query: string | undefined, tz: string | undefined): Promise<string> {
  if (arrivals.length > 0) {
    return `last arrived: ${[...arrivals].reverse().map(describeSummary).join('; ')}`;
  }
  const newest = await deps.page(undefined, 0, 3, tz);
  if (newest.messages.length === 0) return 'no message arrived and the mailbox is empty';
  const hint = query ? ' (none of them matches)' : '';
  return `no message arrived while waiting; newest in the mailbox${hint}: ${newest.messages.map(describeSummary).join('; ')}`;
}
