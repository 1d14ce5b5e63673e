/**
 * Headers for anything that renders captured content (a message's HTML, an attachment): the
 * content is hostile by assumption, so it gets no script, no same-origin power (CSP `sandbox`
 * gives it an opaque origin, so it cannot read the API with the user's credentials), no forms,
 * no plugins, and cannot be framed by other sites.
 */
import type { Response } from 'express';

export const CAPTURED_CONTENT_CSP = [
  "default-src 'none'",
  'img-src * data: blob: cid:',
  "style-src 'unsafe-inline' *",
  'font-src * data:',
  'media-src * data: blob:',
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'self'",
  'sandbox allow-popups allow-popups-to-escape-sandbox',
].join('; ');

export function setCapturedContentHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', CAPTURED_CONTENT_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
}
