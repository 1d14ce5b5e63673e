/**
 * The express application, one concern per step, read top to bottom:
 * host check -> origin check -> auth -> API -> views -> static inbox -> 404 -> errors.
 */
import express from 'express';
import type { HttpContext } from './context.ts';
import type { AuthRefusalCheck } from './middleware/basic-auth.ts';
import { basicAuth } from './middleware/basic-auth.ts';
import { cleanPath } from './middleware/clean-path.ts';
import { errorHandler } from './middleware/error-handler.ts';
import type { HostRefusalCheck } from './middleware/host-check.ts';
import { hostCheck } from './middleware/host-check.ts';
import { notFound } from './middleware/not-found.ts';
import type { OriginCheck } from './middleware/origin-check.ts';
import { originCheck } from './middleware/origin-check.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { staticInbox } from './middleware/static-inbox.ts';
import { apiMiscRoutes } from './routes/api-misc.ts';
import { appInfoRoutes } from './routes/app-info.ts';
import { healthRoutes } from './routes/health.ts';
import { messageRoutes } from './routes/message.ts';
import { messagesRoutes } from './routes/messages.ts';
import { tagRoutes } from './routes/tags.ts';
import { unsupportedRoutes } from './routes/unsupported.ts';
import { viewRoutes } from './routes/views.ts';
import { openapiDocument } from './openapi.ts';
import { waitHandler } from './wait.ts';

export interface SecurityChecks {
  host: HostRefusalCheck;
  origin: OriginCheck;
  auth: AuthRefusalCheck;
}

export function createApp(ctx: HttpContext, checks: SecurityChecks): express.Express {
  const { webroot } = ctx.config;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');

  // MIME sniffing, clickjacking, referrer leaks: default headers on every response.
  app.use(securityHeaders);
  // DNS rebinding: a foreign Host header on a loopback server.
  app.use(hostCheck(checks.host));
  // CSRF and cross-site WebSocket hijacking: a foreign Origin on /api and /view.
  app.use(originCheck(checks.origin));
  // Anyone on the network reading captured mail: --ui-auth-file.
  app.use(basicAuth(checks.auth));
  // cypress-mailpit's `//view/...` URLs (and protocol-relative open redirects).
  app.use(cleanPath);

  if (webroot !== '/') {
    const bare = webroot.slice(0, -1);
    app.use(function addSlashToWebroot(req, res, next) {
      if (req.path === bare && (req.method === 'GET' || req.method === 'HEAD')) res.redirect(302, webroot);
      else next();
    });
  }

  const api = express.Router();
  // First, so express's automatic OPTIONS answer (an Allow list) never pre-empts Mailpit's.
  api.use(apiMiscRoutes());
  api.use(healthRoutes());
  api.use(messagesRoutes(ctx));
  api.use(messageRoutes(ctx));
  api.use(tagRoutes(ctx));
  api.use(appInfoRoutes(ctx));
  // Mailnest's own routes beside Mailpit's (owned by the client engineer).
  api.get('/api/v1/wait', waitHandler({ store: ctx.store }));
  const openapiBody = JSON.stringify(openapiDocument) + '\n';
  api.get('/api/v1/openapi.json', function serveOpenapi(_req, res) { res.type('application/json').send(openapiBody); });
  api.use(unsupportedRoutes());
  app.use(webroot, api);

  app.use(webroot, viewRoutes(ctx));
  app.use(webroot, staticInbox());

  app.use(notFound);
  app.use(errorHandler(ctx.log));
  return app;
}
