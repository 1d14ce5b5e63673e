/**
 * Counters behind `/api/v1/info` RuntimeStats. The HTTP side only sees the store, so "accepted"
 * counts every stored message since start-up (SMTP or any other ingest path).
 */
import { subscribe } from '../store/subscribe.ts';
import type { Store } from '../store/types.ts';

export interface RuntimeStats {
  readonly startedAt: number;
  readonly accepted: number;
  readonly acceptedSize: number;
  readonly deleted: number;
  /** Stops counting (removes the store listeners). */
  dispose(): void;
}

export function trackRuntimeStats(store: Store): RuntimeStats {
  const stats = { startedAt: Date.now(), accepted: 0, acceptedSize: 0, deleted: 0 };
  const dispose = subscribe(store, {
    new: (m) => { stats.accepted += 1; stats.acceptedSize += m.size; },
    delete: (ids) => { stats.deleted += ids.length; },
  });
  return {
    get startedAt() { return stats.startedAt; },
    get accepted() { return stats.accepted; },
    get acceptedSize() { return stats.acceptedSize; },
    get deleted() { return stats.deleted; },
    dispose,
  };
}
