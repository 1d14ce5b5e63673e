import net from 'node:net';
import tls from 'node:tls';

/** One SMTP reply: its code and every line's text. */
export interface Reply {
  code: number;
  lines: string[];
  text: string;
}

/**
 * A bare SMTP client that shows exact replies, for tests of what the server says (nodemailer
 * hides codes and texts behind its own errors).
 */
export class SmtpSession {
  readonly #socket: net.Socket;
  #buffer = '';
  #lines: string[] = [];
  #waiters: Array<(reply: Reply) => void> = [];
  #replies: Reply[] = [];
  #closed = false;

  private constructor(socket: net.Socket) {
    this.#socket = socket;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.#onData(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      this.#closed = true;
    });
  }

  static async connect(port: number, options: { tls?: boolean } = {}): Promise<{ session: SmtpSession; greeting: Reply }> {
    const socket = options.tls
      ? tls.connect({ port, host: '127.0.0.1', rejectUnauthorized: false })
      : net.connect({ port, host: '127.0.0.1' });
    const session = new SmtpSession(socket);
    const greeting = await session.reply();
    return { session, greeting };
  }

  #onData(chunk: string): void {
    this.#buffer += chunk;
    let newline: number;
    while ((newline = this.#buffer.indexOf('\r\n')) >= 0) {
      const line = this.#buffer.slice(0, newline);
      this.#buffer = this.#buffer.slice(newline + 2);
      this.#lines.push(line);
      if (line[3] !== '-') {
        const reply: Reply = { code: Number(line.slice(0, 3)), lines: this.#lines.map((l) => l.slice(4)), text: line.slice(4) };
        this.#lines = [];
        const waiter = this.#waiters.shift();
        if (waiter) waiter(reply);
        else this.#replies.push(reply);
      }
    }
  }

  /** The next reply (waits for it). */
  reply(timeoutMs = 10_000): Promise<Reply> {
    const ready = this.#replies.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no SMTP reply within ${timeoutMs} ms`)), timeoutMs);
      this.#waiters.push((reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
    });
  }

  /** Sends one command line and returns its reply. */
  async command(line: string): Promise<Reply> {
    this.#socket.write(line + '\r\n');
    return this.reply();
  }

  /** Sends a whole transaction; returns the reply to the end of DATA. */
  async send(from: string, to: string[], raw: string | Buffer): Promise<Reply> {
    for (const [line, expected] of [[`MAIL FROM:<${from}>`, 250], ...to.map((r) => [`RCPT TO:<${r}>`, 250] as const)] as const) {
      const reply = await this.command(line);
      if (reply.code !== expected) return reply;
    }
    const data = await this.command('DATA');
    if (data.code !== 354) return data;
    this.write(dotStuff(raw));
    this.write('.\r\n');
    return this.reply();
  }

  write(data: string | Buffer): void {
    this.#socket.write(data);
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Drops the connection without QUIT, as a crashing client would. */
  destroy(): void {
    this.#socket.destroy();
  }

  async quit(): Promise<void> {
    if (!this.#closed) await this.command('QUIT').catch(() => {});
    this.#socket.end();
  }
}

/** What SMTP carries of a source: CRLF line endings and a final CRLF (the bytes a server stores). */
export function smtpCanonical(raw: string | Buffer): Buffer {
  let text = Buffer.isBuffer(raw) ? raw.toString('latin1') : Buffer.from(raw).toString('latin1');
  text = text.replace(/\r?\n/g, '\r\n');
  if (!text.endsWith('\r\n')) text += '\r\n';
  return Buffer.from(text, 'latin1');
}

/** smtpCanonical with leading dots doubled for DATA (RFC 5321 4.5.2). */
export function dotStuff(raw: string | Buffer): Buffer {
  return Buffer.from(smtpCanonical(raw).toString('latin1').replace(/^\./gm, '..'), 'latin1');
}
