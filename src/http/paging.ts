/** Mailpit's `getStartLimit()`: query parameters that page through `/messages` and `/search`. */
import type { Request } from 'express';

export interface Paging {
  start: number;
  /** 0 means no limit. */
  limit: number;
  /** Only messages received before this time (epoch ms), or null. */
  before: number | null;
}

/** First value of a query parameter as a string ('' when absent). */
export function queryString(req: Request, name: string): string {
  const value: unknown = req.query[name];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : '';
  return typeof value === 'string' ? value : '';
}

/** Go's strconv.Atoi: an optional sign and decimal digits, nothing else. */
function atoi(value: string): number | null {
  return /^[+-]?\d{1,15}$/.test(value) ? Number(value) : null;
}

/** A `before`/`since` value: epoch seconds or milliseconds, or a date string. Invalid ones are ignored, as Mailpit does. */
function parseDateParam(value: string): number | null {
  if (value === '') return null;
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    return n < 1e11 ? n * 1000 : n;
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

export function readPaging(req: Request): Paging {
  const start = atoi(queryString(req, 'start'));
  const limit = atoi(queryString(req, 'limit'));
  return {
    start: start !== null && start > 0 ? start : 0,
    limit: limit !== null && limit > -1 ? limit : 50,
    before: parseDateParam(queryString(req, 'before')),
  };
}
