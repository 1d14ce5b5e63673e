import type { ParsedMessage } from './types.ts';

export interface HtmlViewOptions {
  /** URL of a part of this message, e.g. `/api/v1/message/<ID>/part/<PartID>`. */
  partUrl: (partId: string) => string;
  /** Mailpit's `?embed=1`: links open in a new tab and leak no referrer or opener. */
  embed?: boolean;
}

const CID_IN_ATTRIBUTE = /(=\s*["']?)cid:([^"'\s>]+)/gi;
const CID_IN_CSS_URL = /(url\(\s*["']?)cid:([^"')\s]+)/gi;
const LINK_OPEN = /<a(?=[\s>\/])/gi;
const BASE_TAG = /<base\b[^>]*>/gi;

function contentIdKeys(id: string): string[] {
  const keys = [id.toLowerCase()];
  try {
    // cid: URLs are percent-encoded (RFC 2392); Content-ID headers are not.
    const decoded = decodeURIComponent(id).toLowerCase();
    if (decoded !== keys[0]) keys.push(decoded);
  } catch {
    // not valid percent-encoding: the raw form is all there is
  }
  return keys;
}

/**
 * The HTML part for viewing (Mailpit's `/view/{ID}.html`): `cid:` references in attributes
 * (`src`, `background`, ...) and in CSS `url(...)` point at the matching inline or attachment
 * part's URL. Null when the message has no HTML part.
 * @example renderHtmlView(parsed, { partUrl: (p) => `/api/v1/message/${id}/part/${p}` })
 */
export function renderHtmlView(parsed: ParsedMessage, options: HtmlViewOptions): string | null {
  if (parsed.html === '') return null;
  const parts = new Map<string, string>();
  // Inline parts first, as Mailpit replaces them first.
  for (const part of [...parsed.inline, ...parsed.attachments]) {
    if (part.contentId === '') continue;
    for (const key of contentIdKeys(part.contentId)) if (!parts.has(key)) parts.set(key, part.partId);
  }
  const rewrite = (match: string, lead: string, cid: string): string => {
    for (const key of contentIdKeys(cid)) {
      const partId = parts.get(key);
      if (partId !== undefined) return lead + options.partUrl(partId);
    }
    return match;
  };
  let html = parts.size === 0 ? parsed.html : parsed.html.replace(CID_IN_ATTRIBUTE, rewrite).replace(CID_IN_CSS_URL, rewrite);
  if (options.embed) {
    // A <base> would retarget every relative link of the embedding page's frame.
    html = html.replace(BASE_TAG, '').replace(LINK_OPEN, '<a target="_blank" rel="noreferrer noopener"');
  }
  return html;
}
