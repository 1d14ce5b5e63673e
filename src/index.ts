import { MailnestClient } from './client/index.ts';
import { connectableHost, formatAddress, resolveConfig } from './config.ts';
import type { Config, MailnestOptions } from './config.ts';
import { startHttpServer } from './http/server.ts';
import { silentLogger } from './log.ts';
import type { Logger } from './log.ts';
import { startSmtpServer } from './smtp/server.ts';
import type { SmtpServerHandle } from './smtp/server.ts';
import { openStore } from './store/open.ts';
import type { Store } from './store/types.ts';

export interface StartOptions extends MailnestOptions {
  /** Where log lines go; silent by default when embedded. */
  logger?: Logger;
}

/** A running Mailnest. */
export interface Mailnest {
  /** The bound SMTP port (useful with `smtpPort: 0`). */
  readonly smtpPort: number;
  readonly httpPort: number;
  /** Base URL of the web inbox and API, ending in the webroot (e.g. `http://127.0.0.1:8025/`). */
  readonly url: string;
  readonly config: Config;
  readonly store: Store;
  /** A client for this instance's API and events (waitForMessage and friends). */
  readonly client: MailnestClient;
  /** Stops both servers and closes the store; safe to call more than once. */
  close(): Promise<void>;
}


/**
 * Starts SMTP, the store and HTTP in this process. Unlike the CLI, it keeps mail in memory unless
 * `db` names a directory, so tests leave nothing behind.
 *
 * @example
 * const nest = await startMailnest({ smtpPort: 0, httpPort: 0 });
 * // point the app at 127.0.0.1:nest.smtpPort, then query nest.url + 'api/v1/messages'
 * await nest.close();
 */
export async function startMailnest(options: StartOptions = {}): Promise<Mailnest> {
  const { logger = silentLogger, ...rest } = options;
  const config = resolveConfig({ db: 'memory', ...rest });
  const store = await openStore({
    dataDir: config.dataDir,
    fsync: config.fsync,
    maxMessages: config.maxMessages,
    maxAge: config.maxAge,
    log: logger,
  });
  let smtp: SmtpServerHandle | undefined;
  try {
    smtp = await startSmtpServer({ config, store, log: logger });
    const http = await startHttpServer({ config, store, log: logger, ingest: smtp.stats });
    const servers = { smtp, http };
    const url = `http://${formatAddress(connectableHost(config.httpHost), http.port)}${config.webroot}`;
    const client = new MailnestClient(url);
    let closing: Promise<void> | null = null;
    return {
      smtpPort: smtp.port,
      httpPort: http.port,
      url,
      config,
      store,
      client,
      close: () =>
        (closing ??= (async () => {
          client.close();
          await Promise.allSettled([servers.smtp.close(), servers.http.close()]);
          // After the servers, so a message in flight is stored and answered before the store closes.
          await store.close();
        })()),
    };
  } catch (error) {
    await smtp?.close();
    await store.close();
    throw error;
  }
}

export { resolveConfig, ConfigError } from './config.ts';
export type { Config, MailnestOptions } from './config.ts';
export { StoreError } from './store/errors.ts';
export { MailnestClient, MailnestEventStreamError, MailnestHTTPError, MailnestTimeoutError, extractCode, extractCodes, extractLinks } from './client/index.ts';
export type { EventFrame, ExtractCodesOptions, Info, MailnestClientOptions, Message, MessageAttachment, MessagePredicate, MessageSummary, MessagesSummary, WaitOptions } from './client/index.ts';
export { openStore } from './store/open.ts';
export type { Address, Envelope, ReadonlyStoredMessage, Store, StoreEvents, StoreStats, StoredMessage } from './store/types.ts';
export type { Logger } from './log.ts';
export { consoleLogger, silentLogger } from './log.ts';
