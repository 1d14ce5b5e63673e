/**
 * A small LRU of parsed messages: opening a message, then fetching its parts, its HTML view and
 * its thumbnails parses the source once instead of once per request.
 */
import type { ParsedMessage } from '../mail/types.ts';
import { parseMessage } from '../mail/parse.ts';
import type { Store } from '../store/types.ts';

export interface ParsedCache {
  get(id: string): Promise<ParsedMessage>;
  forget(id: string): void;
  clear(): void;
}

// Parsed messages hold their decoded parts: bound the bytes too, or 32 large messages would pin
// hundreds of MB. Weighed by raw size, which the decoded parts roughly match.
const DEFAULT_BYTE_BUDGET = 64 * 1024 * 1024;

export function createParsedCache(store: Store, capacity = 32, byteBudget = DEFAULT_BYTE_BUDGET): ParsedCache {
  // A Map iterates in insertion order, so re-inserting on each hit keeps the oldest first.
  const entries = new Map<string, { parsed: Promise<ParsedMessage>; size: number }>();
  let bytes = 0;
  const drop = (id: string) => {
    const entry = entries.get(id);
    if (!entry) return;
    entries.delete(id);
    bytes -= entry.size;
  };
  return {
    get(id) {
      let entry = entries.get(id);
      if (entry) {
        entries.delete(id);
      } else {
        const parsed = store.raw(id).then((raw) => parseMessage(raw));
        entry = { parsed, size: store.get(id)?.size ?? 0 };
        bytes += entry.size;
        // A failed read or parse is not worth remembering: the next request tries again.
        parsed.catch(() => { if (entries.get(id)?.parsed === parsed) drop(id); });
      }
      entries.set(id, entry);
      // Always keep the newest entry, even alone over the budget: its caller is waiting for it.
      while (entries.size > 1 && (entries.size > capacity || bytes > byteBudget)) drop(entries.keys().next().value!);
      return entry.parsed;
    },
    forget: drop,
    clear() {
      entries.clear();
      bytes = 0;
    },
  };
}
