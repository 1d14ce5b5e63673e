/**
 * Anything no route claimed: Go's `http.NotFound` (what Mailpit's router answers), whose body
 * ends with a newline, unlike the handlers' own `404 page not found` for an unknown ID.
 */
import type { Request, Response } from 'express';
import { NOT_FOUND_TEXT } from '../errors.ts';

export function notFound(_req: Request, res: Response): void {
  res.status(404).type('text/plain').send(NOT_FOUND_TEXT + '\n');
}
