/**
 * A security check's verdict, usable both by express middleware and by the WebSocket upgrade
 * handler (which runs outside express and must answer on the raw socket).
 */
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import type { Response } from 'express';

export interface Refusal {
  status: number;
  message: string;
  headers?: Record<string, string>;
}

export function sendRefusal(res: Response, refusal: Refusal): void {
  for (const [name, value] of Object.entries(refusal.headers ?? {})) res.setHeader(name, value);
  res.status(refusal.status).type('text/plain').send(refusal.message);
}

/** Answers an upgrade request on its socket and closes it. */
export function writeRefusal(socket: Duplex, refusal: Refusal): void {
  const body = Buffer.from(refusal.message, 'utf8');
  const headers = { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(body.length), Connection: 'close', ...refusal.headers };
  const head = [`HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? ''}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join('\r\n');
  socket.end(Buffer.concat([Buffer.from(head + '\r\n\r\n', 'latin1'), body]));
}
