/**
 * cypress-mailpit builds URLs as `${MAILPIT_URL}/` + `/view/ID.html`. Go's ServeMux answers a
 * path with repeated slashes with a 301 to the cleaned path, and clients follow it; so do we.
 */
import type { NextFunction, Request, Response } from 'express';

export function cleanPath(req: Request, res: Response, next: NextFunction): void {
  const url = req.originalUrl;
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  if (!path.includes('//')) return next();
  const cleaned = path.replace(/\/{2,}/g, '/');
  res.redirect(301, cleaned + (queryAt === -1 ? '' : url.slice(queryAt)));
}
