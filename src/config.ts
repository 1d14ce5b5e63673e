import os from 'node:os';
import path from 'node:path';

/** What a user passes to `startMailnest()` (every field optional). CLI flags map onto the same names. */
export interface MailnestOptions {
  /** SMTP address, `[HOST:]PORT` (default `127.0.0.1:1025`). Overridden by smtpPort/smtpHost. */
  smtp?: string;
  smtpHost?: string;
  /** 0 picks a free port. */
  smtpPort?: number;
  /** HTTP address, `[HOST:]PORT` (default `127.0.0.1:8025`). Overridden by httpPort/httpHost. */
  listen?: string;
  httpHost?: string;
  httpPort?: number;
  /** Data directory, or `memory` to keep nothing on disk. */
  db?: string;
  /** Bytes, or a size such as `25MB`. */
  maxMessageSize?: number | string;
  smtpMaxRecipients?: number;
  /** File of `user:password` lines; makes SMTP AUTH mandatory. */
  smtpAuthFile?: string;
  smtpTlsCert?: string;
  smtpTlsKey?: string;
  smtpTlsSelfSigned?: boolean;
  /** Implicit TLS (port 465 style). */
  smtpRequireTls?: boolean;
  /** Keep at most this many messages (0 = unlimited). */
  max?: number;
  /** Delete messages older than this (`7d`, `12h`, `30m`, or milliseconds). */
  maxAge?: number | string;
  /** fsync message and index before the 250 (power-loss safety). */
  fsync?: boolean;
  /** Extra origins allowed to call the API and the event stream (`*` allows any). */
  cors?: string | string[];
  /** File of `user:password` lines (plain or bcrypt-less SHA); puts Basic auth on UI, API and events. */
  uiAuthFile?: string;
  /** Serve everything under this path prefix, e.g. `/mail/`. */
  webroot?: string;
  /** Log each message and connection. */
  verbose?: boolean;
  /** Print nothing but errors. */
  quiet?: boolean;
}

/** The resolved, validated configuration every part reads. */
export interface Config {
  smtpHost: string;
  smtpPort: number;
  httpHost: string;
  httpPort: number;
  /** Absolute data directory, or null for memory. */
  dataDir: string | null;
  maxMessageSize: number;
  smtpMaxRecipients: number;
  smtpAuthFile: string | null;
  smtpTlsCert: string | null;
  smtpTlsKey: string | null;
  smtpTlsSelfSigned: boolean;
  smtpRequireTls: boolean;
  maxMessages: number;
  /** Milliseconds, 0 = no age limit. */
  maxAge: number;
  fsync: boolean;
  cors: string[];
  uiAuthFile: string | null;
  /** Always starts and ends with `/`. */
  webroot: string;
  verbose: boolean;
  quiet: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const defaults = Object.freeze({
  smtp: '127.0.0.1:1025',
  listen: '127.0.0.1:8025',
  maxMessageSize: 50 * 1024 * 1024,
  smtpMaxRecipients: 100,
  max: 10_000,
  maxAge: 0,
  webroot: '/',
});

/** The data directory used when `--db` is not given: the platform's per-user data folder. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = os.homedir();
  if (process.platform === 'win32') {
    return path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'mailnest');
  }
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'mailnest');
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'mailnest');
}

/** Names a setting in an error: the flag and its environment variable. */
export function flagName(key: keyof MailnestOptions): string {
  const kebab = key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
  return `--${kebab} / MAILNEST_${kebab.replace(/-/g, '_').toUpperCase()}`;
}

function invalid(key: keyof MailnestOptions, expected: string, got: unknown): ConfigError {
  return new ConfigError(`${flagName(key)}: expected ${expected}, got ${JSON.stringify(got)}`);
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 };

/** Parses `25MB`, `512k`, `1048576` into bytes; null when it is not a size. */
export function parseSize(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.floor(value) : null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  if (!m) return null;
  const unit = SIZE_UNITS[m[2]!.toLowerCase()];
  return unit === undefined ? null : Math.floor(Number(m[1]) * unit);
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Parses `7d`, `12h`, `90m`, `30s` (or plain milliseconds) into milliseconds; null when invalid. */
export function parseDuration(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?\s*$/i.exec(value);
  if (!m) return null;
  return Math.round(Number(m[1]) * DURATION_UNITS[(m[2] ?? 'ms').toLowerCase()]!);
}

/** Splits `[HOST:]PORT` as Mailpit takes it (`1025`, `:1025`, `0.0.0.0:1025`, `[::1]:1025`). */
export function parseAddress(key: keyof MailnestOptions, value: string, defaultHost: string): { host: string; port: number } {
  const m = /^(?:(\[[^\]]+\]|[^:]*):)?(\d{1,5})$/.exec(value.trim());
  if (!m) throw invalid(key, '[HOST:]PORT such as 127.0.0.1:1025', value);
  const port = Number(m[2]);
  if (port > 65535) throw invalid(key, 'a port from 0 to 65535', value);
  let host = m[1] ?? '';
  if (host.startsWith('[')) host = host.slice(1, -1);
  return { host: host || defaultHost, port };
}

function port(key: keyof MailnestOptions, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 65535) {
    throw invalid(key, 'a port from 0 to 65535', value);
  }
  return value;
}

function count(key: keyof MailnestOptions, value: unknown, min: number): number {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min) throw invalid(key, `a whole number of at least ${min}`, value);
  return n;
}

/** `host:port` as URLs and messages write it: an IPv6 host goes in brackets. */
export function formatAddress(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** The host a client on this machine connects to: an unspecified bind address means loopback. */
export function connectableHost(host: string): string {
  return host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
}

/** `mail`, `/mail`, `/mail/` -> `/mail/`; empty -> `/`. */
export function normaliseWebroot(value: string): string {
  if (!/^[\w\-./~]*$/.test(value)) throw invalid('webroot', 'a URL path such as /mail/', value);
  const trimmed = value.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/** Validates options and fills in defaults. Throws ConfigError naming the flag at fault. */
export function resolveConfig(options: MailnestOptions = {}): Config {
  const smtp = parseAddress('smtp', options.smtp ?? defaults.smtp, '127.0.0.1');
  const listen = parseAddress('listen', options.listen ?? defaults.listen, '127.0.0.1');

  const maxMessageSize = parseSize(options.maxMessageSize ?? defaults.maxMessageSize);
  if (maxMessageSize === null || maxMessageSize < 1) throw invalid('maxMessageSize', 'a size like 25MB', options.maxMessageSize);

  const maxAge = parseDuration(options.maxAge ?? defaults.maxAge);
  if (maxAge === null) throw invalid('maxAge', 'a duration like 7d, 12h or 30m', options.maxAge);

  const db = options.db ?? defaultDataDir();
  if (typeof db !== 'string' || db.trim() === '') throw invalid('db', 'a directory or "memory"', db);

  const tlsCert = options.smtpTlsCert ?? null;
  const tlsKey = options.smtpTlsKey ?? null;
  if ((tlsCert === null) !== (tlsKey === null)) {
    throw new ConfigError(`${flagName(tlsCert ? 'smtpTlsKey' : 'smtpTlsCert')}: --smtp-tls-cert and --smtp-tls-key go together`);
  }
  const selfSigned = options.smtpTlsSelfSigned ?? false;
  const requireTls = options.smtpRequireTls ?? false;
  if (requireTls && !tlsCert && !selfSigned) {
    throw new ConfigError(`${flagName('smtpRequireTls')}: needs --smtp-tls-cert/--smtp-tls-key or --smtp-tls-self-signed`);
  }

  const cors = options.cors === undefined ? [] : Array.isArray(options.cors) ? options.cors : options.cors.split(',');
  const corsList = cors.map((o) => o.trim()).filter(Boolean);
  for (const origin of corsList) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) throw invalid('cors', 'origins such as http://localhost:3000 (comma separated) or *', origin);
  }

  return {
    smtpHost: options.smtpHost ?? smtp.host,
    smtpPort: port('smtpPort', options.smtpPort ?? smtp.port),
    httpHost: options.httpHost ?? listen.host,
    httpPort: port('httpPort', options.httpPort ?? listen.port),
    dataDir: db === 'memory' ? null : path.resolve(db),
    maxMessageSize,
    smtpMaxRecipients: count('smtpMaxRecipients', options.smtpMaxRecipients ?? defaults.smtpMaxRecipients, 1),
    smtpAuthFile: options.smtpAuthFile ?? null,
    smtpTlsCert: tlsCert,
    smtpTlsKey: tlsKey,
    smtpTlsSelfSigned: selfSigned,
    smtpRequireTls: requireTls,
    maxMessages: count('max', options.max ?? defaults.max, 0),
    maxAge,
    fsync: options.fsync ?? false,
    cors: corsList,
    uiAuthFile: options.uiAuthFile ?? null,
    webroot: normaliseWebroot(options.webroot ?? defaults.webroot),
    verbose: options.verbose ?? false,
    quiet: options.quiet ?? false,
  };
}
