import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getJson } from './http-timing.ts';
import { startServer, type RunningServer } from './server-process.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUILT_CLI = path.join(ROOT, 'dist', 'cli.js');

/** How the bench starts Mailnest: the built CLI when it can, else the sources through tsx. */
export interface MailnestCommand {
  /** Node flags and script, e.g. ['dist/cli.js'] or ['--import', 'tsx', 'src/cli.ts']. */
  args: string[];
  /** As a user would type it, for the results. */
  describe: string;
  note: string;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Builds (`npm run build`) when dist/cli.js is missing or older than src/; falls back to tsx if the
 * build fails. BENCH_MAILNEST_CLI=/path/to/cli.js runs another build instead (A/B of a change).
 */
export function resolveMailnestCommand(env: NodeJS.ProcessEnv = process.env): MailnestCommand {
  const other = env.BENCH_MAILNEST_CLI;
  if (other) return { args: [path.resolve(other)], describe: `node ${other}`, note: 'BENCH_MAILNEST_CLI' };
  const fresh = () => existsSync(BUILT_CLI) && statSync(BUILT_CLI).mtimeMs >= newestMtime(path.join(ROOT, 'src'));
  let note = 'dist/cli.js was up to date';
  if (!fresh()) {
    process.stderr.write('bench: dist/cli.js is missing or older than src/: npm run build\n');
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    if (build.status === 0) {
      note = 'built with npm run build';
    } else {
      process.stderr.write(`bench: npm run build failed (exit ${build.status}); running src/cli.ts through tsx instead\n${build.stdout.slice(-2000)}\n`);
      return { args: ['--import', 'tsx', path.join(ROOT, 'src', 'cli.ts')], describe: 'node --import tsx src/cli.ts', note: 'npm run build failed, ran the sources through tsx' };
    }
  }
  return { args: [BUILT_CLI], describe: 'node dist/cli.js', note };
}

export interface MailnestStart {
  command: MailnestCommand;
  dataDir: string;
  fsync?: boolean;
  /** Extra node flags for the server process (e.g. --cpu-prof). */
  nodeArgs?: string[];
}

/** Starts the Mailnest CLI on loopback port 0 with its own data directory, ready when /readyz answers 200. */
export function startMailnest(options: MailnestStart): Promise<RunningServer> {
  return startServer({
    name: 'Mailnest',
    command: process.execPath,
    args: [
      ...(options.nodeArgs ?? []),
      ...options.command.args,
      '--db', options.dataDir,
      '--smtp', '127.0.0.1:0',
      '--listen', '127.0.0.1:0',
      // Unlimited, so every message the bench sends is still there to be counted.
      '--max', '0',
      ...(options.fsync ? ['--fsync'] : []),
    ],
    cwd: ROOT,
    smtpPattern: /SMTP listening on [^\s]*:(\d+)/,
    httpPattern: /HTTP listening on http:\/\/[^\s]*:(\d+)/,
    readyPath: '/readyz',
    timeoutMs: 120_000,
  });
}

/** Mailpit's `messages_count` from the first page of `/api/v1/messages`. */
export async function mailnestCount(httpPort: number): Promise<number> {
  const page = await getJson<{ messages_count: number; total: number }>(`http://127.0.0.1:${httpPort}/api/v1/messages?limit=1`);
  return page.messages_count;
}
