import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.ts';
import { startServer, type RunningServer } from './server-process.ts';

export class PeerInstallError extends Error {
  override name = 'PeerInstallError';
}

/** MailDev lives outside the project: installed once per machine into the temp folder, reused after. */
const PEER_DIR = path.join(os.tmpdir(), 'mailnest-bench-peers', 'maildev');
const VERSION_RANGE = '^3.0.0';

export function maildevInstallDir(): string {
  if (existsSync(path.join(PEER_DIR, 'node_modules', 'maildev', 'package.json'))) return PEER_DIR;
  mkdirSync(PEER_DIR, { recursive: true });
  writeFileSync(path.join(PEER_DIR, 'package.json'), JSON.stringify({ name: 'mailnest-bench-peers', private: true }));
  process.stderr.write(`bench: installing maildev@${VERSION_RANGE} into ${PEER_DIR}\n`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error', `maildev@${VERSION_RANGE}`], {
    cwd: PEER_DIR,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new PeerInstallError(`npm install maildev in ${PEER_DIR} failed (exit ${result.status})`);
  return PEER_DIR;
}

export function maildevVersion(): string {
  const pkg = path.join(maildevInstallDir(), 'node_modules', 'maildev', 'package.json');
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

/**
 * Starts MailDev on free loopback ports, persisting to `mailDir` (MailDev 3 keeps mail only in memory
 * unless given a directory; Mailnest always writes to disk, so the fair peer writes too).
 */
export async function startMaildev(mailDir: string): Promise<RunningServer> {
  const dir = maildevInstallDir();
  const smtpPort = await freePort();
  const httpPort = await freePort();
  return startServer({
    name: 'MailDev',
    command: process.execPath,
    args: [
      path.join(dir, 'node_modules', 'maildev', 'dist', 'bin', 'maildev.js'),
      '--smtp', String(smtpPort), '--web', String(httpPort),
      '--ip', '127.0.0.1', '--web-ip', '127.0.0.1',
      '--mail-directory', mailDir,
    ],
    cwd: dir,
    smtpPort,
    httpPort,
    readyPath: '/api/healthz',
  });
}

/** How many messages MailDev holds. */
export async function maildevCount(httpPort: number): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${httpPort}/api/email/summary?limit=1`);
  const body = (await response.json()) as { storeTotal?: number; total?: number };
  return body.storeTotal ?? body.total ?? NaN;
}
