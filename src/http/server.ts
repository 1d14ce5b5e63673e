/**
 * The HTTP side of Mailnest: Mailpit's API v1, the `/view` pages, the event stream and the web
 * inbox on one port. The lead's startMailnest() calls startHttpServer() once the store is open.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config.ts';
import { formatAddress } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/types.ts';
import { createApp } from './app.ts';
import type { HttpContext } from './context.ts';
import { createEventsHub } from './events.ts';
import { Credentials } from '../credentials.ts';
import { subscribe } from '../store/subscribe.ts';
import { createAuthCheck } from './middleware/basic-auth.ts';
import { createHostCheck } from './middleware/host-check.ts';
import { createOriginCheck } from './middleware/origin-check.ts';
import { writeRefusal } from './middleware/refusal.ts';
import { createParsedCache } from './parsed-cache.ts';
import { trackRuntimeStats } from './runtime-stats.ts';

export interface HttpServer {
  /** The bound port (the real one when `httpPort` was 0). */
  port: number;
  /** Idempotent: closes event-stream clients and keep-alive sockets, then the listener. */
  close(): Promise<void>;
}

export class ListenError extends Error {
  override name = 'ListenError';
}

function listen(server: ReturnType<typeof createServer>, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      const where = formatAddress(host, port);
      const reason = error.code === 'EADDRINUSE'
        ? `${where} is already in use; choose another address with --listen / MAILNEST_LISTEN (0 picks a free port)`
        : error.code === 'EACCES'
          ? `no permission to listen on ${where}; choose a port above 1023 with --listen / MAILNEST_LISTEN`
          : `cannot listen on ${where} (--listen / MAILNEST_LISTEN): ${error.message}`;
      reject(new ListenError(`HTTP server: ${reason}`, { cause: error }));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * Starts the HTTP server on `config.httpHost:config.httpPort`, serving everything under
 * `config.webroot`.
 * @example
 * const http = await startHttpServer({ config, store, log });
 * console.log(`http://127.0.0.1:${http.port}/`);
 * await http.close();
 */
export interface HttpServerOptions {
  config: Config;
  store: Store;
  log: Logger;
  /** Counters of whatever ingests mail (the SMTP server), shown in /api/v1/info. */
  ingest?: { readonly rejected: number };
}

export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const { config, store, log } = options;
  const credentials = config.uiAuthFile ? Credentials.load(config.uiAuthFile, '--ui-auth-file / MAILNEST_UI_AUTH_FILE') : null;
  const checks = {
    host: createHostCheck({ bindHost: config.httpHost, cors: config.cors }),
    origin: createOriginCheck({ webroot: config.webroot, cors: config.cors }),
    auth: createAuthCheck({ credentials, webroot: config.webroot }),
  };

  const runtime = trackRuntimeStats(store);
  const parsed = createParsedCache(store);
  const clear = () => parsed.clear();
  const unsubscribe = subscribe(store, {
    delete: (ids) => { for (const id of ids) parsed.forget(id); },
    truncate: clear,
    prune: clear,
  });
  const ctx: HttpContext = { config, store, log, parsed, runtime, rejected: () => options.ingest?.rejected ?? 0 };
  const hub = createEventsHub({ store, log });
  const server = createServer(createApp(ctx, checks));

  const eventsPath = `${config.webroot}api/events`;
  server.on('upgrade', function upgrade(req, socket, head) {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '/').split('?')[0];
    if (path !== eventsPath) {
      writeRefusal(socket, { status: 404, message: '404 page not found' });
      return;
    }
    // The same checks, in the same order, as every other request.
    const refusal = checks.host(req) ?? checks.origin.refusal(req) ?? checks.auth(req);
    if (refusal) {
      writeRefusal(socket, refusal);
      return;
    }
    hub.handleUpgrade(req, socket, head);
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
  });

  const release = () => {
    runtime.dispose();
    unsubscribe();
  };

  try {
    await listen(server, config.httpHost, config.httpPort);
  } catch (error) {
    release();
    await hub.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | null = null;
  return {
    port,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        // Idle keep-alive sockets would hold close() open (and node --test with it).
        server.closeIdleConnections();
        const results = await Promise.allSettled([hub.close(), (async () => {
          // Requests still running get a moment to finish, then their sockets go too.
          const cutoff = setTimeout(() => server.closeAllConnections(), 1000);
          cutoff.unref();
          await stopped;
          clearTimeout(cutoff);
        })()]);
        release();
        parsed.clear();
        for (const result of results) if (result.status === 'rejected') log.error('HTTP server: close failed', result.reason);
      })();
      return closing;
    },
  };
}
