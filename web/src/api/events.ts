import { eventsUrl } from './base.ts';
import type { EventFrame } from './types.ts';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

export interface EventStreamHandlers {
  frame(frame: EventFrame): void;
  /** Called on every state change; `open` after a drop means the caller must catch up. */
  state(state: ConnectionState, reconnected: boolean): void;
}

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 5_000;

/**
 * Follows `/api/events` for as long as the page lives: reconnects with backoff after a drop and
 * says so, because a silently stale inbox is worse than a visible notice.
 */
export function followEvents(handlers: EventStreamHandlers): { close(): void } {
  let socket: WebSocket | null = null;
  let closed = false;
  let everOpened = false;
  let retryMs = RETRY_MIN_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const connect = (): void => {
    const ws = new WebSocket(eventsUrl());
    socket = ws;
    ws.onopen = () => {
      retryMs = RETRY_MIN_MS;
      handlers.state('open', everOpened);
      everOpened = true;
    };
    ws.onmessage = (event: MessageEvent) => {
      if (typeof event.data !== 'string') return;
      let frame: EventFrame;
      try {
        frame = JSON.parse(event.data) as EventFrame;
      } catch {
        return;
      }
      if (frame && typeof frame.Type === 'string') handlers.frame(frame);
    };
    ws.onclose = () => {
      if (closed || socket !== ws) return;
      handlers.state('reconnecting', false);
      timer = setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    };
  };

  // A tab that wakes from sleep or regains the network should not wait out the backoff.
  const retryNow = (): void => {
    if (closed || !socket || socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) return;
    clearTimeout(timer);
    connect();
  };
  window.addEventListener('online', retryNow);

  handlers.state('connecting', false);
  connect();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      window.removeEventListener('online', retryNow);
      socket?.close();
    },
  };
}
