import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { runCli, startCli } from '../helpers/cli-process.ts';
import { queuedId, sendMail } from '../helpers/send-mail.ts';
import { tmpDir } from '../helpers/tmp-dir.ts';

describe('mailnest CLI', () => {
  it('lists every flag with its MAILNEST_* variable and default in --help', async () => {
    const { code, stdout } = await runCli(['--help']);
    assert.equal(code, 0);
    for (const text of ['--smtp', 'MAILNEST_SMTP', '127.0.0.1:1025', '--listen', 'MAILNEST_LISTEN', '127.0.0.1:8025', '--db', 'MAILNEST_DB', '--max-message-size', 'MAILNEST_MAX_MESSAGE_SIZE', '--smtp-auth-file', '--ui-auth-file', '--cors', '--max-age', '--fsync', 'sendmail', 'ingest']) {
      assert.ok(stdout.includes(text), `help mentions ${text}`);
    }
  });

  it('exits non-zero with one line naming the flag when a value is invalid', async () => {
    for (const [args, env, flag] of [
      [['--max-message-size', 'lots'], {}, '--max-message-size'],
      [['--smtp', 'localhost:99999'], {}, '--smtp'],
      [[], { MAILNEST_MAX: 'many' }, 'MAILNEST_MAX'],
      [['--smtp-require-tls'], {}, '--smtp-require-tls'],
      [['--no-such-flag'], {}, 'no-such-flag'],
    ] as const) {
      const { code, stderr } = await runCli([...args, '--db', 'memory'], { env });
      assert.notEqual(code, 0, `${args.join(' ')} ${JSON.stringify(env)}`);
      assert.equal(stderr.trim().split('\n').length, 1, `one line: ${stderr}`);
      assert.ok(stderr.includes(flag), `${stderr} names ${flag}`);
    }
  });

  it('names --smtp when its port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    const { code, stderr } = await runCli(['--db', 'memory', '--smtp', `127.0.0.1:${port}`, '--listen', '127.0.0.1:0']);
    blocker.close();
    assert.equal(code, 1);
    assert.match(stderr, /already in use.*--smtp/);
  });

  it('reads its settings from MAILNEST_* variables and prints where everything listens', async () => {
    const dir = await tmpDir();
    const cli = await startCli([], { MAILNEST_SMTP: '127.0.0.1:0', MAILNEST_LISTEN: '127.0.0.1:0', MAILNEST_DB: dir });
    assert.match(cli.stdout, new RegExp(`Data stored in ${dir.replace(/[/\\.]/g, '\\$&')}`));
    assert.match(cli.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.equal(await cli.stop(), 0);
  });

  it('keeps every message across a restart on the same data directory', async () => {
    const dir = await tmpDir();
    const first = await startCli(['--db', dir, '--smtp', '127.0.0.1:0', '--listen', '127.0.0.1:0']);
    const ids: string[] = [];
    for (let n = 0; n < 3; n++) ids.push(queuedId(await sendMail(first.smtpPort, { from: 'a@example.com', to: 'b@example.com', subject: `keep ${n}`, text: 'x' })));
    assert.equal(await first.stop(), 0);

    const second = await startCli(['--db', dir, '--smtp', '127.0.0.1:0', '--listen', '127.0.0.1:0']);
    assert.match(second.stdout, /\(3 messages\)/);
    const list = (await (await fetch(`${second.url}api/v1/messages`)).json()) as { messages: Array<{ ID: string; Subject: string }> };
    assert.deepEqual(list.messages.map((m) => m.ID), [...ids].reverse());
    await second.stop();
  });

  it('readyz exits 0 against a running Mailnest and 1 with a reason when none answers', async () => {
    const cli = await startCli(['--db', 'memory', '--smtp', '127.0.0.1:0', '--listen', '127.0.0.1:0', '--webroot', '/mail']);
    const ready = await runCli(['readyz', '--listen', `127.0.0.1:${cli.httpPort}`, '--webroot', 'mail']);
    assert.equal(ready.code, 0, ready.stderr);
    await cli.stop();
    const gone = await runCli(['readyz', '--listen', `127.0.0.1:${cli.httpPort}`, '--webroot', 'mail']);
    assert.equal(gone.code, 1);
    assert.match(gone.stderr, new RegExp(`mailnest readyz: http://127\\.0\\.0\\.1:${cli.httpPort}/mail/readyz`));
  });
});
