/** Fake stdin/stdout/stderr for calling a command's main() in-process. */
import { Readable, Writable } from 'node:stream';
import type { CommandIO } from '../../src/commands/io.ts';

export interface CapturedIO extends CommandIO {
  out(): string;
  err(): string;
}

function sink(chunks: Buffer[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
}

export function fakeIO(stdin: string | Buffer = '', env: NodeJS.ProcessEnv = {}): CapturedIO {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  return {
    stdin: Readable.from([Buffer.from(stdin)]),
    stdout: sink(out),
    stderr: sink(err),
    env,
    out: () => Buffer.concat(out).toString(),
    err: () => Buffer.concat(err).toString(),
  };
}
