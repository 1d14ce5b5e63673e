/**
 * A request the API refuses on purpose. The error handler answers it with `status` and the
 * message as plain text, the way Mailpit's `httpError()` does (400 unless said otherwise).
 */
export class HttpError extends Error {
  override name = 'HttpError';
  readonly status: number;
  /** Answer with `{"Error":message}` instead of plain text (Mailpit's `/send` style). */
  readonly json: boolean;

  constructor(status: number, message: string, options?: { json?: boolean; cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.status = status;
    this.json = options?.json ?? false;
  }
}

/** Mailpit's `fourOFour()`: the same body for an unknown ID, a malformed ID and an unknown route. */
export const NOT_FOUND_TEXT = '404 page not found';

export class NotFoundError extends HttpError {
  override name = 'NotFoundError';
  constructor(message: string = NOT_FOUND_TEXT) {
    super(404, message);
  }
}
