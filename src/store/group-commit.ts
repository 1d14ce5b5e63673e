/**
 * Group commit: callers stage their changes, then wait here. While a write is on its way to disk,
 * every caller that arrives joins the next write, and each resolves when the write holding its
 * change is done. One slow write never leaves a caller waiting for writes queued after it (the
 * flaw measured in lowdb's stock adapter, where the first writer of a burst waited for the rest).
 */
export class GroupCommit {
  readonly #flush: () => Promise<void>;
  #next: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  #running: Promise<void> | null = null;

  constructor(flush: () => Promise<void>) {
    this.#flush = flush;
  }

  /** Resolves once a write that began after this call has finished. */
  request(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#next.push({ resolve, reject });
      this.#running ??= this.#run();
    });
  }

  /** Resolves when nothing is waiting or being written. */
  async drain(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #run(): Promise<void> {
    // Let every caller of this tick stage its change before the first write starts.
    await Promise.resolve();
    while (this.#next.length > 0) {
      const batch = this.#next;
      this.#next = [];
      try {
        await this.#flush();
        for (const waiter of batch) waiter.resolve();
      } catch (error) {
        for (const waiter of batch) waiter.reject(error);
      }
    }
    this.#running = null;
  }
}
