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

export function createParsedCache(store: Store, capacity = 32): ParsedCache {
  // A Map iterates in insertion order, so re-inserting on each hit keeps the oldest first.
  const entries = new Map<string, Promise<ParsedMessage>>();
  return {
    get(id) {
      let entry = entries.get(id);
      if (entry) {
        entries.delete(id);
      } else {
        entry = store.raw(id).then((raw) => parseMessage(raw));
        // A failed read or parse is not worth remembering: the next request tries again.
        entry.catch(() => { if (entries.get(id) === entry) entries.delete(id); });
      }
      entries.set(id, entry);
      while (entries.size > capacity) entries.delete(entries.keys().next().value!);
      return entry;
    },
    forget(id) {
      entries.delete(id);
    },
    clear() {
      entries.clear();
    },
  };
}
