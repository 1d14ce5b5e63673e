import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';

/**
 * Sends one message with nodemailer (a real, widely used client) and returns its SMTP info.
 * `message` is either nodemailer mail options or a raw source with an explicit envelope.
 */
export async function sendMail(port: number, message: Mail.Options): Promise<SMTPTransport.SentMessageInfo> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    return await transport.sendMail(message);
  } finally {
    transport.close();
  }
}

/** The queue ID Mailnest put in its 250 reply. */
export function queuedId(info: { response: string }): string {
  const match = /queued as ([0-9A-Za-z]{22})/.exec(info.response);
  if (!match) throw new Error(`no queue ID in SMTP reply: ${info.response}`);
  return match[1]!;
}
