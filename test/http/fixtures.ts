import type Mail from 'nodemailer/lib/mailer/index.js';
import type { Mailnest } from '../../src/index.ts';
import { queuedId, sendMail } from '../helpers/send-mail.ts';
import { startNest } from '../helpers/test-server.ts';

/** A 1×1 transparent PNG, for inline images and thumbnails. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

export const plainMail: Mail.Options = {
  from: 'Alice <alice@example.test>',
  to: 'bob@example.test',
  subject: 'Hello Bob',
  text: 'Plain text body for Bob.',
  date: new Date('2025-03-08T10:58:34Z'),
  messageId: '<plain-1@example.test>',
};

export const richMail: Mail.Options = {
  from: '"Carol Sender" <carol@example.test>',
  to: ['dave@example.test', 'Erin <erin@example.test>'],
  cc: 'frank@example.test',
  replyTo: 'replies@example.test',
  subject: 'Invoice 42',
  text: 'Your invoice is attached.',
  html: '<p>Your <b>invoice</b> is attached. <a href="https://example.test/pay">Pay</a></p><img src="cid:logo@example.test">',
  headers: { 'X-Tags': 'billing, urgent' },
  messageId: '<rich-1@example.test>',
  attachments: [
    { filename: 'logo.png', content: PNG, contentType: 'image/png', cid: 'logo@example.test' },
    { filename: 'invoice 42.pdf', content: Buffer.from('%PDF-1.4 fake pdf'), contentType: 'application/pdf' },
  ],
};

/** Sends a message and returns the ID from the 250 reply. */
export async function send(nest: Mailnest, message: Mail.Options): Promise<string> {
  return queuedId(await sendMail(nest.smtpPort, message));
}

/** A fresh server holding the plain and the rich message, the state most route tests start from. */
export async function startWithFixtures(): Promise<{ nest: Mailnest; plainId: string; richId: string }> {
  const nest = await startNest();
  const plainId = await send(nest, plainMail);
  const richId = await send(nest, richMail);
  return { nest, plainId, richId };
}
