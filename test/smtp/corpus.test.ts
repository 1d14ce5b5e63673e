import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { corpusFiles } from '../helpers/corpus.ts';
import { SmtpSession, smtpCanonical } from '../helpers/smtp-session.ts';
import { startSmtpOnly } from '../helpers/smtp-only.ts';

const CONNECTIONS = 4;

describe('the real-world corpus over SMTP', () => {
  it('stores every message byte for byte and never refuses or crashes on one', async () => {
    const { smtp, store } = await startSmtpOnly();
    const files = corpusFiles();
    assert.ok(files.length >= 700, `corpus has ${files.length} files`);
    const stored = new Map<string, string>();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, lane) => {
        const { session } = await SmtpSession.connect(smtp.port);
        await session.command('EHLO corpus.test');
        for (let i = lane; i < files.length; i += CONNECTIONS) {
          const { path } = files[i]!;
          const reply = await session.send('corpus@example.com', ['inbox@example.com'], readFileSync(files[i]!.file));
          assert.equal(reply.code, 250, `${path}: ${reply.code} ${reply.text}`);
          stored.set(/queued as (\w{22})/.exec(reply.text)![1]!, files[i]!.file);
        }
        await session.quit();
      }),
    );
    assert.equal(store.stats().total, files.length);
    for (const [id, file] of stored) {
      const message = store.get(id)!;
      assert.deepEqual(await store.raw(id), smtpCanonical(readFileSync(file)), `${file} stored byte for byte`);
      assert.equal(typeof message.subject, 'string', file);
      assert.equal(message.size, smtpCanonical(readFileSync(file)).length, file);
    }
  });
});
