/**
 * Mailpit routes Mailnest does not implement yet. Each answers what Mailpit answers with the
 * feature switched off, or a 4xx that says so: never a 500, never the web inbox's index.html.
 */
import { Router } from 'express';
import type { Request, Response } from 'express';
import { NOT_FOUND_TEXT } from '../errors.ts';
import { sendJson, sendText } from '../respond.ts';

const NOT_IMPLEMENTED = (feature: string) => `${feature} is not supported by Mailnest`;

/** [method, path, status, body] */
const ROUTES: ReadonlyArray<readonly ['get' | 'post' | 'put', string, number, string]> = [
  ['post', '/api/v1/message/:id/release', 400, NOT_IMPLEMENTED('Message release (SMTP relay)')],
  ['get', '/api/v1/message/:id/html-check', 400, NOT_IMPLEMENTED('HTML check')],
  ['get', '/api/v1/message/:id/link-check', 400, NOT_IMPLEMENTED('Link check')],
  // Mailpit registers sa-check only when SpamAssassin is enabled; otherwise it is an unknown route.
  ['get', '/api/v1/message/:id/sa-check', 404, NOT_FOUND_TEXT + '\n'],
  ['get', '/api/v1/chaos', 400, 'Chaos is not enabled'],
  ['put', '/api/v1/chaos', 400, 'Chaos is not enabled'],
];

export function unsupportedRoutes(): Router {
  const router = Router();
  for (const [method, path, status, body] of ROUTES) {
    router[method](path, function unsupported(_req: Request, res: Response) {
      sendText(res, status, body);
    });
  }
  // /send errors are JSON in Mailpit (httpJSONError), so this one is too.
  router.post('/api/v1/send', function sendUnsupported(_req: Request, res: Response) {
    res.status(400);
    sendJson(res, { Error: NOT_IMPLEMENTED('The send API') });
  });
  return router;
}
