/** Link schemes a click may follow out of the preview; everything else (javascript:, data:, vbscript:) is dropped. */
const FOLLOWABLE = /^(?:https?|mailto|tel):/i;

/** The preview frame's own policy: no script ever; network only for remote content, when allowed. */
export function framePolicy(remoteContent: boolean): string {
  const remote = remoteContent ? ' http: https:' : '';
  return [
    "default-src 'none'",
    `img-src data: blob:${remote}`,
    `style-src 'unsafe-inline'${remote}`,
    `font-src data:${remote}`,
    `media-src data:${remote}`,
    "script-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export interface FrameOptions {
  /** Let the message load images, styles and fonts from the network. */
  remoteContent: boolean;
  /** The data: URL of the part a `cid:` reference names, or null. */
  imageFor(contentId: string): string | null;
}

/**
 * Builds the `srcdoc` of the preview frame from a message's HTML.
 *
 * The frame is sandboxed without allow-scripts and allow-same-origin, which is what keeps the
 * message away from the app. This document adds its own policy (no script at all, remote content
 * only when the toggle allows it), and carries the message's cid: images inlined as data: URLs:
 * a sandboxed frame has an opaque origin, Chromium sends `Origin: null` with its image requests,
 * and the API rightly refuses those (cross-site request defence), so the app fetches the parts.
 * DOMParser builds an inert document: nothing in it runs or loads while we rewrite it.
 */
export function buildFrameDocument(html: string, options: FrameOptions): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');

  for (const element of doc.querySelectorAll('script, meta[http-equiv="refresh" i], object, embed, base')) element.remove();

  for (const element of doc.querySelectorAll('[src], [background]')) {
    for (const attribute of ['src', 'background']) {
      const value = element.getAttribute(attribute);
      if (value && /^cid:/i.test(value)) {
        const url = options.imageFor(value.slice(4));
        if (url) element.setAttribute(attribute, url);
      }
    }
  }

  for (const link of doc.querySelectorAll('a[href], area[href]')) {
    const href = (link.getAttribute('href') ?? '').trim();
    if (href.startsWith('#')) continue;
    if (!FOLLOWABLE.test(href)) {
      link.removeAttribute('href');
      continue;
    }
    // Opens in a new, unsandboxed tab (allow-popups-to-escape-sandbox) that cannot reach back.
    link.setAttribute('target', '_blank');
    link.setAttribute('rel', 'noopener noreferrer');
  }

  const meta = (attributes: Record<string, string>): HTMLMetaElement => {
    const element = doc.createElement('meta');
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    return element;
  };
  // The policy must come first in <head> so it governs everything parsed after it.
  doc.head.prepend(
    meta({ 'http-equiv': 'Content-Security-Policy', content: framePolicy(options.remoteContent) }),
    meta({ name: 'referrer', content: 'no-referrer' }),
    meta({ name: 'color-scheme', content: 'light' }),
  );
  return `<!DOCTYPE html>\n${doc.documentElement.outerHTML}`;
}

/** `cid:` references are percent-encoded (RFC 2392), Content-ID headers are not; compare both ways. */
export function contentIdKey(id: string): string {
  let key = id.trim().replace(/^<|>$/g, '');
  try {
    key = decodeURIComponent(key);
  } catch {
    // not valid percent-encoding: the raw form is all there is
  }
  return key.toLowerCase();
}
