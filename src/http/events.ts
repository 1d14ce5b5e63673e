/**
 * The event stream at `{webroot}api/events`: Mailpit's websocket frames `{"Type","Data"}` built
 * from store events. `new` goes out synchronously inside the store's event, so a client sees a
 * message as soon as its 250 is written; `stats` follows, at most four times a second.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../log.ts';
import type { ReadonlyStoredMessage, Store } from '../store/types.ts';
import { subscribe } from '../store/subscribe.ts';
import type { StoreListeners } from '../store/subscribe.ts';
import { version } from '../version.ts';
import { encodeGoJson } from './go-json-encode.ts';
import { toMessageSummary, toStats } from './shapes.ts';

/** Mailpit pings every 54 s (gorilla's pingPeriod: 90% of a 60 s pong wait). */
const PING_INTERVAL_MS = 54_000;
/** Stats at most every 250 ms (4/s), as Mailpit throttles them. */
const STATS_INTERVAL_MS = 250;
/** More deletions than this at once are announced as one `prune` (the UI reloads). */
const MAX_DELETE_FRAMES = 200;
/** A client this far behind is not reading; drop it rather than buffer without bound. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export type EventType = 'new' | 'stats' | 'update' | 'delete' | 'prune' | 'truncate';

export interface EventsHub {
  /** Completes a WebSocket upgrade that the security checks already accepted. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  readonly clients: number;
  close(): Promise<void>;
}

export function frame(type: EventType, data: unknown): string {
  return encodeGoJson({ Type: type, Data: data });
}

interface LiveSocket extends WebSocket {
  isAlive?: boolean;
}

export interface EventsHubOptions {
  store: Store;
  log: Logger;
  /** Tests shorten it; a client that misses a whole interval's pong is dropped. */
  pingIntervalMs?: number;
}

export function createEventsHub(options: EventsHubOptions): EventsHub {
  const { store, log, pingIntervalMs = PING_INTERVAL_MS } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024, clientTracking: true });
  let lastStats = 0;
  let statsTimer: NodeJS.Timeout | null = null;
  let closing: Promise<void> | null = null;

  const broadcast = (data: string) => {
    for (const client of wss.clients) {
      if (client.readyState !== WebSocket.OPEN) continue;
      if (client.bufferedAmount > MAX_BUFFERED_BYTES) {
        log.warn('events: dropping a client that stopped reading');
        client.terminate();
        continue;
      }
      client.send(data);
    }
  };

  const statsFrame = () => frame('stats', toStats(store.stats(), version));

  const sendStats = () => {
    statsTimer = null;
    lastStats = Date.now();
    if (wss.clients.size > 0) broadcast(statsFrame());
  };

  /** The first change after a quiet spell is announced within a tick; a burst gets one frame per 250 ms. */
  const scheduleStats = () => {
    if (statsTimer !== null || closing) return;
    const wait = Math.max(0, lastStats + STATS_INTERVAL_MS - Date.now());
    statsTimer = setTimeout(sendStats, wait);
    statsTimer.unref();
  };

  const listeners: StoreListeners = {
    new(m: ReadonlyStoredMessage) {
      if (wss.clients.size > 0) broadcast(frame('new', toMessageSummary(m, 'event')));
      scheduleStats();
    },
    read({ id, read }: { id: string; read: boolean }) {
      broadcast(frame('update', { ID: id, Read: read }));
      scheduleStats();
    },
    tags({ id, tags }: { id: string; tags: string[] }) {
      broadcast(frame('update', { ID: id, Tags: [...tags] }));
    },
    delete(ids: string[]) {
      if (ids.length > MAX_DELETE_FRAMES) broadcast(frame('prune', null));
      else for (const id of ids) broadcast(frame('delete', { ID: id }));
      scheduleStats();
    },
    prune() {
      broadcast(frame('prune', null));
      scheduleStats();
    },
    truncate() {
      broadcast(frame('truncate', null));
      scheduleStats();
    },
  };
  const unsubscribe = subscribe(store, listeners);

  wss.on('connection', (ws: LiveSocket) => {
    ws.isAlive = true;
    ws.on('pong', () => { ws.isAlive = true; });
    // The stream is server-to-client; whatever a client sends is ignored, as in Mailpit.
    ws.on('error', (error) => log.debug(`events: client error: ${error.message}`));
    ws.send(statsFrame());
  });

  const pinger = setInterval(() => {
    for (const client of wss.clients as Set<LiveSocket>) {
      if (client.isAlive === false) {
        client.terminate();
        continue;
      }
      client.isAlive = false;
      client.ping();
    }
  }, pingIntervalMs);
  pinger.unref();

  return {
    handleUpgrade(req, socket, head) {
      if (closing) {
        socket.destroy();
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    get clients() {
      return wss.clients.size;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        clearInterval(pinger);
        if (statsTimer) clearTimeout(statsTimer);
        unsubscribe();
        // Going away (1001), then cut whoever does not finish the closing handshake quickly.
        for (const client of wss.clients) client.close(1001, 'Mailnest is shutting down');
        const cutoff = setTimeout(() => { for (const client of wss.clients) client.terminate(); }, 500);
        cutoff.unref();
        wss.close(() => {
          clearTimeout(cutoff);
          resolve();
        });
      });
      return closing;
    },
  };
}
