import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Readable } from 'node:stream';
import { ConfigError } from '../config.ts';
import { HeaderSection } from './header-section.ts';
import { CommandError, EX_DATAERR, EX_NOPERM, EX_TEMPFAIL, EX_UNAVAILABLE, EX_USAGE, processIO } from './io.ts';
import type { CommandIO } from './io.ts';
import { qualify, smtpAuth, smtpDelivery, smtpTarget } from './smtp-delivery.ts';

const USAGE = `Usage: mailnest sendmail [-t] [-i] [-f sender] [-F name] [--smtp HOST:PORT] [--auth USER:PASSWORD] [recipient...]

Reads a message on stdin, as /usr/sbin/sendmail does, and delivers it to a running Mailnest
(default 127.0.0.1:1025, or MAILNEST_SMTP). Use it as PHP's sendmail_path or Rails' sendmail location.

  -t               also send to the To, Cc and Bcc headers' addresses (the Bcc header is removed)
  -i, -oi          a line with a single dot does not end the message
  -f, -r ADDRESS   envelope sender (default: the From header's address)
  -F NAME          full name for a From header added when the message has none
  --smtp HOST:PORT where Mailnest's SMTP server listens
  --auth USER:PASS SMTP AUTH, for a Mailnest started with --smtp-auth-file
Other sendmail flags (-o*, -B, -N, -R, -V, -v, -U, -bm, ...) are accepted and ignored.`;

interface SendmailArgs {
  extractRecipients: boolean;
  ignoreDots: boolean;
  sender: string | undefined;
  fullName: string | undefined;
  smtp: string | undefined;
  auth: string | undefined;
  recipients: string[];
  help: boolean;
}

// Flags of sendmail(8) that take a value and mean nothing to a catcher.
const IGNORED_WITH_VALUE = new Set(['B', 'C', 'L', 'N', 'O', 'R', 'V', 'X', 'h', 'p', 'q']);
// Single-letter flags without a value, which callers sometimes bundle (`-ti`).
const IGNORED_BARE = new Set(['v', 'U', 'G', 'n', 'm', 'A']);

export function parseSendmailArgs(argv: readonly string[]): SendmailArgs {
  const args: SendmailArgs = { extractRecipients: false, ignoreDots: false, sender: undefined, fullName: undefined, smtp: undefined, auth: undefined, recipients: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (flag: string, attached: string): string => {
      if (attached) return attached;
      const next = argv[++i];
      if (next === undefined) throw new CommandError(`sendmail: ${flag} needs a value`, EX_USAGE);
      return next;
    };
    if (arg === '--') {
      args.recipients.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--smtp' || arg.startsWith('--smtp=')) args.smtp = value('--smtp', arg.slice('--smtp='.length));
    else if (arg === '--auth' || arg.startsWith('--auth=')) args.auth = value('--auth', arg.slice('--auth='.length));
    else if (arg.startsWith('--')) throw new CommandError(`sendmail: unknown option ${arg} (see --help)`, EX_USAGE);
    else if (arg.startsWith('-o')) {
      if (arg === '-oi') args.ignoreDots = true;
      else if (arg === '-o') i++; // `-o option` with a separate value
    } else if (arg.startsWith('-b')) {
      if (arg !== '-bm') throw new CommandError(`sendmail: mode ${arg} is not supported; only delivery (-bm) is`, EX_USAGE);
    } else if (arg.startsWith('-f') || arg.startsWith('-r')) args.sender = value(arg.slice(0, 2), arg.slice(2));
    else if (arg.startsWith('-F')) args.fullName = value('-F', arg.slice(2));
    else if (arg.startsWith('-e')) continue; // -e<x>: error reporting mode
    else if (arg.length > 1 && arg.startsWith('-') && IGNORED_WITH_VALUE.has(arg[1]!)) value(arg.slice(0, 2), arg.slice(2));
    else if (/^-[a-zA-Z]+$/.test(arg)) {
      for (const letter of arg.slice(1)) {
        if (letter === 't') args.extractRecipients = true;
        else if (letter === 'i') args.ignoreDots = true;
        else if (!IGNORED_BARE.has(letter)) throw new CommandError(`sendmail: unknown option -${letter} (see --help)`, EX_USAGE);
      }
    } else if (arg.startsWith('-')) throw new CommandError(`sendmail: unknown option ${arg} (see --help)`, EX_USAGE);
    // Recipients may come comma separated in one argument (`sendmail "a@x, b@y"`).
    else args.recipients.push(...arg.split(',').map((r) => r.trim()).filter(Boolean));
  }
  return args;
}

/**
 * Reads stdin up to its end, or, unless `ignoreDots`, up to a line holding a single dot (the
 * sendmail convention), and stops reading there so an interactive writer is not waited for.
 */
export async function readMessage(stdin: Readable, ignoreDots: boolean): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let text = '';
  const cut = (match: RegExpExecArray) => Buffer.from(text.slice(0, match.index + (match[0].startsWith('\n') ? 1 : 0)), 'latin1');
  const dotLine = /(?:^|\n)\.\r?\n/g;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(buffer);
    if (ignoreDots) continue;
    // Look again only where this chunk can complete a dot line, so a big message is scanned once.
    dotLine.lastIndex = Math.max(0, text.length - 3);
    text += buffer.toString('latin1');
    const dot = dotLine.exec(text);
    if (dot) {
      stdin.destroy();
      return cut(dot);
    }
  }
  const last = ignoreDots ? null : /(?:^|\n)\.\r?$/.exec(text);
  return last ? cut(last) : Buffer.concat(chunks);
}

/**
 * `mailnest sendmail`: deliver one message from stdin. Returns the exit code.
 *
 * @example
 * // printf 'To: a@example.com\nSubject: hi\n\nbody\n' | mailnest sendmail -t
 * process.exitCode = await main(['-t'], processIO());
 */
export async function main(argv: string[], io: CommandIO = processIO()): Promise<number> {
  try {
    const args = parseSendmailArgs(argv);
    if (args.help) {
      io.stdout.write(USAGE + '\n');
      return 0;
    }
    const target = smtpTarget(args.smtp, io.env);
    const auth = smtpAuth(args.auth);
    const raw = await readMessage(io.stdin, args.ignoreDots);
    if (raw.length === 0) throw new CommandError('sendmail: no message on stdin', EX_DATAERR);

    let message = HeaderSection.parse(raw);
    const recipients = [...args.recipients];
    if (args.extractRecipients) {
      for (const address of message.addresses('To', 'Cc', 'Bcc')) if (!recipients.includes(address)) recipients.push(address);
      // sendmail -t never lets the Bcc header reach the recipients.
      message = message.without('Bcc');
    }
    if (recipients.length === 0) throw new CommandError('sendmail: no recipients: name them as arguments or pass -t to read To/Cc/Bcc', EX_DATAERR);

    const headerFrom = message.addresses('From')[0];
    const localUser = `${io.env.USER ?? io.env.LOGNAME ?? 'nobody'}@${os.hostname() || 'localhost'}`;
    const sender = args.sender ?? headerFrom ?? localUser;
    // As an MTA does, give a message the headers every message should have.
    const added: string[] = [];
    if (!message.has('From')) added.push(`From: ${args.fullName ? `"${args.fullName.replace(/"/g, '')}" ` : ''}<${sender || localUser}>`);
    if (!message.has('Date')) added.push(`Date: ${new Date().toUTCString().replace('GMT', '+0000')}`);
    if (!message.has('Message-ID')) added.push(`Message-ID: <${randomUUID()}@mailnest.sendmail>`);
    message = message.with(added);

    const delivery = smtpDelivery(target, { auth });
    try {
      await delivery.send(message.toBuffer(), { from: qualify(sender), to: recipients.map(qualify) });
    } catch (cause) {
      throw deliveryError(cause, target);
    } finally {
      delivery.close();
    }
    return 0;
  } catch (error) {
    return report(error, io);
  }
}

export function deliveryError(cause: unknown, target: { host: string; port: number }): CommandError {
  const e = cause as { code?: string; responseCode?: number; message?: string };
  const where = `${target.host}:${target.port}`;
  if (e.code === 'ECONNREFUSED' || e.code === 'ESOCKET' || e.code === 'ETIMEDOUT' || e.code === 'ECONNECTION') {
    return new CommandError(`cannot reach Mailnest's SMTP server at ${where} (${e.message ?? e.code}); is it running? (--smtp / MAILNEST_SMTP)`, EX_UNAVAILABLE, { cause });
  }
  if (e.code === 'EAUTH' || e.responseCode === 530) {
    const why = e.code === 'EAUTH' ? 'refused the credentials' : 'requires SMTP AUTH';
    return new CommandError(`${where} ${why}: ${(e.message ?? '').split('\n')[0]} (--auth USER:PASSWORD)`, EX_NOPERM, { cause });
  }
  const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500;
  return new CommandError(`${where} refused the message: ${(e.message ?? String(cause)).split('\n')[0]}`, permanent ? EX_DATAERR : EX_TEMPFAIL, { cause });
}

export function report(error: unknown, io: CommandIO): number {
  if (error instanceof CommandError) {
    io.stderr.write(`mailnest: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof ConfigError) {
    io.stderr.write(`mailnest: ${error.message}\n`);
    return EX_USAGE;
  }
  io.stderr.write(`mailnest: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
}
