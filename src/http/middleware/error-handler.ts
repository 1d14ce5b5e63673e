/**
 * The one error boundary of the HTTP side. Known errors (bad input, unknown messages, bodies too
 * large) become 4xx with their message, as plain text like Mailpit's httpError(); anything else
 * is logged with the request and answered with a bare 500, never a stack trace.
 */
import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../../log.ts';
import { HttpError, NOT_FOUND_TEXT } from '../errors.ts';
import { encodeGoJson } from '../go-json-encode.ts';

interface ClientError {
  status: number;
  message: string;
  json: boolean;
}

/**
 * body-parser and http-errors mark errors that are safe to show with `expose`; the router's
 * "Failed to decode param" (a malformed %-escape in the path) carries a 400 status without it.
 */
function asClientError(error: unknown): ClientError | null {
  if (error instanceof HttpError) return { status: error.status, message: error.message, json: error.json };
  if (typeof error !== 'object' || error === null) return null;
  const e = error as { status?: unknown; statusCode?: unknown; expose?: unknown; message?: unknown; name?: unknown; code?: unknown };
  // A message deleted between lookup and read.
  if (e.name === 'StoreError' && e.code === 'ENOENT') return { status: 404, message: NOT_FOUND_TEXT, json: false };
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : 0;
  if (status >= 400 && status < 500 && e.expose !== false && typeof e.message === 'string') {
    return { status, message: e.message, json: false };
  }
  return null;
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return function handleError(error, req, res, _next) {
    const known = asClientError(error);
    if (!known) log.error(`HTTP ${req.method} ${req.originalUrl} failed`, error);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (!known) {
      res.status(500).type('text/plain').send('Internal Server Error');
      return;
    }
    if (known.json) {
      res.status(known.status).type('application/json').send(encodeGoJson({ Error: known.message }) + '\n');
      return;
    }
    res.status(known.status).type('text/plain').send(known.message);
  };
}
