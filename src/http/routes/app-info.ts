/** GET /api/v1/info and /api/v1/webui: what Mailpit's About box and web UI read at start-up. */
import { Router } from 'express';
import type { Request, Response } from 'express';
import { version } from '../../version.ts';
import type { HttpContext } from '../context.ts';
import { sendJson } from '../respond.ts';

interface TagCounting {
  tagCounts(): Record<string, number>;
}

const countsTags = (store: object): store is TagCounting => typeof (store as Partial<TagCounting>).tagCounts === 'function';

/** Tag name -> number of messages carrying it: the store's counters when it keeps them, else a walk of the index. */
function tagCounts(ctx: HttpContext): Record<string, number> {
  if (countsTags(ctx.store)) return ctx.store.tagCounts();
  const counts: Record<string, number> = {};
  for (const tag of ctx.store.tags()) counts[tag] = 0;
  for (const m of ctx.store.messages()) for (const tag of m.tags) counts[tag] = (counts[tag] ?? 0) + 1;
  return counts;
}

export function appInfoRoutes(ctx: HttpContext): Router {
  const router = Router();

  router.get('/api/v1/info', function appInfo(_req: Request, res: Response) {
    const stats = ctx.store.stats();
    sendJson(res, {
      Version: version,
      // Mailpit asks GitHub for its latest release; Mailnest never reaches the network for this.
      LatestVersion: version,
      Database: ctx.store.location,
      DatabaseSize: stats.size,
      Messages: stats.total,
      Unread: stats.unread,
      Tags: tagCounts(ctx),
      RuntimeStats: {
        Uptime: Math.floor((Date.now() - ctx.runtime.startedAt) / 1000),
        Memory: process.memoryUsage().rss,
        MessagesDeleted: ctx.runtime.deleted,
        SMTPAccepted: ctx.runtime.accepted,
        SMTPAcceptedSize: ctx.runtime.acceptedSize,
        SMTPRejected: ctx.rejected(),
        SMTPIgnored: 0,
      },
    });
  });

  router.get('/api/v1/webui', function webUiConfig(_req: Request, res: Response) {
    sendJson(res, {
      Label: '',
      MessageRelay: {
        Enabled: false,
        SMTPServer: '',
        ReturnPath: '',
        AllowedRecipients: '',
        BlockedRecipients: '',
        OverrideFrom: '',
        PreserveMessageIDs: false,
        RecipientAllowlist: '',
      },
      SpamAssassin: false,
      ChaosEnabled: false,
      DuplicatesIgnored: false,
      HideDeleteAllButton: false,
    });
  });

  return router;
}
