import net from 'node:net';

export interface SmtpReply {
  code: number;
  /** The reply's lines joined with \n, codes stripped. */
  text: string;
}

export class SmtpClientError extends Error {
  override name = 'SmtpClientError';
}

/**
 * A bare SMTP client connection for load generation: replies are parsed as they arrive and handed
 * out in order, so a caller can pipeline commands (RFC 2920) and then await each reply.
 * Deliberately minimal: no TLS, no AUTH, no dot-stuffing (the generator never starts a line with '.').
 */
export class SmtpConnection {
  private pending = '';
  private partial: string[] = [];
  private readonly ready: SmtpReply[] = [];
  private readonly waiters: Array<{ resolve: (r: SmtpReply) => void; reject: (e: Error) => void }> = [];
  private failure: Error | null = null;

  private constructor(private readonly socket: net.Socket, private readonly label: string) {
    socket.setNoDelay(true);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('error', (error) => this.fail(new SmtpClientError(`${label}: socket error`, { cause: error })));
    socket.on('close', () => this.fail(new SmtpClientError(`${label}: connection closed by server`)));
  }

  /** Connects, reads the greeting and says EHLO once. */
  static async open(host: string, port: number, label: string): Promise<SmtpConnection> {
    const socket = net.connect({ host, port });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', (e) => reject(new SmtpClientError(`${label}: connect to ${host}:${port}`, { cause: e })));
    });
    const connection = new SmtpConnection(socket, label);
    connection.expect(await connection.next(), 220, 'greeting');
    connection.write('EHLO bench.localhost\r\n');
    connection.expect(await connection.next(), 250, 'EHLO');
    return connection;
  }

  next(): Promise<SmtpReply> {
    const reply = this.ready.shift();
    if (reply) return Promise.resolve(reply);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  expect(reply: SmtpReply, code: number, step: string): void {
    if (reply.code !== code) throw new SmtpClientError(`${this.label}: ${step} answered ${reply.code} ${reply.text} (expected ${code})`);
  }

  write(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** Writes and resolves once the bytes are handed to the kernel (for large bodies). */
  writeFlushed(data: Buffer): Promise<void> {
    return new Promise((resolve, reject) => this.socket.write(data, (e) => (e ? reject(e) : resolve())));
  }

  /** Writes several buffers in one syscall. */
  writeAll(parts: readonly (string | Buffer)[]): void {
    this.socket.cork();
    for (const part of parts) this.socket.write(part);
    this.socket.uncork();
  }

  async quit(): Promise<void> {
    if (this.failure) return;
    this.write('QUIT\r\n');
    await this.next().catch(() => undefined);
    this.socket.destroy();
  }

  destroy(): void {
    this.socket.destroy();
  }

  private onData(chunk: string): void {
    this.pending += chunk;
    let eol: number;
    while ((eol = this.pending.indexOf('\r\n')) !== -1) {
      const line = this.pending.slice(0, eol);
      this.pending = this.pending.slice(eol + 2);
      this.partial.push(line.slice(4));
      // "250-..." continues a multi-line reply; "250 ..." (or a bare code) ends it.
      if (line.charAt(3) === '-') continue;
      const reply = { code: Number(line.slice(0, 3)), text: this.partial.join('\n') };
      this.partial = [];
      const waiter = this.waiters.shift();
      if (waiter) waiter.resolve(reply);
      else this.ready.push(reply);
    }
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }
}
