import type { Attachment } from '../api/types.ts';

export interface FrameOptions {
  /** Load images, styles and fonts from the network (the message's own parts always load). */
  remoteContent: boolean;
  /** Resolves a `cid:` reference to a part URL, or null when the message has no such part. */
  partUrlFor(contentId: string): string | null;
  /** The app's origin, allowed for part URLs (a sandboxed frame's own origin is opaque). */
  origin: string;
}

/** Link schemes a click may follow out of the preview; everything else (javascript:, data:, vbscript:) is dropped. */
const FOLLOWABLE = /^(?:https?|mailto|tel):/i;

/**
 * Builds the `srcdoc` of the preview frame from a message's HTML.
 *
 * The frame is sandboxed without allow-scripts and without allow-same-origin, which is what keeps
 * the message away from the app; this document adds a CSP of its own (no script at all, remote
 * content only when the user allows it) so the remote-images toggle does not depend on the server.
 * DOMParser builds an inert document: nothing in it runs or loads while we rewrite it.
 */
export function buildFrameDocument(html: string, options: FrameOptions): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');

  for (const element of doc.querySelectorAll('script, meta[http-equiv="refresh" i], object, embed')) element.remove();

  for (const img of doc.querySelectorAll<HTMLImageElement>('img[src]')) {
    const src = img.getAttribute('src') ?? '';
    if (/^cid:/i.test(src)) {
      const url = options.partUrlFor(src.slice(4));
      if (url) img.setAttribute('src', url);
    }
  }
  for (const element of doc.querySelectorAll('[background]')) {
    const value = element.getAttribute('background') ?? '';
    const url = /^cid:/i.test(value) ? options.partUrlFor(value.slice(4)) : null;
    if (url) element.setAttribute('background', url);
  }

  for (const link of doc.querySelectorAll('a[href], area[href]')) {
    const href = (link.getAttribute('href') ?? '').trim();
    if (href.startsWith('#')) continue;
    if (!FOLLOWABLE.test(href)) {
      link.setAttribute('data-blocked-href', href);
      link.removeAttribute('href');
      continue;
    }
    // Opens in a new, unsandboxed tab (allow-popups-to-escape-sandbox) that cannot reach back.
    link.setAttribute('target', '_blank');
    link.setAttribute('rel', 'noopener noreferrer');
  }

  const head = doc.head;
  const meta = (attributes: Record<string, string>): HTMLMetaElement => {
    const element = doc.createElement('meta');
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    return element;
  };
  // The policy must come first in <head> so it governs everything parsed after it.
  head.prepend(
    meta({ 'http-equiv': 'Content-Security-Policy', content: framePolicy(options) }),
    meta({ name: 'referrer', content: 'no-referrer' }),
    meta({ name: 'color-scheme', content: 'light' }),
  );
  return `<!DOCTYPE html>\n${doc.documentElement.outerHTML}`;
}

function framePolicy(options: FrameOptions): string {
  const remote = options.remoteContent ? ' http: https:' : '';
  return [
    "default-src 'none'",
    `img-src ${options.origin} data: blob:${remote}`,
    `style-src 'unsafe-inline'${remote}`,
    `font-src data:${remote}`,
    `media-src ${options.origin} data:${remote}`,
    "script-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** Maps `cid:` references to the part that carries that Content-ID. */
export function contentIdResolver(parts: readonly Attachment[], urlFor: (partId: string) => string): (contentId: string) => string | null {
  const byId = new Map<string, string>();
  for (const part of parts) {
    if (part.ContentID) byId.set(part.ContentID.replace(/^<|>$/g, '').toLowerCase(), part.PartID);
  }
  return (contentId) => {
    let id = contentId.replace(/^<|>$/g, '');
    try {
      id = decodeURIComponent(id);
    } catch {
      // keep the raw reference
    }
    const partId = byId.get(id.toLowerCase());
    return partId ? urlFor(partId) : null;
  };
}
