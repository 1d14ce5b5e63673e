// npx playwright test examples/playwright/signup.spec.ts
//
// In a real suite the test drives your app with `page` (fill in the sign-up form, click submit);
// here the app is a function, so the example runs without a browser.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import nodemailer from 'nodemailer';
import { startMailnest } from 'mailnest';
import type { Mailnest } from 'mailnest';
import { extractLinks } from 'mailnest/client';

async function resetPassword(email: string, smtpPort: number): Promise<void> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort });
  await transport.sendMail({
    from: 'no-reply@app.example',
    to: email,
    subject: 'Reset your password',
    html: '<p><a href="https://app.example/reset?key=k3y">Choose a new password</a></p><p><a href="https://app.example/help">Help</a></p>',
  });
  transport.close();
}

test.describe('password reset', () => {
  let nest: Mailnest;

  test.beforeAll(async () => {
    nest = await startMailnest({ smtpPort: 0, httpPort: 0 });
  });

  test.afterAll(async () => {
    await nest.close();
  });

  test('emails a reset link that the browser can follow', async () => {
    const email = `frank-${randomUUID()}@example.com`;
    // await page.goto('/forgot-password'); await page.fill('#email', email); await page.click('text=Send');
    await resetPassword(email, nest.smtpPort);

    const message = await nest.client.waitForMessage(`to:${email} subject:"Reset your password"`, { timeout: 5000 });
    const reset = extractLinks(message).find((url) => url.includes('/reset'));

    expect(reset).toBe('https://app.example/reset?key=k3y');
    // await page.goto(reset!); await expect(page.getByText('New password')).toBeVisible();
  });
});
