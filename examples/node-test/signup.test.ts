// node --import tsx --test examples/node-test/signup.test.ts
//
// Starts Mailnest inside the test process (ports picked by the OS, mail kept in memory), unless
// MAILNEST_URL is set: then it talks to a shared Mailnest, e.g. one from docker-compose in CI,
// and MAILNEST_SMTP (host:port) says where the app sends mail.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import nodemailer from 'nodemailer';
import { startMailnest } from 'mailnest';
import type { Mailnest } from 'mailnest';
import { MailnestClient, MailnestTimeoutError, extractCode, extractLinks } from 'mailnest/client';

// The app under test: signing up emails a confirmation link and a one-time code.
async function signUp(email: string, smtp: { host: string; port: number }): Promise<void> {
  const transport = nodemailer.createTransport({ host: smtp.host, port: smtp.port });
  const token = randomUUID();
  await transport.sendMail({
    from: 'Example App <no-reply@app.example>',
    to: email,
    subject: 'Confirm your email',
    text: `Welcome! Confirm your address: https://app.example/confirm?token=${token}\nOr enter the code 482913.`,
    html: `<p>Welcome! <a href="https://app.example/confirm?token=${token}">Confirm your address</a></p><p>Or enter the code <b>482913</b>.</p>`,
  });
  transport.close();
}

describe('sign-up email', () => {
  let nest: Mailnest | undefined;
  let mail: MailnestClient;
  let smtp: { host: string; port: number };

  before(async () => {
    if (process.env.MAILNEST_URL) {
      mail = new MailnestClient(process.env.MAILNEST_URL);
      const [host, port] = (process.env.MAILNEST_SMTP ?? '127.0.0.1:1025').split(':');
      smtp = { host: host || '127.0.0.1', port: Number(port) };
    } else {
      nest = await startMailnest({ smtpPort: 0, httpPort: 0 });
      mail = nest.client;
      smtp = { host: '127.0.0.1', port: nest.smtpPort };
    }
  });

  after(async () => {
    mail.close();
    await nest?.close();
  });

  it('sends a confirmation link and a code', async () => {
    // A unique address keeps tests independent, even on a shared Mailnest.
    const email = `alice-${randomUUID()}@example.com`;
    await signUp(email, smtp);

    const message = await mail.waitForMessage(`to:${email} subject:"Confirm your email"`, { timeout: 5000 });

    assert.equal(message.From.Address, 'no-reply@app.example');
    const confirm = extractLinks(message).find((url) => url.startsWith('https://app.example/confirm'));
    assert.match(confirm ?? '', /token=[0-9a-f-]{36}$/);
    assert.equal(extractCode(message, { length: 6 }), '482913');
  });

  it('says what arrived when the expected email never comes', async () => {
    await assert.rejects(mail.waitForMessage(`to:nobody-${randomUUID()}@example.com`, { timeout: 200 }), MailnestTimeoutError);
  });
});
