import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerAddress, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import type { Config } from '../config.ts';
import { formatAddress } from '../config.ts';
import { Credentials } from '../credentials.ts';
import type { Logger } from '../log.ts';
import type { Envelope, Store } from '../store/types.ts';
import { authHandler, smtpError } from './auth.ts';
import { greetPromptly } from './prompt-greeting.ts';
import { loadTls } from './tls.ts';

export interface SmtpServerHandle {
  port: number;
  /** Counters for /api/v1/info's RuntimeStats. */
  readonly stats: SmtpStats;
  close(): Promise<void>;
}

export interface SmtpStats {
  /** Messages refused for their size or because they could not be stored. */
  rejected: number;
}

// Long enough for a transaction in flight to be stored and answered, short enough for tests.
const CLOSE_TIMEOUT_MS = 1000;

function envelopeOf(session: SMTPServerSession): Envelope {
  const mailFrom = session.envelope.mailFrom;
  return {
    mailFrom: mailFrom ? mailFrom.address : '',
    rcptTo: session.envelope.rcptTo.map((r: SMTPServerAddress) => r.address),
    username: typeof session.user === 'string' ? session.user : '',
    remoteAddress: session.remoteAddress ?? '',
    tls: session.secure,
  };
}

/**
 * Starts the SMTP server: accepts every sender and recipient, stores each message, and answers
 * `250 Ok: queued as <ID>` only once the store has it on disk.
 */
export async function startSmtpServer(options: { config: Config; store: Store; log: Logger }): Promise<SmtpServerHandle> {
  const { config, store, log } = options;
  const tls = await loadTls(config);
  const credentials = config.smtpAuthFile ? Credentials.load(config.smtpAuthFile, '--smtp-auth-file / MAILNEST_SMTP_AUTH_FILE') : null;
  const stats: SmtpStats = { rejected: 0 };

  function onRcptTo(_address: SMTPServerAddress, session: SMTPServerSession, callback: (error?: Error | null) => void): void {
    if (session.envelope.rcptTo.length >= config.smtpMaxRecipients) {
      return callback(smtpError(452, `Too many recipients: at most ${config.smtpMaxRecipients} per message (--smtp-max-recipients)`));
    }
    callback();
  }

  function onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null, message?: string) => void): void {
    const chunks: Buffer[] = [];
    let length = 0;
    stream.on('data', (chunk: Buffer) => {
      // Past the limit the message will be refused: stop holding its bytes.
      if (stream.sizeExceeded) return;
      chunks.push(chunk);
      length += chunk.length;
    });
    stream.on('error', (error) => log.debug(`SMTP ${session.remoteAddress}: DATA stream failed: ${error.message}`));
    stream.on('end', () => {
      if (stream.sizeExceeded) {
        stats.rejected++;
        log.warn(`SMTP ${session.remoteAddress}: refused a message over --max-message-size (${config.maxMessageSize} bytes)`);
        return callback(smtpError(552, `Message exceeds the maximum size of ${config.maxMessageSize} bytes`));
      }
      const raw = Buffer.concat(chunks, length);
      store.add(raw, envelopeOf(session)).then(
        (message) => {
          log.debug(`SMTP ${session.remoteAddress}: stored ${message.id} (${raw.length} bytes) from <${message.envelope.mailFrom}>`);
          callback(null, `Ok: queued as ${message.id}`);
        },
        (error: unknown) => {
          stats.rejected++;
          log.error(`SMTP ${session.remoteAddress}: could not store a message`, error);
          callback(smtpError(451, 'Requested action aborted: the message could not be stored, try again'));
        },
      );
    });
  }

  if (!greetPromptly()) log.debug('SMTP: smtp-server changed; greetings keep its 100 ms early-talker delay');
  const server = new SMTPServer({
    name: 'mailnest',
    banner: 'Mailnest ESMTP ready',
    logger: false,
    secure: config.smtpRequireTls,
    ...(tls ?? {}),
    hideSTARTTLS: tls === null,
    // RFC 2034 codes, so an oversized message is refused with "552 5.3.4" as clients expect.
    hideENHANCEDSTATUSCODES: false,
    hideDSN: true,
    size: config.maxMessageSize,
    // smtp-server then answers an oversized message itself, with 552 5.3.4, whatever onData says.
    rejectOversized: true,
    authMethods: ['PLAIN', 'LOGIN', 'CRAM-MD5'],
    authOptional: credentials === null,
    // Apps under development authenticate over plain text; refusing them helps nobody.
    allowInsecureAuth: true,
    // A reverse lookup delays every greeting by a DNS round trip, or a timeout offline.
    disableReverseLookup: true,
    closeTimeout: CLOSE_TIMEOUT_MS,
    onAuth: authHandler(credentials),
    onRcptTo,
    onData,
  });
  // smtp-server re-emits socket errors (a client that drops mid-DATA) on the server; without a
  // listener they would crash the process.
  server.on('error', (error: Error) => log.debug(`SMTP connection error: ${error.message}`));

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`SMTP address ${formatAddress(config.smtpHost, config.smtpPort)} is already in use: choose another with --smtp / MAILNEST_SMTP`)
          : new Error(`SMTP server could not listen on ${formatAddress(config.smtpHost, config.smtpPort)} (--smtp): ${error.message}`),
      );
    };
    server.server.once('error', onError);
    server.listen(config.smtpPort, config.smtpHost, () => {
      server.server.off('error', onError);
      resolve();
    });
  });

  let closing: Promise<void> | null = null;
  return {
    port: (server.server.address() as AddressInfo).port,
    stats,
    close: () => (closing ??= new Promise<void>((resolve) => server.close(() => resolve()))),
  };
}
