/**
 * GET /view/{ID}.html and /view/{ID}.txt: a message's HTML and text parts on their own, for UI
 * tests (cypress-mailpit, mailpit-api) and for the inbox's sandboxed preview iframe.
 */
import { Router } from 'express';
import type { NextFunction, Request, Response } from 'express';
import { renderHtmlView } from '../../mail/view.ts';
import type { HttpContext } from '../context.ts';
import { lookupMessage } from '../message-lookup.ts';
import { queryString } from '../paging.ts';
import { pathParam } from '../path-param.ts';
import { sendText } from '../respond.ts';
import { setCapturedContentHeaders } from '../view-security.ts';

/** Mailpit's view handlers say this for an unknown ID (the API says `404 page not found`). */
const VIEW_NOT_FOUND = 'Message not found';

export function viewRoutes({ store, parsed, config }: HttpContext): Router {
  const router = Router();

  router.get('/view/:file', async function renderView(req: Request, res: Response, next: NextFunction) {
    const match = /^(.+)\.(html|txt)$/.exec(pathParam(req, 'file') ?? '');
    if (!match) return next();
    const [, id, kind] = match;
    const m = lookupMessage(store, req, id, VIEW_NOT_FOUND);
    const message = await parsed.get(m.id);
    setCapturedContentHeaders(res);
    if (kind === 'txt') {
      res.type('text/plain').send(message.text);
      return;
    }
    const html = renderHtmlView(message, {
      partUrl: (partId: string) => `${config.webroot}api/v1/message/${m.id}/part/${partId}`,
      embed: queryString(req, 'embed') === '1',
    });
    if (html === null) {
      sendText(res, 404, 'This message does not contain a HTML part');
      return;
    }
    res.type('text/html').send(html);
  });

  return router;
}
