import type { Store, StoreEvents } from './types.ts';

export type StoreListeners = { [K in keyof StoreEvents]?: (...args: StoreEvents[K]) => void };

/**
 * Adds listeners for several store events and returns the one function that removes them all, so
 * a subscriber can never remove fewer listeners than it added.
 *
 * @example
 * const unsubscribe = subscribe(store, { new: (m) => console.log(m.subject), truncate: () => {} });
 * unsubscribe();
 */
export function subscribe(store: Store, listeners: StoreListeners): () => void {
  const entries = Object.entries(listeners) as Array<[keyof StoreEvents, (...args: unknown[]) => void]>;
  // EventEmitter's typed overloads cannot follow a key taken from a loop; each pair matches by construction.
  const emitter = store as unknown as { on(event: string, fn: (...args: unknown[]) => void): void; off(event: string, fn: (...args: unknown[]) => void): void };
  for (const [event, listener] of entries) emitter.on(event, listener);
  let active = true;
  return () => {
    if (!active) return;
    active = false;
    for (const [event, listener] of entries) emitter.off(event, listener);
  };
}
