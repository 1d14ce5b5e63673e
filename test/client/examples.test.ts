/**
 * Runs every file in examples/ (the README and docs/testing.md include them), so a documented
 * example cannot rot. Vitest, Jest and Playwright examples run under node:test through the CI-only
 * shims in ./example-shims/ (see its README); the Python example runs with python3 when present.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '../..');
const shims = pathToFileURL(path.join(root, 'test/client/example-shims/register.mjs')).href;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The child's environment: ours, minus the marker that makes a nested `node --test` report to us in V8 format. */
function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_TEST_CONTEXT: _marker, ...rest } = process.env;
  return { ...rest, ...env };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    // An example that leaves a handle open never exits: kill it and fail rather than hang the suite.
    const child = spawn(command, args, { cwd: root, env: childEnv(env), timeout: 90_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs one example under node --test and asserts that every test in it passed. */
async function runExample(file: string, env: NodeJS.ProcessEnv = {}): Promise<void> {
  const result = await run(process.execPath, ['--import', 'tsx', '--import', shims, '--test', '--test-reporter=tap', file], env);
  const passed = Number(/^# pass (\d+)$/m.exec(result.stdout)?.[1] ?? 0);
  assert.equal(result.code, 0, `${file} failed:\n${result.stdout}\n${result.stderr}`);
  assert.match(result.stdout, /^# fail 0$/m);
  assert.ok(passed > 0, `${file} ran no test:\n${result.stdout}`);
}

/** Starts the real CLI as the CI snippets do, and resolves with where it listens. */
async function startCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcessWithoutNullStreams; url: string; smtp: string; banner: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: root, env: childEnv(env) });
  let banner = '';
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => reject(new Error(`mailnest exited with ${code}:\n${banner}`)));
    child.stderr.on('data', (chunk: Buffer) => (banner += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      banner += chunk.toString();
      const smtp = /SMTP listening on (\S+)/.exec(banner)?.[1];
      const url = /HTTP listening on (\S+)/.exec(banner)?.[1];
      if (smtp && url && /^Data stored in .*$/m.test(banner)) resolve({ child, url, smtp, banner });
    });
  });
}

async function stopCli(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null) return;
  child.removeAllListeners('close'); // the start-up rejection, no longer wanted
  const closed = new Promise((resolve) => child.once('close', resolve));
  child.kill('SIGTERM');
  await closed;
}

const python = spawnSync('python3', ['--version']).status === 0;

describe('examples/ run as documented', () => {
  it('docs/testing.md shows each example exactly as the file it names', async () => {
    const doc = await readFile(path.join(root, 'docs/testing.md'), 'utf8');
    const blocks = [...doc.matchAll(/<!-- example: (\S+) -->\n```\w*\n([\s\S]*?)```/g)];
    assert.deepEqual(blocks.map((m) => m[1]), [
      'examples/node-test/signup.test.ts',
      'examples/vitest/signup.test.ts',
      'examples/jest/signup.test.ts',
      'examples/playwright/signup.spec.ts',
      'examples/python/test_signup.py',
      'examples/ci/docker-compose.yml',
      'examples/ci/github-actions.yml',
    ]);
    for (const [, file, shown] of blocks) assert.equal(shown, await readFile(path.join(root, file!), 'utf8'), `${file} differs from docs/testing.md`);
  });

  it('node:test example, Mailnest embedded in the test process', () => runExample('examples/node-test/signup.test.ts'));

  it('Vitest example (through the node:test shim)', () => runExample('examples/vitest/signup.test.ts'));

  it('Jest example (through the node:test shim)', () => runExample('examples/jest/signup.test.ts'));

  it('Playwright example (through the node:test shim)', () => runExample('examples/playwright/signup.spec.ts'));

  describe('against a shared Mailnest started as the GitHub Actions snippet starts it', () => {
    let cli: Awaited<ReturnType<typeof startCli>> | undefined;

    after(async () => {
      if (cli) await stopCli(cli.child);
    });

    it('starts with the flags the snippet uses (ports changed to 0)', async () => {
      const workflow = await readFile(path.join(root, 'examples/ci/github-actions.yml'), 'utf8');
      const command = /npx mailnest (.*?) >/.exec(workflow)?.[1];
      assert.ok(command, 'the workflow starts mailnest');
      const args = command.split(/\s+/).map((arg) => arg.replace(/^127\.0\.0\.1:\d+$/, '127.0.0.1:0'));
      assert.deepEqual(args, ['--db', 'memory', '--smtp', '127.0.0.1:0', '--listen', '127.0.0.1:0']);
      cli = await startCli(args, {});
      assert.match(cli.banner, /Data stored in memory/);
    });

    it('node:test example with MAILNEST_URL and MAILNEST_SMTP', async () => {
      assert.ok(cli, 'the shared Mailnest is running');
      await runExample('examples/node-test/signup.test.ts', { MAILNEST_URL: cli.url, MAILNEST_SMTP: cli.smtp });
    });

    it('Python example over plain HTTP (stdlib only)', { skip: python ? false : 'python3 is not installed' }, async () => {
      assert.ok(cli, 'the shared Mailnest is running');
      const result = await run('python3', ['-m', 'unittest', '-v', 'examples/python/test_signup.py'], { MAILNEST_URL: cli.url, MAILNEST_SMTP: cli.smtp });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /^Ran 2 tests in .*\n\nOK$/m);
    });
  });

  it("docker-compose snippet's MAILNEST_* settings are ones the CLI reads", async () => {
    const compose = await readFile(path.join(root, 'examples/ci/docker-compose.yml'), 'utf8');
    const service = compose.slice(compose.indexOf('  mailnest:'), compose.indexOf('  tests:'));
    const env = Object.fromEntries([...service.matchAll(/^\s+(MAILNEST_\w+): "([^"]*)"$/gm)].map((m) => [m[1]!, m[2]!]));
    assert.deepEqual(Object.keys(env).sort(), ['MAILNEST_DB', 'MAILNEST_LISTEN', 'MAILNEST_SMTP']);
    // Same variables, loopback port 0 instead of the container's 0.0.0.0 (tests bind loopback only).
    const cli = await startCli([], { ...env, MAILNEST_SMTP: '127.0.0.1:0', MAILNEST_LISTEN: '127.0.0.1:0' });
    try {
      assert.match(cli.banner, /Data stored in memory/);
      assert.equal((await fetch(`${cli.url}readyz`)).status, 200);
    } finally {
      await stopCli(cli.child);
    }
  });
});
