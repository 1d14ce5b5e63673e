/**
 * Cross-site request forgery and cross-site WebSocket hijacking protection. Any web page the
 * user visits can send requests to 127.0.0.1:8025 (deleting mail, reading it through the event
 * stream, since WebSockets ignore the same-origin policy). Browsers mark those requests with an
 * `Origin` header, so the API, the views and the event stream refuse every Origin that is not
 * this server's own, unless the user listed it with --cors. Requests without an Origin (curl,
 * test clients, server-side code) are not from a web page and pass.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { Refusal } from './refusal.ts';
import { sendRefusal } from './refusal.ts';

export interface OriginCheckOptions {
  webroot: string;
  /** `config.cors`: allowed origins, or `*` for any. */
  cors: readonly string[];
}

export interface OriginCheck {
  /** null when the request may proceed. */
  refusal(req: IncomingMessage): Refusal | null;
  /** Sets the CORS response headers for an allowed cross-origin request. */
  corsHeaders(req: IncomingMessage, res: ServerResponse): void;
}

function normaliseOrigin(origin: string): string | null {
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

export function createOriginCheck(options: OriginCheckOptions): OriginCheck {
  const anyOrigin = options.cors.includes('*');
  const allowed = new Set(options.cors.map(normaliseOrigin).filter((o): o is string => o !== null));
  const guardedPrefixes = [`${options.webroot}api/`, `${options.webroot}view/`];

  const pathOf = (req: IncomingMessage) => (req.url ?? '/').split('?')[0]!.replace(/\/{2,}/g, '/');
  const isGuarded = (req: IncomingMessage) => guardedPrefixes.some((prefix) => pathOf(req).startsWith(prefix));
  const partPath = new RegExp(`^${options.webroot.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}api/v1/message/[^/]+/part/`);

  /**
   * A message's HTML view is served with CSP `sandbox`, so it has an opaque origin and Chromium
   * labels its image requests `Origin: null`. Reading a part with GET changes nothing, and no
   * CORS header goes back, so the same-origin policy still keeps the bytes from any page.
   */
  const isSandboxedImageLoad = (origin: string, req: IncomingMessage) =>
    origin === 'null' && (req.method === 'GET' || req.method === 'HEAD') && partPath.test(pathOf(req));

  const isSameOrigin = (origin: string, req: IncomingMessage) => {
    const host = req.headers.host;
    return host !== undefined && new URL(origin).host === host.toLowerCase();
  };

  /** Listed with --cors (and not our own origin): gets CORS headers. */
  const isListed = (origin: string | null) => origin !== null && (anyOrigin || allowed.has(origin));

  return {
    refusal(req) {
      const header = req.headers.origin;
      if (header === undefined || !isGuarded(req)) return null;
      // `Origin: null` comes from sandboxed frames, file: pages and data: URLs: never our UI.
      if (isSandboxedImageLoad(header, req)) return null;
      const origin = normaliseOrigin(header);
      if (origin !== null && (isSameOrigin(origin, req) || isListed(origin))) return null;
      if (anyOrigin) return null;
      return {
        status: 403,
        message: `Forbidden: cross-origin request from ${JSON.stringify(header)} refused. Allow it with --cors ${origin ?? '<origin>'}.`,
      };
    },
    corsHeaders(req, res) {
      const header = req.headers.origin;
      if (header === undefined || !isGuarded(req)) return;
      const origin = normaliseOrigin(header);
      if (origin === null || isSameOrigin(origin, req) || !isListed(origin)) return;
      if (anyOrigin) {
        res.setHeader('Access-Control-Allow-Origin', '*');
      } else {
        res.setHeader('Access-Control-Allow-Origin', origin);
        res.setHeader('Access-Control-Allow-Credentials', 'true');
        res.setHeader('Vary', 'Origin');
      }
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, PUT, OPTIONS');
      const requested = req.headers['access-control-request-headers'];
      res.setHeader('Access-Control-Allow-Headers', typeof requested === 'string' && requested ? requested : '*');
    },
  };
}

export function originCheck(check: OriginCheck) {
  return function originCheckMiddleware(req: Request, res: Response, next: NextFunction): void {
    const refusal = check.refusal(req);
    if (refusal) {
      sendRefusal(res, refusal);
      return;
    }
    check.corsHeaders(req, res);
    next();
  };
}
