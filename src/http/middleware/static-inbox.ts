/**
 * The web inbox: the Vite build in `<package>/dist/web/`, served at the webroot. Hashed files
 * under `assets/` are cached for a year; index.html is revalidated on every load so a new build
 * shows up at once. Paths that try to climb out of the folder get a 404 before any file access.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import express, { Router } from 'express';
import type { NextFunction, Request, Response } from 'express';
import { NOT_FOUND_TEXT } from '../errors.ts';
import { packageRoot } from '../package-root.ts';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mailnest</title></head>
<body><h1>Mailnest</h1>
<p>The web inbox was not built. Run <code>npm run build</code> and reload this page.</p>
<p>The API works meanwhile: <a href="api/v1/messages">api/v1/messages</a>.</p>
</body></html>
`;

/** `..`, `.` segments, backslashes and NUL, raw or percent-encoded: path traversal attempts. */
function isTraversal(pathname: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return true;
  }
  return /(^|\/)\.\.?(\/|$)|\\|\0/.test(decoded);
}

/** SPA routes: extension-less GET paths outside the API and the views. */
function isAppRoute(pathname: string): boolean {
  return !pathname.startsWith('/api/') && !pathname.startsWith('/view/') && !/\.[A-Za-z0-9]+$/.test(pathname);
}

export function staticInbox(webDir: string = path.join(packageRoot(), 'dist', 'web')): Router {
  const router = Router();
  const indexFile = path.join(webDir, 'index.html');

  router.use(function traversalGuard(req: Request, res: Response, next: NextFunction) {
    if (isTraversal(req.path)) res.status(404).type('text/plain').send(NOT_FOUND_TEXT);
    else next();
  });

  router.use(express.static(webDir, {
    index: false,
    dotfiles: 'ignore',
    fallthrough: true,
    redirect: false,
    setHeaders(res, file) {
      const hashed = path.relative(webDir, file).split(path.sep)[0] === 'assets';
      res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  }));

  router.get(/.*/, async function appShell(req: Request, res: Response, next: NextFunction) {
    if (!isAppRoute(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    try {
      await access(indexFile);
    } catch {
      res.status(200).type('text/html').send(NOT_BUILT_PAGE);
      return;
    }
    res.sendFile(indexFile, { cacheControl: false });
  });

  return router;
}
