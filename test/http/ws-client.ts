import { WebSocket } from 'ws';

export interface EventFrame {
  Type: string;
  Data: unknown;
}

/** The status of a refused upgrade, or 101 when the socket opened (then closed at once). */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', (error) => reject(error));
  });
}

/** A connected event-stream client that queues frames and hands them out in order. */
export class EventClient {
  readonly frames: EventFrame[] = [];
  readonly #ws: WebSocket;
  #waiters: Array<{ predicate: (f: EventFrame) => boolean; resolve: (f: EventFrame, index: number) => void }> = [];
  #cursor = 0;

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as EventFrame;
      const index = this.frames.push(frame) - 1;
      // Only the oldest waiter takes a frame; the others wait for later ones.
      const waiter = this.#waiters[0];
      if (waiter && index >= this.#cursor && waiter.predicate(frame)) {
        this.#waiters.shift();
        waiter.resolve(frame, index);
      }
    });
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<EventClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      const client = new EventClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
    });
  }

  /** The next frame (after those already taken) that satisfies `predicate`; rejects after `timeout` ms. */
  next(predicate: (f: EventFrame) => boolean = () => true, timeout = 5000): Promise<EventFrame> {
    for (; this.#cursor < this.frames.length; this.#cursor++) {
      const frame = this.frames[this.#cursor]!;
      if (predicate(frame)) {
        this.#cursor++;
        return Promise.resolve(frame);
      }
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching frame within ${timeout} ms; got ${JSON.stringify(this.frames)}`)), timeout);
      this.#waiters.push({
        predicate,
        resolve: (frame, index) => {
          clearTimeout(timer);
          this.#cursor = index + 1;
          resolve(frame);
        },
      });
    });
  }

  /** Frames of one type received so far. */
  ofType(type: string): EventFrame[] {
    return this.frames.filter((f) => f.Type === type);
  }

  close(): void {
    this.#ws.close();
  }

  get closed(): Promise<number> {
    return new Promise((resolve) => {
      if (this.#ws.readyState === WebSocket.CLOSED) resolve(1006);
      else this.#ws.once('close', (code) => resolve(code));
    });
  }
}
