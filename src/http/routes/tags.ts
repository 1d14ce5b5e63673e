/** GET/PUT /api/v1/tags and PUT/DELETE /api/v1/tags/{Tag}. */
import { Router } from 'express';
import type { Request, Response } from 'express';
import type { HttpContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import { bodyText, decodeGoJson, jsonBody } from '../go-json-body.ts';
import { pathParam } from '../path-param.ts';
import { sendJson, sendOk } from '../respond.ts';
import { cleanTag, cleanTags } from '../tag-names.ts';

export function tagRoutes({ store }: HttpContext): Router {
  const router = Router();

  router.get('/api/v1/tags', function getAllTags(_req: Request, res: Response) {
    sendJson(res, store.tags());
  });

  router.put('/api/v1/tags', jsonBody, async function setMessageTags(req: Request, res: Response) {
    const body = decodeGoJson(bodyText(req.body), { IDs: 'string[]', Tags: 'string[]' });
    const ids = (body.IDs ?? []).filter((id) => store.get(id) !== undefined);
    if (ids.length > 0) await store.setTags(ids, cleanTags(body.Tags ?? []));
    sendOk(res);
  });

  router.put('/api/v1/tags/:tag', jsonBody, async function renameTag(req: Request, res: Response) {
    const body = decodeGoJson(bodyText(req.body), { Name: 'string' });
    const from = pathParam(req, 'tag') ?? '';
    const to = cleanTag(body.Name ?? '');
    if (to === '') throw new HttpError(400, 'Invalid tag name');
    await store.renameTag(from, to);
    sendOk(res);
  });

  router.delete('/api/v1/tags/:tag', async function deleteTag(req: Request, res: Response) {
    await store.deleteTag(pathParam(req, 'tag') ?? '');
    sendOk(res);
  });

  return router;
}
