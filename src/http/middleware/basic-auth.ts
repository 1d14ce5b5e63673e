/**
 * HTTP Basic auth for the UI, the API and the event stream (--ui-auth-file). Without it anyone
 * who can reach the port reads every captured message; with it, only the listed users.
 * Credentials are compared in constant time so response timing does not leak them.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { Refusal } from './refusal.ts';
import { sendRefusal } from './refusal.ts';

/** user -> a verifier for the password. */
export type Credentials = ReadonlyMap<string, (password: string) => boolean>;

export class AuthFileError extends Error {
  override name = 'AuthFileError';
}

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest();

function verifier(stored: string): (password: string) => boolean {
  // htpasswd's `{SHA}` scheme: base64 of the SHA-1 digest.
  if (stored.startsWith('{SHA}')) {
    const expected = Buffer.from(stored.slice(5), 'base64');
    return (password) => {
      const actual = createHash('sha1').update(password, 'utf8').digest();
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    };
  }
  // Hashing both sides first gives equal lengths, which timingSafeEqual needs.
  const expected = sha256(stored);
  return (password) => timingSafeEqual(sha256(password), expected);
}

/** Reads `user:password` lines (blank lines and `#` comments ignored). */
export function parseCredentials(text: string, file: string): Credentials {
  const users = new Map<string, (password: string) => boolean>();
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const colon = line.indexOf(':');
    if (colon < 1) throw new AuthFileError(`--ui-auth-file / MAILNEST_UI_AUTH_FILE: ${file} line ${index + 1}: expected user:password`);
    users.set(line.slice(0, colon), verifier(line.slice(colon + 1)));
  });
  if (users.size === 0) throw new AuthFileError(`--ui-auth-file / MAILNEST_UI_AUTH_FILE: ${file} lists no user:password lines`);
  return users;
}

export async function loadCredentials(file: string): Promise<Credentials> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new AuthFileError(`--ui-auth-file / MAILNEST_UI_AUTH_FILE: cannot read ${file}: ${(cause as Error).message}`, { cause });
  }
  return parseCredentials(text, file);
}

const UNAUTHORISED: Refusal = {
  status: 401,
  message: 'Unauthorised.\n',
  headers: { 'WWW-Authenticate': 'Basic realm="Login", charset="UTF-8"' },
};

export interface AuthCheckOptions {
  credentials: Credentials | null;
  webroot: string;
}

export type AuthRefusalCheck = (req: IncomingMessage) => Refusal | null;

export function createAuthCheck(options: AuthCheckOptions): AuthRefusalCheck {
  const { credentials } = options;
  // Probes stay open so orchestrators can check health without the password.
  const open = new Set([`${options.webroot}livez`, `${options.webroot}readyz`]);
  return function authRefusal(req) {
    if (credentials === null) return null;
    // A CORS preflight never carries credentials; it only learns which headers are allowed.
    if (req.method === 'OPTIONS') return null;
    if (open.has((req.url ?? '/').split('?')[0]!)) return null;
    const header = req.headers.authorization ?? '';
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
    if (!match) return UNAUTHORISED;
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return UNAUTHORISED;
    const check = credentials.get(decoded.slice(0, colon));
    // Unknown users still pay for a comparison, so timing does not reveal which users exist.
    const ok = check ? check(decoded.slice(colon + 1)) : (timingSafeEqual(sha256(decoded), sha256('')), false);
    return ok ? null : UNAUTHORISED;
  };
}

export function basicAuth(check: AuthRefusalCheck) {
  return function basicAuthMiddleware(req: Request, res: Response, next: NextFunction): void {
    const refusal = check(req);
    if (refusal) sendRefusal(res, refusal);
    else next();
  };
}
