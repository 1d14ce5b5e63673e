/** GET /api/v1/info and /api/v1/webui: what Mailpit's About box and web UI read at start-up. */
import { Router } from 'express';
import type { Request, Response } from 'express';
import { version } from '../../version.ts';
import type { HttpContext } from '../context.ts';
import { sendJson } from '../respond.ts';

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
      Tags: ctx.store.tagCounts(),
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
