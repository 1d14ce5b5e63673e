import { parseArgs } from 'node:util';
import { ConfigError, defaultDataDir, defaults, flagName } from './config.ts';
import type { MailnestOptions } from './config.ts';

type OptionKey = keyof MailnestOptions;

interface FlagSpec {
  key: OptionKey;
  kind: 'string' | 'number' | 'boolean';
  help: string;
  default?: string;
}

/** Every flag the server takes; each also reads MAILNEST_<FLAG> from the environment. */
export const FLAGS: readonly FlagSpec[] = [
  { key: 'smtp', kind: 'string', help: 'SMTP address [HOST:]PORT', default: defaults.smtp },
  { key: 'listen', kind: 'string', help: 'HTTP address [HOST:]PORT (web inbox, API, events)', default: defaults.listen },
  { key: 'db', kind: 'string', help: 'data directory, or "memory" to keep nothing on disk', default: defaultDataDir() },
  { key: 'max', kind: 'number', help: 'keep at most N messages, oldest deleted first (0 = unlimited)', default: String(defaults.max) },
  { key: 'maxAge', kind: 'string', help: 'delete messages older than this (e.g. 7d, 12h)', default: 'off' },
  { key: 'maxMessageSize', kind: 'string', help: 'largest message accepted; larger ones get SMTP 552', default: '50MB' },
  { key: 'smtpMaxRecipients', kind: 'number', help: 'most recipients per message', default: String(defaults.smtpMaxRecipients) },
  { key: 'smtpAuthFile', kind: 'string', help: 'file of user:password lines; makes SMTP AUTH mandatory', default: 'any AUTH accepted' },
  { key: 'smtpTlsCert', kind: 'string', help: 'PEM certificate for STARTTLS / implicit TLS' },
  { key: 'smtpTlsKey', kind: 'string', help: 'PEM private key for the certificate' },
  { key: 'smtpTlsSelfSigned', kind: 'boolean', help: 'generate a certificate for localhost at start-up' },
  { key: 'smtpRequireTls', kind: 'boolean', help: 'implicit TLS on the SMTP port (port 465 style)' },
  { key: 'fsync', kind: 'boolean', help: 'fsync each message before the 250 (power-loss safety, slower)' },
  { key: 'cors', kind: 'string', help: 'extra origins allowed to use the API and events (comma separated, or *)' },
  { key: 'uiAuthFile', kind: 'string', help: 'file of user:password lines; Basic auth on the inbox, API and events' },
  { key: 'webroot', kind: 'string', help: 'serve everything under this path (reverse proxies)', default: '/' },
  { key: 'verbose', kind: 'boolean', help: 'log every message and connection' },
  { key: 'quiet', kind: 'boolean', help: 'log only errors' },
];

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
}

function envName(key: string): string {
  return 'MAILNEST_' + kebab(key).replace(/-/g, '_').toUpperCase();
}

function parseBoolean(spec: FlagSpec, value: string): boolean {
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off|)$/i.test(value)) return false;
  throw new ConfigError(`${flagName(spec.key)}: expected true or false, got ${JSON.stringify(value)}`);
}

function parseNumber(spec: FlagSpec, value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new ConfigError(`${flagName(spec.key)}: expected a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}

/** Turns argv and MAILNEST_* variables into options (flags win over the environment). */
export function parseServerArgs(argv: string[], env: NodeJS.ProcessEnv): { options: MailnestOptions; help: boolean; version: boolean } {
  const parseOptions: Record<string, { type: 'string' | 'boolean' }> = { help: { type: 'boolean' }, version: { type: 'boolean' } };
  for (const spec of FLAGS) parseOptions[kebab(spec.key)] = { type: spec.kind === 'boolean' ? 'boolean' : 'string' };
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options: parseOptions, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}; see mailnest --help`);
  }

  const options: Record<string, string | number | boolean> = {};
  for (const spec of FLAGS) {
    const fromFlag = values[kebab(spec.key)];
    const raw = fromFlag ?? env[envName(spec.key)];
    if (raw === undefined) continue;
    if (spec.kind === 'boolean') options[spec.key] = typeof raw === 'boolean' ? raw : parseBoolean(spec, raw);
    else if (spec.kind === 'number') options[spec.key] = parseNumber(spec, String(raw));
    else options[spec.key] = String(raw);
  }
  return { options: options as MailnestOptions, help: values.help === true, version: values.version === true };
}

export function helpText(): string {
  const rows = FLAGS.map((spec) => {
    const flag = `--${kebab(spec.key)}${spec.kind === 'boolean' ? '' : spec.kind === 'number' ? ' N' : ' VALUE'}`;
    const extra = spec.default ? ` (default: ${spec.default})` : '';
    return `  ${flag.padEnd(30)} ${spec.help}${extra}\n  ${''.padEnd(30)} env ${envName(spec.key)}`;
  });
  return [
    'Usage: mailnest [flags]            run the mail catcher',
    '       mailnest sendmail [-t] [-f FROM] [RCPT...]   deliver a message from stdin to a running Mailnest',
    '       mailnest ingest FILE|DIR...  load .eml and mbox files into a running Mailnest',
    '       mailnest readyz [--listen [HOST:]PORT]       exit 0 when a Mailnest answers /readyz',
    '',
    'Flags (each also read from its environment variable; flags win):',
    ...rows,
    '  --help                         show this help',
    '  --version                      print the version',
  ].join('\n');
}
