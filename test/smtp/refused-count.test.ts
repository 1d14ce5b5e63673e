import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SmtpSession } from '../helpers/smtp-session.ts';
import { startNest } from '../helpers/test-server.ts';

describe('refused messages', () => {
  it('are counted in /api/v1/info RuntimeStats.SMTPRejected, accepted ones in SMTPAccepted', async () => {
    const nest = await startNest({ maxMessageSize: '1KB' });
    const { session } = await SmtpSession.connect(nest.smtpPort);
    await session.command('EHLO client.test');
    assert.equal((await session.send('a@example.com', ['b@example.com'], `Subject: big\r\n\r\n${'x'.repeat(2000)}\r\n`)).code, 552);
    assert.equal((await session.send('a@example.com', ['b@example.com'], 'Subject: small\r\n\r\nok\r\n')).code, 250);
    await session.quit();
    const info = (await (await fetch(`${nest.url}api/v1/info`)).json()) as { RuntimeStats: { SMTPRejected: number; SMTPAccepted: number } };
    assert.equal(info.RuntimeStats.SMTPRejected, 1);
    assert.equal(info.RuntimeStats.SMTPAccepted, 1);
  });
});
