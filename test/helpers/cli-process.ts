import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const CLI = ['--import', 'tsx', 'src/cli.ts'];

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI to completion. */
export async function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<CliResult> {
  const child = spawn(process.execPath, [...CLI, ...args], { cwd: root, env: { ...process.env, ...options.env } });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(options.input ?? '');
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

export interface RunningCli {
  child: ChildProcess;
  smtpPort: number;
  httpPort: number;
  url: string;
  stdout: string;
  /** SIGTERM and wait for exit. */
  stop(): Promise<number | null>;
  /** SIGKILL: the crash case. */
  kill(): Promise<void>;
}

/** Starts the real CLI server and waits until it prints where it listens. */
export async function startCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningCli> {
  const child = spawn(process.execPath, [...CLI, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = once(child, 'exit');
  after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const ready = await new Promise<{ smtpPort: number; httpPort: number; url: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`CLI did not start within 20 s\nstdout: ${stdout}\nstderr: ${stderr}`)), 20_000);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const smtp = /SMTP listening on .*:(\d+)/.exec(stdout);
      const http = /HTTP listening on (http:\/\/\S+:(\d+)\/\S*)/.exec(stdout);
      if (smtp && http) {
        clearTimeout(timer);
        resolve({ smtpPort: Number(smtp[1]), httpPort: Number(http[2]), url: http[1]! });
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`CLI exited before it was ready (code ${child.exitCode})\nstdout: ${stdout}\nstderr: ${stderr}`));
    });
  });
  return {
    child,
    ...ready,
    get stdout() {
      return stdout;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
      return child.exitCode;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
