/** Mailpit's response conventions: Go's json.Encoder (a trailing newline) and `text/plain ok`. */
import type { Response } from 'express';
import { encodeGoJson } from './go-json-encode.ts';

export function sendJson(res: Response, value: unknown): void {
  res.type('application/json').send(encodeGoJson(value) + '\n');
}

/** The body every Mailpit mutation answers with. */
export function sendOk(res: Response): void {
  res.type('text/plain').send('ok');
}

export function sendText(res: Response, status: number, text: string): void {
  res.status(status).type('text/plain').send(text);
}
