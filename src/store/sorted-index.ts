import type { StoredMessage } from './types.ts';

/** Position of `id` (or where it would go) in a list sorted by ID, oldest first. */
export function indexOfId(list: readonly StoredMessage[], id: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function findById(list: readonly StoredMessage[], id: string): StoredMessage | undefined {
  const message = list[indexOfId(list, id)];
  return message?.id === id ? message : undefined;
}
