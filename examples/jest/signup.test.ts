// npx jest examples/jest/signup.test.ts   (with ts-jest or babel for TypeScript, as your project has it)
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import nodemailer from 'nodemailer';
import { startMailnest } from 'mailnest';
import type { Mailnest } from 'mailnest';
import { extractCode } from 'mailnest/client';

// The app under test: a password-less sign-in that emails a one-time code.
async function requestSignInCode(email: string, smtpPort: number): Promise<void> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort });
  await transport.sendMail({
    from: 'no-reply@app.example',
    to: email,
    subject: 'Your sign-in code',
    text: 'Your sign-in code is 730154. It expires in 10 minutes.',
  });
  transport.close();
}

describe('sign-in codes', () => {
  let nest: Mailnest;

  beforeAll(async () => {
    nest = await startMailnest({ smtpPort: 0, httpPort: 0 });
  });

  afterAll(async () => {
    await nest.close();
  });

  it('emails a six-digit code', async () => {
    const email = `dave-${randomUUID()}@example.com`;
    await requestSignInCode(email, nest.smtpPort);

    // A predicate sees the whole message; `query` narrows the candidates first.
    const message = await nest.client.waitForMessage((m) => m.Text.includes('sign-in code'), { query: `to:${email}`, timeout: 5000 });

    expect(extractCode(message, { length: 6 })).toBe('730154');
  });

  it('does not mark messages read while waiting', async () => {
    const email = `erin-${randomUUID()}@example.com`;
    await requestSignInCode(email, nest.smtpPort);
    await nest.client.waitForMessage(`to:${email}`, { timeout: 5000 });

    const unread = await nest.client.search(`to:${email} is:unread`);
    expect(unread.messages_count).toBe(1);
  });
});
