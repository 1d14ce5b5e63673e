import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { summarize, type LatencySummary } from './percentiles.ts';

export interface LiveLatency extends LatencySummary {
  /** Acknowledged messages whose `new` frame never came. */
  missing: number;
  /** Frames that arrived before (or with) their 250; their (negative) deltas are kept as they are. */
  early: number;
}

/**
 * Listens on Mailpit's event stream (`/api/events`) and notes when each `new` frame arrives, so the
 * time from a message's 250 to its frame can be measured in the same process and clock.
 */
export class NewFrameRecorder {
  readonly arrivals = new Map<string, number>();
  private waiting: { ids: Set<string>; resolve: () => void } | null = null;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const at = performance.now();
      const frame = JSON.parse(String(data)) as { Type?: string; Data?: { ID?: string } };
      if (frame.Type !== 'new' || typeof frame.Data?.ID !== 'string') return;
      this.arrivals.set(frame.Data.ID, at);
      if (this.waiting?.ids.delete(frame.Data.ID) && this.waiting.ids.size === 0) this.waiting.resolve();
    });
  }

  static async connect(url: string): Promise<NewFrameRecorder> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', (e) => reject(new Error(`WebSocket ${url}: ${e.message}`, { cause: e })));
    });
    return new NewFrameRecorder(socket);
  }

  /** Resolves when a frame has arrived for every ID, or after `timeoutMs` (the rest count as missing). */
  async waitFor(ids: Iterable<string>, timeoutMs: number): Promise<void> {
    const outstanding = new Set([...ids].filter((id) => !this.arrivals.has(id)));
    if (outstanding.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      this.waiting = { ids: outstanding, resolve };
      timer = setTimeout(resolve, timeoutMs);
    });
    clearTimeout(timer);
    this.waiting = null;
  }

  measure(acknowledged: ReadonlyMap<string, number>): LiveLatency {
    const deltas: number[] = [];
    let missing = 0;
    let early = 0;
    for (const [id, ackAt] of acknowledged) {
      const frameAt = this.arrivals.get(id);
      if (frameAt === undefined) {
        missing++;
        continue;
      }
      // A server may send the frame just before the 250: the delta is then negative, and kept so.
      if (frameAt <= ackAt) early++;
      deltas.push(frameAt - ackAt);
    }
    return { ...summarize(deltas), missing, early };
  }

  close(): void {
    this.socket.close();
  }
}
