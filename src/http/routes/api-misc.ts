/** Small API-level answers: CORS preflights and a plain GET of the event stream's URL. */
import { Router } from 'express';
import type { Request, Response } from 'express';

export function apiMiscRoutes(): Router {
  const router = Router();

  // Mailpit answers every OPTIONS under /api/v1/ with an empty 200; the CORS headers (when the
  // origin is allowed) were set by the origin check.
  router.options(/^\/api\/v1\/.*/, function preflight(_req: Request, res: Response) {
    res.status(200).type('text/plain').send('');
  });

  router.get('/api/events', function notAnUpgrade(_req: Request, res: Response) {
    res.status(400).type('text/plain').send('Bad Request\nwebsocket: the client is not using the websocket protocol');
  });

  return router;
}
