import { performance } from 'node:perf_hooks';
import { createMessageFactory, type MessageKind } from './message-generator.ts';
import { summarize, type LatencySummary } from './percentiles.ts';
import { SmtpConnection } from './smtp-connection.ts';

export interface LoadOptions {
  host: string;
  port: number;
  connections: number;
  messages: number;
  kind: MessageKind;
  /** Goes into every Message-ID and Subject, so runs never repeat a message. */
  tag: string;
}

export interface LoadResult {
  messages: number;
  bytes: number;
  /** From the moment every connection has said EHLO to the last 250. */
  elapsedMs: number;
  rate: number;
  /** End of DATA (the final CRLF.CRLF written) to the 250 reply. */
  latency: LatencySummary;
  /** The ID each 250 named ("queued as ID"), with the time it arrived (performance.now()). */
  acknowledged: Map<string, number>;
  /** The load generator's own CPU (user + system) per message, µs: shows it is not the bottleneck. */
  clientCpuPerMessageUs: number;
}

const END_OF_DATA = Buffer.from('.\r\n');
const ENVELOPE = 'MAIL FROM:<sender@bench.test>\r\nRCPT TO:<inbox@bench.test>\r\nDATA\r\n';
/** Bodies larger than this are flushed before the terminator, so the timing covers the server's work, not the copy. */
const FLUSH_FIRST = 64 * 1024;
const QUEUED_AS = /queued as ([^\s>]+)/i;

/**
 * Sends `messages` messages over `connections` parallel SMTP connections as fast as the server
 * answers. Per connection: EHLO once, then MAIL/RCPT/DATA pipelined in one write, the body, and the
 * 250 awaited before the next message. Throws on any reply other than the expected one.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const build = createMessageFactory(options.kind, options.tag);
  const latencies = new Float64Array(options.messages);
  const acknowledged = new Map<string, number>();
  let nextIndex = 0;
  let bytes = 0;

  const connections = await Promise.all(
    Array.from({ length: options.connections }, (_, c) => SmtpConnection.open(options.host, options.port, `connection ${c}`)),
  );

  async function drive(connection: SmtpConnection): Promise<void> {
    for (let i = nextIndex++; i < options.messages; i = nextIndex++) {
      const message = build(i);
      bytes += message.length;
      connection.write(ENVELOPE);
      connection.expect(await connection.next(), 250, `MAIL FROM (message ${i})`);
      connection.expect(await connection.next(), 250, `RCPT TO (message ${i})`);
      connection.expect(await connection.next(), 354, `DATA (message ${i})`);
      let sentAt: number;
      if (message.length > FLUSH_FIRST) {
        await connection.writeFlushed(message);
        sentAt = performance.now();
        connection.write(END_OF_DATA);
      } else {
        sentAt = performance.now();
        connection.writeAll([message, END_OF_DATA]);
      }
      const reply = await connection.next();
      const at = performance.now();
      connection.expect(reply, 250, `end of DATA (message ${i})`);
      latencies[i] = at - sentAt;
      const id = QUEUED_AS.exec(reply.text)?.[1];
      if (id) acknowledged.set(id, at);
    }
  }

  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  try {
    await Promise.all(connections.map(drive));
  } catch (error) {
    for (const connection of connections) connection.destroy();
    throw error;
  }
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  await Promise.all(connections.map((c) => c.quit()));
  return {
    messages: options.messages,
    bytes,
    elapsedMs,
    rate: (options.messages / elapsedMs) * 1000,
    latency: summarize(latencies),
    acknowledged,
    clientCpuPerMessageUs: (cpu.user + cpu.system) / options.messages,
  };
}
