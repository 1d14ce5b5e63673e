import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { startSmtpOnly } from '../helpers/smtp-only.ts';
import { tmpDir } from '../helpers/tmp-dir.ts';

const run = promisify(execFile);

async function available(command: string, args: string[]): Promise<boolean> {
  return run(command, args).then(() => true, () => false);
}

const curlSkip = (await available('curl', ['--version'])) ? false : 'curl is not installed';
const pythonSkip = (await available('python3', ['--version'])) ? false : 'python3 is not installed';

describe('other SMTP clients', () => {
  it('accepts a message from curl smtp://', { skip: curlSkip }, async () => {
    const { smtp, store } = await startSmtpOnly();
    const file = path.join(await tmpDir(), 'message.eml');
    await writeFile(file, 'From: curl@example.com\r\nTo: dev@example.com\r\nSubject: from curl\r\n\r\nsent by curl\r\n');
    await run('curl', ['--silent', '--show-error', `smtp://127.0.0.1:${smtp.port}`, '--mail-from', 'curl@example.com', '--mail-rcpt', 'dev@example.com', '--upload-file', file]);
    assert.equal(store.latest()?.subject, 'from curl');
    assert.deepEqual(store.latest()?.envelope.rcptTo, ['dev@example.com']);
  });

  it('accepts a message from Python smtplib, with AUTH and UTF-8', { skip: pythonSkip }, async () => {
    const { smtp, store } = await startSmtpOnly();
    const script = [
      'import smtplib, sys',
      'from email.message import EmailMessage',
      'm = EmailMessage()',
      'm["From"] = "py@example.com"; m["To"] = "dev@example.com"; m["Subject"] = "from Python ✓"',
      'm.set_content("sent by smtplib")',
      's = smtplib.SMTP("127.0.0.1", int(sys.argv[1]))',
      's.login("py-user", "secret")',
      's.send_message(m); s.quit()',
    ].join('\n');
    await run('python3', ['-c', script, String(smtp.port)]);
    assert.equal(store.latest()?.subject, 'from Python ✓');
    assert.equal(store.latest()?.envelope.username, 'py-user');
  });
});
