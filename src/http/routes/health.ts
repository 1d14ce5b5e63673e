/** Kubernetes-style probes, as Mailpit serves them: 200 with an empty body, no auth. */
import { Router } from 'express';
import type { Request, Response } from 'express';

export function healthRoutes(): Router {
  const router = Router();
  // The HTTP server only starts once the store is open, so answering at all means ready.
  router.get(['/livez', '/readyz'], function probe(_req: Request, res: Response) {
    res.setHeader('Cache-Control', 'no-store');
    res.status(200).type('text/plain').send('');
  });
  return router;
}
