import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main } from '../../src/commands/ingest.ts';
import { startFixture } from '../client/mailnest-fixture.ts';
import type { Fixture } from '../client/mailnest-fixture.ts';
import { fakeIO } from './command-io.ts';

const CORPUS = path.resolve('../shared/corpus/mailpit');

describe('mailnest ingest', () => {
  let f: Fixture;
  let smtp: string;
  let dir: string;

  before(async () => {
    f = await startFixture();
    smtp = `127.0.0.1:${f.nest.smtpPort}`;
    dir = await mkdtemp(path.join(os.tmpdir(), 'mailnest-ingest-'));
    await mkdir(path.join(dir, 'nested'));
    await writeFile(path.join(dir, 'one.eml'), 'From: a@example.com\r\nTo: ingest@example.com\r\nSubject: One\r\n\r\nfirst\r\n');
    await writeFile(path.join(dir, 'nested', 'two.eml'), 'From: b@example.com\nTo: ingest@example.com\nSubject: Two\n\nsecond\n');
    await writeFile(
      path.join(dir, 'archive.mbox'),
      'From sender@example.org Mon Jan  1 00:00:00 2024\nFrom: c@example.com\nTo: ingest@example.com\nSubject: Three\n\n>From the archive\n\n' +
        'From sender@example.org Mon Jan  1 00:00:01 2024\nFrom: d@example.com\nTo: ingest@example.com\nSubject: Four\n\nfour\n\n' +
        'From MAILER-DAEMON Mon Jan  1 00:00:02 2024\nFrom: e@example.com\nSubject: Five, no recipients\n\nfive\n',
    );
    await writeFile(path.join(dir, 'notes.txt'), 'not mail, skipped inside a directory');
  });

  after(async () => {
    await f.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('loads .eml files and every message of an mbox from a directory tree', async () => {
    const io = fakeIO();
    assert.equal(await main(['--smtp', smtp, dir], io), 0, io.err());
    assert.equal(io.out(), `Ingested 5 of 5 messages from 3 files into ${smtp}\n`);
    const messages = await f.client.waitForMessages(undefined, 5, { timeout: 5000 });
    assert.deepEqual(messages.map((m) => m.Subject).sort(), ['Five, no recipients', 'Four', 'One', 'Three', 'Two']);

    const three = messages.find((m) => m.Subject === 'Three')!;
    assert.equal(three.Text.trim(), 'From the archive');
    // The mbox separator's sender becomes MAIL FROM, which the server shows as the Return-Path.
    const served = (await (await fetch(`${f.nest.url}api/v1/message/${three.ID}`)).json()) as { ReturnPath: string };
    assert.equal(served.ReturnPath, 'sender@example.org');
    const five = messages.find((m) => m.Subject === 'Five, no recipients')!;
    assert.deepEqual(five.Bcc.map((a) => a.Address), ['undisclosed-recipients@localhost']);
    await f.client.delete();
  });

  it('loads a named file whatever its extension, byte for byte', async () => {
    const file = path.join(dir, 'notes.txt');
    await writeFile(file, 'Subject: Named\r\nTo: named@example.com\r\n\r\n8-bit: caf\u00e9\r\n');
    const io = fakeIO();
    assert.equal(await main([file], fakeIOEnv(io, smtp)), 0, io.err());
    const message = await f.client.waitForMessage('subject:Named', { timeout: 5000 });
    assert.equal((await f.client.raw(message.ID)).toString(), 'Subject: Named\r\nTo: named@example.com\r\n\r\n8-bit: caf\u00e9\r\n');
    await f.client.delete();
  });

  it("stores every message of a corpus folder (Mailpit's test mails)", async () => {
    const files = (await readdir(CORPUS, { recursive: true })).filter((name) => name.endsWith('.eml'));
    const io = fakeIO();
    assert.equal(await main(['--smtp', smtp, CORPUS], io), 0, io.err());
    assert.match(io.out(), new RegExp(`^Ingested (\\d+) of \\1 messages from ${files.length} files`));
    assert.ok((await f.client.list({ limit: 1 })).total >= files.length);
    await f.client.delete();
  });

  it('fails with one line for a missing path, no path, or no Mailnest', async () => {
    let io = fakeIO();
    assert.equal(await main(['--smtp', smtp, path.join(dir, 'missing.eml')], io), 66);
    assert.equal(io.err(), `mailnest: ingest: cannot read ${path.join(dir, 'missing.eml')}: ENOENT\n`);

    io = fakeIO();
    assert.equal(await main([], io), 64);
    assert.equal(io.err(), 'mailnest: ingest: name at least one .eml file, mbox file or directory (see --help)\n');

    const gone = await startFixture();
    const port = gone.nest.smtpPort;
    await gone.close();
    io = fakeIO();
    assert.equal(await main(['--smtp', `127.0.0.1:${port}`, path.join(dir, 'one.eml')], io), 69);
    assert.match(io.err(), /^mailnest: cannot reach Mailnest's SMTP server at 127\.0\.0\.1:\d+ \(.*\); is it running\? \(--smtp \/ MAILNEST_SMTP\)\n$/);
  });
});

function fakeIOEnv<T extends { env: NodeJS.ProcessEnv }>(io: T, smtp: string): T {
  io.env = { MAILNEST_SMTP: smtp };
  return io;
}
