import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { HeaderSection } from './header-section.ts';
import { CommandError, EX_DATAERR, EX_NOINPUT, EX_NOPERM, EX_UNAVAILABLE, EX_USAGE, processIO } from './io.ts';
import type { CommandIO } from './io.ts';
import { splitMbox } from './mbox.ts';
import { deliveryError, report } from './sendmail.ts';
import { qualify, smtpAuth, smtpDelivery, smtpTarget } from './smtp-delivery.ts';

const USAGE = `Usage: mailnest ingest [--smtp HOST:PORT] [--auth USER:PASSWORD] FILE|DIR...

Loads .eml files and mbox files into a running Mailnest over SMTP (default 127.0.0.1:1025, or
MAILNEST_SMTP). Directories are walked recursively for *.eml, *.mbox and files named mbox.
A named file is read as mbox when it starts with a "From " line, else as one message.
--auth gives SMTP AUTH credentials, for a Mailnest started with --smtp-auth-file.`;

// Without a recipient header the message still needs one RCPT TO; Mailnest lists it as Bcc.
const FALLBACK_RECIPIENT = 'undisclosed-recipients@localhost';
const FALLBACK_SENDER = 'mailnest-ingest@localhost';
// Messages in flight at once; the pool below keeps as many connections open.
const PARALLEL = 4;

interface Item {
  /** `file` or `file#3` for the third message of an mbox. */
  label: string;
  raw: Buffer;
  /** The sender of the mbox `From ` line, if any. */
  mboxSender?: string;
}

async function collectFiles(target: string, named: boolean, out: string[]): Promise<void> {
  let info;
  try {
    info = await stat(target);
  } catch (cause) {
    throw new CommandError(`ingest: cannot read ${target}: ${(cause as NodeJS.ErrnoException).code ?? cause}`, EX_NOINPUT, { cause });
  }
  if (info.isDirectory()) {
    const entries = (await readdir(target)).sort();
    for (const entry of entries) await collectFiles(path.join(target, entry), false, out);
  } else if (named || /\.(eml|mbox)$/i.test(target) || path.basename(target) === 'mbox') {
    out.push(target);
  }
}

export function envelopeOf(item: Item): { from: string; to: string[] } {
  const headers = HeaderSection.parse(item.raw);
  const from = headers.addresses('Return-Path')[0] ?? item.mboxSender ?? headers.addresses('From')[0] ?? FALLBACK_SENDER;
  let to = headers.addresses('To', 'Cc', 'Bcc');
  if (to.length === 0) to = headers.addresses('Delivered-To', 'X-Original-To');
  return { from: qualify(from), to: to.length > 0 ? to.map(qualify) : [FALLBACK_RECIPIENT] };
}

/**
 * `mailnest ingest`: load .eml and mbox files into a running Mailnest. Returns the exit code.
 *
 * @example
 * process.exitCode = await main(['--smtp', '127.0.0.1:1025', 'fixtures/', 'archive.mbox']);
 */
export async function main(argv: string[], io: CommandIO = processIO()): Promise<number> {
  try {
    let smtp: string | undefined;
    let authValue: string | undefined;
    const targets: string[] = [];
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i]!;
      if (arg === '--help' || arg === '-h') {
        io.stdout.write(USAGE + '\n');
        return 0;
      }
      if (arg === '--smtp') {
        smtp = argv[++i];
        if (smtp === undefined) throw new CommandError('ingest: --smtp needs HOST:PORT', EX_USAGE);
      } else if (arg.startsWith('--smtp=')) smtp = arg.slice('--smtp='.length);
      else if (arg === '--auth') {
        authValue = argv[++i];
        if (authValue === undefined) throw new CommandError('ingest: --auth needs USER:PASSWORD', EX_USAGE);
      } else if (arg.startsWith('--auth=')) authValue = arg.slice('--auth='.length);
      else if (arg.startsWith('-') && arg !== '-') throw new CommandError(`ingest: unknown option ${arg} (see --help)`, EX_USAGE);
      else targets.push(arg);
    }
    if (targets.length === 0) throw new CommandError('ingest: name at least one .eml file, mbox file or directory (see --help)', EX_USAGE);
    const target = smtpTarget(smtp, io.env);
    const auth = smtpAuth(authValue);

    const files: string[] = [];
    for (const t of targets) await collectFiles(t, true, files);
    if (files.length === 0) throw new CommandError(`ingest: no .eml or mbox files in ${targets.join(', ')}`, EX_NOINPUT);

    const items: Item[] = [];
    for (const file of files) {
      const raw = await readFile(file);
      if (raw.subarray(0, 5).toString('latin1') === 'From ') {
        splitMbox(raw).forEach((m, i) => items.push({ label: `${file}#${i + 1}`, raw: m.raw, mboxSender: m.sender }));
      } else if (raw.length > 0) {
        items.push({ label: file, raw });
      }
    }
    if (items.length === 0) throw new CommandError(`ingest: the files hold no messages (${files.length} empty)`, EX_DATAERR);

    const delivery = smtpDelivery(target, { connections: PARALLEL, auth });
    let sent = 0;
    const failures: string[] = [];
    let fatal: CommandError | undefined;
    try {
      let next = 0;
      const worker = async () => {
        while (next < items.length && !fatal) {
          const item = items[next++]!;
          try {
            await delivery.send(item.raw, envelopeOf(item));
            sent++;
          } catch (cause) {
            const error = deliveryError(cause, target);
            // Nothing else would get through either: stop at the first such error.
            if (error.exitCode === EX_UNAVAILABLE || error.exitCode === EX_NOPERM) fatal = error;
            else failures.push(`${item.label}: ${error.message}`);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
    } finally {
      delivery.close();
    }
    if (fatal) throw fatal;
    for (const failure of failures) io.stderr.write(`mailnest: ingest: ${failure}\n`);
    io.stdout.write(`Ingested ${sent} of ${items.length} messages from ${files.length} file${files.length === 1 ? '' : 's'} into ${target.host}:${target.port}\n`);
    return failures.length > 0 ? EX_DATAERR : 0;
  } catch (error) {
    return report(error, io);
  }
}
