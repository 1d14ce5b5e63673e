import { partUrl } from '../api/client.ts';
import type { Message } from '../api/types.ts';
import { contentIdKey } from './frameDocument.ts';

/** Parts bigger than this stay out of the preview (a data: URL holds it all in memory). */
const MAX_INLINE_BYTES = 5 * 1024 * 1024;

/**
 * Fetches the parts the HTML references by `cid:` (same-origin requests from the app) and returns
 * them as data: URLs keyed by content ID, so the sandboxed preview needs no request to the API.
 */
export async function inlineImages(message: Message, signal: AbortSignal): Promise<Map<string, string>> {
  const referenced = new Set<string>();
  for (const match of message.HTML.matchAll(/cid:([^"'\s)>]+)/gi)) referenced.add(contentIdKey(match[1]!));
  const parts = [...(message.Inline ?? []), ...(message.Attachments ?? [])].filter(
    (part) => part.ContentID && referenced.has(contentIdKey(part.ContentID)) && part.Size <= MAX_INLINE_BYTES,
  );
  const images = new Map<string, string>();
  await Promise.all(
    parts.map(async (part) => {
      const response = await fetch(partUrl(message.ID, part.PartID), { signal });
      if (!response.ok) return;
      images.set(contentIdKey(part.ContentID), await dataUrl(await response.blob()));
    }),
  );
  return images;
}

function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('could not read an inline image'));
    reader.readAsDataURL(blob);
  });
}
