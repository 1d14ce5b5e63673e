// npx vitest run examples/vitest/signup.test.ts
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailnest } from 'mailnest';
import type { Mailnest } from 'mailnest';
import { extractLinks } from 'mailnest/client';

// The app under test: inviting a teammate emails them a join link.
async function invite(email: string, smtpPort: number): Promise<void> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort });
  await transport.sendMail({
    from: 'Team App <team@app.example>',
    to: email,
    subject: 'You are invited',
    html: '<p>Join the team: <a href="https://app.example/join?invite=abc123">accept the invitation</a></p>',
  });
  transport.close();
}

describe('invitations', () => {
  let nest: Mailnest;

  beforeAll(async () => {
    nest = await startMailnest({ smtpPort: 0, httpPort: 0 });
  });

  afterAll(async () => {
    await nest.close();
  });

  it('emails the invitee a join link', async () => {
    const email = `bob-${randomUUID()}@example.com`;
    // Start waiting first or after sending: both work, the wait sees messages that already arrived.
    const arrival = nest.client.waitForMessage(`to:${email}`, { timeout: 5000 });
    await invite(email, nest.smtpPort);
    const message = await arrival;

    expect(message.Subject).toBe('You are invited');
    expect(message.To).toEqual([{ Name: '', Address: email }]);
    expect(extractLinks(message)).toContain('https://app.example/join?invite=abc123');
  });

  it('can wait for several messages at once', async () => {
    const email = `carol-${randomUUID()}@example.com`;
    await Promise.all([invite(email, nest.smtpPort), invite(email, nest.smtpPort)]);
    const messages = await nest.client.waitForMessages(`to:${email}`, 2, { timeout: 5000 });
    expect(messages).toHaveLength(2);
  });
});
