/**
 * GET /api/v1/message/{ID} and its sub-resources: headers, parts, thumbnails and the raw source.
 * `{ID}` may be `latest` (honouring `?query=`). Opening a message marks it read, as in Mailpit.
 */
import { Router } from 'express';
import type { Request, Response } from 'express';
import { parseHeaders } from '../../mail/headers.ts';
import type { MessagePart, ParsedMessage } from '../../mail/types.ts';
import { blankJpeg } from '../blank-jpeg.ts';
import { contentDisposition, safeContentType } from '../content-disposition.ts';
import type { HttpContext } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { PART_ID, lookupMessage } from '../message-lookup.ts';
import { queryString } from '../paging.ts';
import { pathParam } from '../path-param.ts';
import { sendJson } from '../respond.ts';
import { toMessage } from '../shapes.ts';
import { setCapturedContentHeaders } from '../view-security.ts';

function findPart(parsed: ParsedMessage, partId: string | undefined): MessagePart {
  if (partId === undefined || !PART_ID.test(partId)) throw new NotFoundError();
  const part = parsed.attachments.find((p) => p.partId === partId) ?? parsed.inline.find((p) => p.partId === partId);
  if (!part) throw new NotFoundError();
  return part;
}

/** Go encodes a map with its keys sorted bytewise, so header names come out in that order. */
function sortedHeaders(headers: Record<string, string[]>): Record<string, string[]> {
  const sorted: Record<string, string[]> = {};
  for (const key of Object.keys(headers).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) sorted[key] = headers[key]!;
  return sorted;
}

export function messageRoutes({ store, parsed }: HttpContext): Router {
  const router = Router();

  router.get('/api/v1/message/:id', async function getMessage(req: Request, res: Response) {
    const m = lookupMessage(store, req, pathParam(req, 'id'));
    const message = await parsed.get(m.id);
    const body = toMessage(m, message);
    if (!m.read) await store.setRead([m.id], true);
    sendJson(res, body);
  });

  router.get('/api/v1/message/:id/headers', async function getHeaders(req: Request, res: Response) {
    const m = lookupMessage(store, req, pathParam(req, 'id'));
    const raw = await store.raw(m.id);
    sendJson(res, sortedHeaders(parseHeaders(raw)));
  });

  router.get('/api/v1/message/:id/part/:partId', async function downloadPart(req: Request, res: Response) {
    const m = lookupMessage(store, req, pathParam(req, 'id'));
    const part = findPart(await parsed.get(m.id), pathParam(req, 'partId'));
    setCapturedContentHeaders(res);
    res.setHeader('Content-Type', safeContentType(part.contentType));
    res.setHeader('Content-Disposition', contentDisposition('inline', part.fileName || part.contentId));
    res.send(part.content);
  });

  router.get('/api/v1/message/:id/part/:partId/thumb', async function thumbnail(req: Request, res: Response) {
    const m = lookupMessage(store, req, pathParam(req, 'id'));
    const part = findPart(await parsed.get(m.id), pathParam(req, 'partId'));
    setCapturedContentHeaders(res);
    // Mailpit scales images to 180x120; without an image library an image is served as it is
    // (browsers scale it), and anything else gets the blank JPEG Mailpit gives non-images.
    const type = safeContentType(part.contentType);
    if (type.startsWith('image/') && part.content.length > 0) {
      res.setHeader('Content-Type', type);
      res.send(part.content);
      return;
    }
    res.setHeader('Content-Type', 'image/jpeg');
    res.send(blankJpeg());
  });

  router.get('/api/v1/message/:id/raw', async function downloadRaw(req: Request, res: Response) {
    const m = lookupMessage(store, req, pathParam(req, 'id'));
    const raw = await store.raw(m.id);
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    if (queryString(req, 'dl') === '1') res.setHeader('Content-Disposition', contentDisposition('attachment', `${m.id}.eml`));
    res.send(raw);
  });

  return router;
}
