import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { startCli } from '../helpers/cli-process.ts';
import { SmtpSession, smtpCanonical } from '../helpers/smtp-session.ts';
import { tmpDir } from '../helpers/tmp-dir.ts';

const CONNECTIONS = 10;
// Kill once this many messages were acknowledged, so the kill lands mid-load with writes in flight.
const KILL_AFTER_ACKS = 400;

function source(connection: number, n: number): string {
  return `From: load${connection}@example.com\r\nTo: crash@example.com\r\nSubject: crash ${connection}-${n}\r\n\r\n${`line ${n} of connection ${connection}\r\n`.repeat(40)}`;
}

describe('crash safety', () => {
  it('keeps every acknowledged message whole after kill -9 mid-load, and the store loads', async () => {
    const dir = await tmpDir();
    const args = ['--db', dir, '--smtp', '127.0.0.1:0', '--listen', '127.0.0.1:0', '--max', '0'];
    // NODE_ENV=test makes lowdb's JSONFilePreset skip the disk; Mailnest must not be fooled by it.
    const cli = await startCli(args, { NODE_ENV: 'test' });
    const acked = new Map<string, string>();
    let killed: Promise<void> | null = null;

    await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, connection) => {
        const { session } = await SmtpSession.connect(cli.smtpPort);
        await session.command('EHLO crash.test');
        for (let n = 0; !killed; n++) {
          const raw = source(connection, n);
          const reply = await session.send('load@example.com', ['crash@example.com'], raw).catch(() => null);
          if (!reply || reply.code !== 250) break; // the server is gone: this one was never acknowledged
          acked.set(/queued as (\w{22})/.exec(reply.text)![1]!, raw);
          if (acked.size >= KILL_AFTER_ACKS) killed ??= cli.kill();
        }
        session.destroy();
      }),
    );
    await killed;
    assert.ok(acked.size >= KILL_AFTER_ACKS, `acknowledged ${acked.size}`);

    const restarted = await startCli(args, { NODE_ENV: 'test' });
    const list = (await (await fetch(`${restarted.url}api/v1/messages?limit=0`)).json()) as { total: number; messages: Array<{ ID: string }> };
    const present = new Set(list.messages.map((m) => m.ID));
    const missing = [...acked.keys()].filter((id) => !present.has(id));
    assert.deepEqual(missing, [], `every acknowledged message is listed (${acked.size} acknowledged, ${list.total} stored)`);
    for (const [id, raw] of acked) {
      const response = await fetch(`${restarted.url}api/v1/message/${id}/raw`);
      assert.equal(response.status, 200, id);
      assert.deepEqual(Buffer.from(await response.arrayBuffer()), smtpCanonical(raw), `${id} is whole`);
    }
    // Files written for messages the crash kept from the index were cleaned up on start.
    assert.equal(readdirSync(path.join(dir, 'messages')).length, list.total);
    await restarted.stop();
  });
});
