/** Anything no route claimed: Go's `http.NotFound` body, which Mailpit's clients expect. */
import type { Request, Response } from 'express';
import { NOT_FOUND_TEXT } from '../errors.ts';

export function notFound(_req: Request, res: Response): void {
  res.status(404).type('text/plain').send(NOT_FOUND_TEXT);
}
