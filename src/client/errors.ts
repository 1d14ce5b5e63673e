/** A request to Mailnest answered with a status other than 200, or could not be sent at all. */
export class MailnestHTTPError extends Error {
  override name = 'MailnestHTTPError';
  /** HTTP status, 0 when no response arrived (connection refused, DNS, aborted). */
  readonly status: number;
  readonly method: string;
  readonly url: string;
  /** The response body (Mailpit answers errors as plain text), '' when none. */
  readonly body: string;

  constructor(init: { status: number; statusText?: string; method: string; url: string; body?: string; cause?: unknown }) {
    const what = init.status === 0 ? 'Request failed' : `Request failed with status ${init.status} ${init.statusText ?? ''}`.trimEnd();
    const detail = init.body?.trim() ? `: ${init.body.trim().slice(0, 200)}` : '';
    super(`${what}: ${init.method} ${init.url}${detail}`, { cause: init.cause });
    this.status = init.status;
    this.method = init.method;
    this.url = init.url;
    this.body = init.body ?? '';
  }
}

/** `waitForMessage`/`waitForMessages` gave up; the message says what it waited for and what did arrive. */
export class MailnestTimeoutError extends Error {
  override name = 'MailnestTimeoutError';
  /** What was waited for, e.g. `1 message matching "to:alice@example.com"`. */
  readonly waitedFor: string;
  readonly timeout: number;
  /** How many matches were found before the deadline (fewer than wanted). */
  readonly found: number;

  constructor(init: { waitedFor: string; timeout: number; found: number; arrived: string }) {
    super(`Timed out after ${init.timeout}ms waiting for ${init.waitedFor} (found ${init.found}); ${init.arrived}`);
    this.waitedFor = init.waitedFor;
    this.timeout = init.timeout;
    this.found = init.found;
  }
}

/** The event stream (`/api/events`) could not be opened or closed while a wait depended on it. */
export class MailnestEventStreamError extends Error {
  override name = 'MailnestEventStreamError';
  readonly url: string;

  constructor(message: string, init: { url: string; cause?: unknown }) {
    super(`${message}: ${init.url}`, { cause: init.cause });
    this.url = init.url;
  }
}
