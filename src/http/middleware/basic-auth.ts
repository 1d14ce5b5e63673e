/**
 * HTTP Basic auth for the UI, the API and the event stream (--ui-auth-file). Without it anyone
 * who can reach the port reads every captured message; with it, only the listed users.
 */
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { Credentials } from '../../credentials.ts';
import type { Refusal } from './refusal.ts';
import { sendRefusal } from './refusal.ts';

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
    return credentials.verify(decoded.slice(0, colon), decoded.slice(colon + 1)) ? null : UNAUTHORISED;
  };
}

export function basicAuth(check: AuthRefusalCheck) {
  return function basicAuthMiddleware(req: Request, res: Response, next: NextFunction): void {
    const refusal = check(req);
    if (refusal) sendRefusal(res, refusal);
    else next();
  };
}
