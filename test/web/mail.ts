import type Mail from 'nodemailer/lib/mailer/index.js';
import { queuedId, sendMail } from '../helpers/send-mail.ts';

export interface Sent {
  id: string;
  /** When the client had the 250 (epoch ms). */
  at250: number;
}

/** Sends over real SMTP and returns the ID from `250 Ok: queued as <ID>`. */
export async function send(smtpPort: number, message: Mail.Options): Promise<Sent> {
  const info = await sendMail(smtpPort, { from: 'sender@example.com', to: 'dev@example.com', ...message });
  return { id: queuedId(info), at250: Date.now() };
}

/** A 1×1 PNG for inline (cid:) images. */
export const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

/** Polls `read` until `accept` holds, or fails naming what it waited for. */
export async function until<T>(what: string, read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!accept(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
    last = await read();
  }
  return last;
}
