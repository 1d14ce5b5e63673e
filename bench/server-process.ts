import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export class ServerStartError extends Error {
  override name = 'ServerStartError';
}

export interface ServerSpec {
  /** For messages: "Mailnest", "sink", "MailDev". */
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Known ports (peers started on ports we chose); otherwise parsed from the output. */
  smtpPort?: number;
  httpPort?: number;
  /** Matches the SMTP port in the process's output (first group). */
  smtpPattern?: RegExp;
  httpPattern?: RegExp;
  /** Polled (GET) until it answers 200 when given; a path on the HTTP port. */
  readyPath?: string;
  timeoutMs?: number;
}

export interface RunningServer {
  name: string;
  pid: number;
  smtpPort: number;
  httpPort: number | null;
  /** Spawn to ready (output parsed and readyPath answering 200), ms. */
  startupMs: number;
  /** Everything the process printed so far. */
  output(): string;
  /** SIGTERM, then SIGKILL after 15 s; idempotent. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
/** If the bench dies, it takes its servers with it. */
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

async function poll(url: string, deadline: number): Promise<void> {
  for (;;) {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) throw new ServerStartError(`${url} did not answer 200 in time`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Spawns a server process and resolves once it listens (and is ready, if readyPath is given). */
export async function startServer(spec: ServerSpec): Promise<RunningServer> {
  const started = performance.now();
  const deadline = started + (spec.timeoutMs ?? 60_000);
  const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  let smtpPort = spec.smtpPort ?? null;
  let httpPort = spec.httpPort ?? null;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  exited.then(() => running.delete(child));

  const listening = new Promise<void>((resolve, reject) => {
    const check = () => {
      if (smtpPort === null && spec.smtpPattern) smtpPort = Number(spec.smtpPattern.exec(output)?.[1] ?? NaN) || null;
      if (httpPort === null && spec.httpPattern) httpPort = Number(spec.httpPattern.exec(output)?.[1] ?? NaN) || null;
      if (smtpPort !== null && (httpPort !== null || !spec.httpPattern)) resolve();
    };
    const onChunk = (chunk: string) => {
      output += chunk;
      check();
    };
    child.stdout!.setEncoding('utf8').on('data', onChunk);
    child.stderr!.setEncoding('utf8').on('data', onChunk);
    child.once('exit', (code, signal) => reject(new ServerStartError(`${spec.name} exited (${code ?? signal}) before listening:\n${output.trim()}`)));
    child.once('error', (e) => reject(new ServerStartError(`${spec.name}: cannot spawn ${spec.command}`, { cause: e })));
    const timer = setTimeout(() => reject(new ServerStartError(`${spec.name} did not print where it listens in time:\n${output.trim()}`)), deadline - started);
    timer.unref();
    check();
  });

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
    })());

  try {
    await listening;
    if (spec.readyPath) await poll(`http://127.0.0.1:${httpPort}${spec.readyPath}`, deadline);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    name: spec.name,
    pid: child.pid!,
    smtpPort: smtpPort!,
    httpPort,
    startupMs: performance.now() - started,
    output: () => output,
    stop,
  };
}
