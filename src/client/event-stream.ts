import WebSocket from 'ws';
import { MailnestEventStreamError } from './errors.ts';
import type { EventFrame } from './types.ts';

export interface Subscriber {
  frame(frame: EventFrame): void;
  /** The stream failed or closed while subscribed; the subscriber is already removed. */
  error(error: Error): void;
}

/**
 * One WebSocket to `{base}/api/events`, shared by every wait of a client and closed when the
 * last one ends, so a test process has no handle left open and exits.
 */
export class EventStream {
  readonly url: string;
  readonly #authorization: string | undefined;
  readonly #subscribers = new Set<Subscriber>();
  #socket: WebSocket | null = null;
  #opening: Promise<void> | null = null;

  constructor(base: string, authorization: string | undefined) {
    this.url = base.replace(/^http/, 'ws') + '/api/events';
    this.#authorization = authorization;
  }

  /**
   * Resolves once the socket is open. The server registers a socket before it answers the
   * upgrade, so every message stored after this resolves reaches the subscriber as a frame.
   */
  async subscribe(subscriber: Subscriber): Promise<() => void> {
    this.#subscribers.add(subscriber);
    try {
      await (this.#opening ??= this.#open());
    } catch (error) {
      this.#subscribers.delete(subscriber);
      this.#closeIfIdle();
      throw error;
    }
    return () => {
      this.#subscribers.delete(subscriber);
      this.#closeIfIdle();
    };
  }

  #open(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const headers: Record<string, string> = {};
      if (this.#authorization) headers.authorization = this.#authorization;
      const socket = new WebSocket(this.url, { headers });
      this.#socket = socket;
      let opened = false;
      socket.on('open', () => {
        opened = true;
        resolve();
      });
      socket.on('message', (data) => {
        let frame: EventFrame;
        try {
          frame = JSON.parse(data.toString()) as EventFrame;
        } catch {
          return; // The stream is Mailpit's JSON frames; anything else is not ours to act on.
        }
        for (const subscriber of [...this.#subscribers]) subscriber.frame(frame);
      });
      socket.on('unexpected-response', (_request, response) => {
        const error = new MailnestEventStreamError(`event stream refused with status ${response.statusCode}`, { url: this.url });
        response.resume();
        socket.terminate();
        this.#fail(error, opened ? undefined : reject);
      });
      socket.on('error', (cause) => {
        this.#fail(new MailnestEventStreamError(`event stream failed (${cause.message})`, { url: this.url, cause }), opened ? undefined : reject);
      });
      socket.on('close', (code) => {
        if (this.#socket !== socket) return; // closed by us
        this.#fail(new MailnestEventStreamError(`event stream closed by the server (code ${code})`, { url: this.url }), opened ? undefined : reject);
      });
    });
  }

  #fail(error: Error, reject: ((error: Error) => void) | undefined): void {
    const socket = this.#socket;
    this.#socket = null;
    this.#opening = null;
    socket?.terminate();
    if (reject) reject(error);
    const subscribers = [...this.#subscribers];
    this.#subscribers.clear();
    // Subscribers still opening are rejected through `reject`; the rest hear about it here.
    if (!reject) for (const subscriber of subscribers) subscriber.error(error);
  }

  #closeIfIdle(): void {
    if (this.#subscribers.size > 0 || !this.#socket) return;
    const socket = this.#socket;
    this.#socket = null;
    this.#opening = null;
    socket.removeAllListeners();
    socket.on('error', () => {}); // a close racing the handshake must not become an unhandled error
    if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
    else socket.close();
  }

  /** Closes the socket now, whoever is subscribed (used by MailnestClient.close()). */
  close(): void {
    const subscribers = [...this.#subscribers];
    this.#subscribers.clear();
    this.#closeIfIdle();
    for (const subscriber of subscribers) subscriber.error(new MailnestEventStreamError('client closed', { url: this.url }));
  }
}
