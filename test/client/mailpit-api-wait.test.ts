import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MailpitClient } from 'mailpit-api';
import { queuedId, startFixture } from './mailnest-fixture.ts';
import type { Fixture } from './mailnest-fixture.ts';

// mailpit-api (a widely used Mailpit client) is the judge of compatibility: its own wait helpers,
// unchanged, poll /search and read the message, and must work against Mailnest.
describe("mailpit-api's waits against Mailnest", () => {
  let f: Fixture;
  let mailpit: MailpitClient;

  before(async () => {
    f = await startFixture();
    mailpit = new MailpitClient(f.nest.url);
  });

  after(() => f.close());

  it('waitForMessage finds a message that arrives while it polls', async () => {
    const waiting = mailpit.waitForMessage({ query: 'to:mp@example.com subject:Welcome' }, { timeout: 5000, interval: 50 });
    const id = queuedId(await f.send({ to: 'mp@example.com', subject: 'Welcome', text: 'Hi' }));
    const message = await waiting;
    assert.equal(message.ID, id);
    assert.equal(message.Subject, 'Welcome');
    assert.equal(message.To[0]!.Address, 'mp@example.com');
    assert.equal(message.Text.trim(), 'Hi');
  });

  it('waitForMessages waits for a count', async () => {
    const waiting = mailpit.waitForMessages({ query: 'to:mp-many@example.com', count: 2 }, { timeout: 5000, interval: 50 });
    await f.send({ to: 'mp-many@example.com' });
    await f.send({ to: 'mp-many@example.com' });
    const result = await waiting;
    assert.equal(result.messages_count, 2);
    assert.equal(result.messages.length, 2);
  });

  it('waitForMessage times out with its own error when nothing matches', async () => {
    await assert.rejects(mailpit.waitForMessage({ query: 'to:mp-none@example.com' }, { timeout: 120, interval: 50 }), /Timeout waiting for messages matching query "to:mp-none@example.com"/);
  });
});
