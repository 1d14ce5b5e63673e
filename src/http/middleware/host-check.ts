/**
 * DNS rebinding protection. A page on attacker.example can make its own name resolve to
 * 127.0.0.1 and then read this server "same-origin"; the only trace is the Host header, which
 * still says attacker.example. So, while bound to a loopback or unspecified address, only Host
 * names that cannot be rebound are accepted: IP literals, localhost (and *.localhost), the bound
 * host, and hosts the user allowed with --cors (the approach of Vite's `hostCheck`).
 */
import type { IncomingMessage } from 'node:http';
import net from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import type { Refusal } from './refusal.ts';
import { sendRefusal } from './refusal.ts';

export interface HostCheckOptions {
  /** The address the server is bound to (`config.httpHost`). */
  bindHost: string;
  /** `config.cors`: their hosts are allowed too; `*` turns the check off. */
  cors: readonly string[];
}

const LOOPBACK_OR_ANY = /^(127\.\d+\.\d+\.\d+|::1|localhost|0\.0\.0\.0|::|)$/i;

/** `Host` header -> bare lowercase host name (no port, no brackets, no trailing dot). */
export function hostName(header: string): string {
  const value = header.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d*)?$/.exec(value);
  const name = bracketed ? bracketed[1]! : value.replace(/:\d*$/, '');
  return name.replace(/\.$/, '');
}

export type HostRefusalCheck = (req: IncomingMessage) => Refusal | null;

export function createHostCheck(options: HostCheckOptions): HostRefusalCheck {
  const bindHost = hostName(options.bindHost);
  const guarded = LOOPBACK_OR_ANY.test(bindHost) && !options.cors.includes('*');
  // On 0.0.0.0 / :: the server is meant to be reached from other machines or containers. Names
  // that public DNS never serves cannot be rebound by a remote page: single labels (a
  // docker-compose service such as `mailnest`), `.internal` (host.docker.internal; reserved for
  // private use) and `.local` (mDNS).
  const allowPrivateNames = bindHost === '0.0.0.0' || bindHost === '::' || bindHost === '';
  const allowed = new Set<string>(['localhost', bindHost]);
  for (const origin of options.cors) {
    try {
      allowed.add(hostName(new URL(origin).host));
    } catch {
      // resolveConfig() already validated the origins
    }
  }

  return function hostRefusal(req) {
    if (!guarded) return null;
    const header = req.headers.host;
    // No Host header: not a browser (every browser sends one), so not a rebinding attack.
    if (header === undefined || header === '') return null;
    const name = hostName(header);
    if (allowed.has(name) || name.endsWith('.localhost') || net.isIP(name) !== 0) return null;
    if (allowPrivateNames && /^([a-z0-9_-]+|[a-z0-9.-]+\.(internal|local))$/.test(name)) return null;
    return {
      status: 403,
      message: `Forbidden: Mailnest does not answer requests for host "${name}" (DNS rebinding protection). ` +
        'Use localhost or 127.0.0.1, or allow the origin with --cors.',
    };
  };
}

export function hostCheck(check: HostRefusalCheck) {
  return function hostCheckMiddleware(req: Request, res: Response, next: NextFunction): void {
    const refusal = check(req);
    if (refusal) sendRefusal(res, refusal);
    else next();
  };
}
