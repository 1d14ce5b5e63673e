import nodemailer from 'nodemailer';
import { parseAddress } from '../config.ts';
import { CommandError, EX_USAGE } from './io.ts';

export interface SmtpTarget {
  host: string;
  port: number;
}

/** `--smtp HOST:PORT`, else MAILNEST_SMTP, else Mailnest's default 127.0.0.1:1025. */
export function smtpTarget(flag: string | undefined, env: NodeJS.ProcessEnv): SmtpTarget {
  const value = flag ?? env.MAILNEST_SMTP ?? '127.0.0.1:1025';
  const { host, port } = parseAddress('smtp', value, '127.0.0.1');
  // A server bound to every interface is reached on loopback.
  return { host: host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host, port };
}

/** `--auth USER:PASSWORD`, for a Mailnest started with --smtp-auth-file. */
export function smtpAuth(value: string | undefined): { user: string; pass: string } | undefined {
  if (value === undefined) return undefined;
  const colon = value.indexOf(':');
  if (colon <= 0) throw new CommandError(`--auth: expected USER:PASSWORD, got ${JSON.stringify(value.replace(/:.*/, ':…'))}`, EX_USAGE);
  return { user: value.slice(0, colon), pass: value.slice(colon + 1) };
}

export interface Delivery {
  /** Sends the bytes as they are with the given envelope; resolves with the server's reply. */
  send(raw: Buffer, envelope: { from: string; to: string[] }): Promise<string>;
  close(): void;
}

/** An SMTP sender to a running Mailnest. `connections` > 1 pools connections for bulk loads. */
export function smtpDelivery(target: SmtpTarget, options: { connections?: number; auth?: { user: string; pass: string } } = {}): Delivery {
  const connections = options.connections ?? 1;
  const transport = nodemailer.createTransport({
    host: target.host,
    port: target.port,
    secure: false,
    pool: connections > 1,
    maxConnections: connections,
    auth: options.auth,
    connectionTimeout: 10_000,
    // A local catcher's STARTTLS certificate is self-signed more often than not.
    tls: { rejectUnauthorized: false },
  });
  return {
    async send(raw, envelope) {
      const info = await transport.sendMail({ envelope, raw });
      return info.response;
    },
    close: () => transport.close(),
  };
}

/**
 * A bare local part (`root`, or `matmail` in an old message) is qualified with `@localhost`, as an
 * MTA qualifies unqualified addresses with its own domain; SMTP servers refuse it otherwise.
 */
export function qualify(address: string): string {
  // '' is the null sender (`-f ''`, bounces), which SMTP writes as MAIL FROM:<>.
  return address === '' || address.includes('@') ? address : `${address}@localhost`;
}
