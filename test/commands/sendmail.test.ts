import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main } from '../../src/commands/sendmail.ts';
import { startFixture } from '../client/mailnest-fixture.ts';
import type { Fixture } from '../client/mailnest-fixture.ts';
import { fakeIO } from './command-io.ts';

describe('mailnest sendmail', () => {
  let f: Fixture;
  let smtp: string;

  before(async () => {
    f = await startFixture();
    smtp = `127.0.0.1:${f.nest.smtpPort}`;
  });

  after(() => f.close());

  it('with -t sends to To, Cc and Bcc, and strips the Bcc header', async () => {
    const io = fakeIO('From: app@example.com\nTo: to@example.com\nCc: cc@example.com\nBcc: secret@example.com\nSubject: Via -t\n\nHello\n');
    assert.equal(await main(['-t', '-i', '--smtp', smtp], io), 0, io.err());
    const message = await f.client.waitForMessage('subject:"Via -t"', { timeout: 5000 });
    assert.deepEqual(message.To.map((a) => a.Address), ['to@example.com']);
    assert.deepEqual(message.Cc.map((a) => a.Address), ['cc@example.com']);
    // Mailnest lists envelope-only recipients as Bcc, as Mailpit does.
    assert.deepEqual(message.Bcc.map((a) => a.Address), ['secret@example.com']);
    assert.doesNotMatch((await f.client.raw(message.ID)).toString(), /^Bcc:/im);
  });

  it('sends to argument recipients from the -f sender, and adds the headers an MTA adds', async () => {
    const io = fakeIO('Subject: Bare\n\nNo From, no Date, no Message-ID.\n', { MAILNEST_SMTP: smtp });
    assert.equal(await main(['-f', 'bounce@example.com', '-F', 'Cron Daemon', 'ops@example.com'], io), 0, io.err());
    const message = await f.client.waitForMessage('subject:Bare', { timeout: 5000 });
    assert.deepEqual(message.From, { Name: 'Cron Daemon', Address: 'bounce@example.com' });
    assert.equal(message.ReturnPath, 'bounce@example.com');
    assert.deepEqual(message.Bcc.map((a) => a.Address), ['ops@example.com']);
    assert.ok(message.Headers['Date']);
    assert.match(message.MessageID, /@mailnest\.sendmail$/);
  });

  it('ends the message at a line with a single dot, unless -i', async () => {
    const input = 'From: a@example.com\nTo: dot@example.com\nSubject: Dot\n\nbefore\n.\nafter\n';
    const io = fakeIO(input);
    assert.equal(await main(['-t', '--smtp', smtp], io), 0, io.err());
    const message = await f.client.waitForMessage('subject:Dot', { timeout: 5000 });
    assert.equal(message.Text.trim(), 'before');
  });

  it('fails with one line and exit 65 when there are no recipients', async () => {
    const io = fakeIO('Subject: nobody\n\nx\n');
    assert.equal(await main(['--smtp', smtp], io), 65);
    assert.equal(io.err(), 'mailnest: sendmail: no recipients: name them as arguments or pass -t to read To/Cc/Bcc\n');
  });

  it('fails with one line and exit 64 for a bad --smtp', async () => {
    const io = fakeIO('Subject: x\n\nx\n');
    assert.equal(await main(['--smtp', 'nowhere', 'a@example.com'], io), 64);
    assert.equal(io.err(), 'mailnest: --smtp / MAILNEST_SMTP: expected [HOST:]PORT such as 127.0.0.1:1025, got "nowhere"\n');
  });

  it('fails with one line and exit 69 when Mailnest is not running', async () => {
    const gone = await startFixture();
    const port = gone.nest.smtpPort;
    await gone.close();
    const io = fakeIO('Subject: x\n\nx\n');
    assert.equal(await main(['--smtp', `127.0.0.1:${port}`, 'a@example.com'], io), 69);
    assert.match(io.err(), new RegExp(`^mailnest: cannot reach Mailnest's SMTP server at 127\\.0\\.0\\.1:${port} \\(.*\\); is it running\\? \\(--smtp / MAILNEST_SMTP\\)\\n$`));
  });

  it('works as `mailnest sendmail` through the CLI, reading the process stdin', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'sendmail', '-t', '-oi'], {
      env: { ...process.env, MAILNEST_SMTP: smtp },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end('From: php@example.com\r\nTo: cli@example.com\r\nSubject: From PHP\r\n\r\nmail() works\r\n');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, stderr);
    const message = await f.client.waitForMessage('to:cli@example.com', { timeout: 5000 });
    assert.equal(message.Subject, 'From PHP');
  });
});

describe('mailnest sendmail to a Mailnest that requires SMTP AUTH', () => {
  let f: Fixture;
  let dir: string;
  let smtp: string;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mailnest-sendmail-auth-'));
    await writeFile(path.join(dir, 'smtp-users'), 'app:pw\n');
    f = await startFixture({ smtpAuthFile: path.join(dir, 'smtp-users') });
    smtp = `127.0.0.1:${f.nest.smtpPort}`;
  });

  after(async () => {
    await f.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('authenticates with --auth', async () => {
    const io = fakeIO('To: auth@example.com\nSubject: With auth\n\nx\n');
    assert.equal(await main(['-t', '--smtp', smtp, '--auth', 'app:pw'], io), 0, io.err());
    assert.equal((await f.client.waitForMessage('subject:"With auth"', { timeout: 5000 })).Username, 'app');
  });

  it('fails with one line and exit 77 without credentials or with wrong ones', async () => {
    let io = fakeIO('To: auth@example.com\nSubject: x\n\nx\n');
    assert.equal(await main(['-t', '--smtp', smtp], io), 77);
    assert.match(io.err(), new RegExp(`^mailnest: ${smtp.replace(/\./g, '\\.')} requires SMTP AUTH: .*530.* \\(--auth USER:PASSWORD\\)\\n$`));
    io = fakeIO('To: auth@example.com\nSubject: x\n\nx\n');
    assert.equal(await main(['-t', '--smtp', smtp, '--auth', 'app:wrong'], io), 77);
    assert.match(io.err(), /^mailnest: .* refused the credentials: .*535.* \(--auth USER:PASSWORD\)\n$/);
  });
});
