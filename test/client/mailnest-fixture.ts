/**
 * A real Mailnest on port 0 with an in-memory store, and a nodemailer sender, for the client,
 * wait and example tests (private until test/helpers/ offers the same).
 */
import nodemailer from 'nodemailer';
import { startMailnest } from '../../src/index.ts';
import type { Mailnest, StartOptions } from '../../src/index.ts';
import { MailnestClient } from '../../src/client/index.ts';
import type { MailnestClientOptions } from '../../src/client/index.ts';

export interface Fixture {
  nest: Mailnest;
  client: MailnestClient;
  send(mail: MailInput): Promise<string>;
  sendRaw(raw: string | Buffer, envelope: { from: string; to: string[] }): Promise<string>;
  close(): Promise<void>;
}

export interface MailInput {
  from?: string;
  to: string | string[];
  cc?: string;
  bcc?: string;
  subject?: string;
  text?: string;
  html?: string;
  headers?: Record<string, string>;
  attachments?: Array<{ filename: string; content: string | Buffer; cid?: string; contentDisposition?: 'attachment' | 'inline' }>;
}

export async function startFixture(options: StartOptions & { client?: MailnestClientOptions } = {}): Promise<Fixture> {
  const { client: clientOptions, ...startOptions } = options;
  const nest = await startMailnest({ smtpPort: 0, httpPort: 0, ...startOptions });
  const client = new MailnestClient(nest.url, clientOptions);
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: nest.smtpPort, pool: true, maxConnections: 10, maxMessages: Infinity });
  return {
    nest,
    client,
    async send(mail) {
      const info = await transport.sendMail({ from: 'app@example.com', subject: 'Hello', text: 'Hello there', ...mail });
      return info.response;
    },
    async sendRaw(raw, envelope) {
      const info = await transport.sendMail({ envelope, raw });
      return info.response;
    },
    async close() {
      client.close();
      transport.close();
      await nest.close();
    },
  };
}

/** The ID from `250 Ok: queued as <ID>`. */
export function queuedId(response: string): string {
  const m = /queued as (\S+)/.exec(response);
  if (!m) throw new Error(`no queued ID in ${JSON.stringify(response)}`);
  return m[1]!;
}
