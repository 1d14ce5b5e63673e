#!/usr/bin/env node
import { helpText, parseServerArgs } from './cli-options.ts';
import { consoleLogger } from './log.ts';
import { startMailnest } from './index.ts';
import { version } from './version.ts';
import { defaultDataDir, formatAddress } from './config.ts';

type Command = (argv: string[]) => Promise<number>;

// Subcommands load lazily so the server start pays nothing for them.
const COMMANDS: Record<string, () => Promise<Command>> = {
  sendmail: async () => (await import('./commands/sendmail.ts')).main,
  ingest: async () => (await import('./commands/ingest.ts')).main,
  readyz: async () => (await import('./commands/readyz.ts')).main,
};

async function serve(argv: string[]): Promise<number> {
  const { options, help, version: showVersion } = parseServerArgs(argv, process.env);
  if (help) {
    process.stdout.write(helpText() + '\n');
    return 0;
  }
  if (showVersion) {
    process.stdout.write(version + '\n');
    return 0;
  }
  const logger = consoleLogger({ verbose: options.verbose, quiet: options.quiet });
  // The CLI keeps mail on disk by default; only the embedded API defaults to memory.
  const nest = await startMailnest({ db: defaultDataDir(), ...options, logger });
  // Listen for signals before announcing readiness: a supervisor may stop us the moment it reads the banner.
  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info(`${signal} received, shutting down`);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  const { total } = nest.store.stats();
  process.stdout.write(
    [
      `Mailnest ${version}`,
      `SMTP listening on ${formatAddress(nest.config.smtpHost, nest.smtpPort)}`,
      `HTTP listening on ${nest.url}`,
      `Data stored in ${nest.store.location}${nest.store.location === 'memory' ? ' (nothing kept on exit)' : ''} (${total} message${total === 1 ? '' : 's'})`,
      '',
    ].join('\n'),
  );
  await stopped;
  await nest.close();
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const load = COMMANDS[argv[0] ?? ''];
  return load ? (await load())(argv.slice(1)) : serve(argv);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`mailnest: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
