import { after } from 'node:test';
import { resolveConfig } from '../../src/config.ts';
import type { MailnestOptions } from '../../src/config.ts';
import { silentLogger } from '../../src/log.ts';
import { startSmtpServer } from '../../src/smtp/server.ts';
import type { SmtpServerHandle } from '../../src/smtp/server.ts';
import type { MessageStore } from '../../src/store/message-store.ts';
import { openStore } from '../../src/store/open.ts';

/** The SMTP server alone on a free port, over a memory store; both closed when the file ends. */
export async function startSmtpOnly(options: MailnestOptions = {}): Promise<{ smtp: SmtpServerHandle; store: MessageStore }> {
  const config = resolveConfig({ db: 'memory', smtpPort: 0, httpPort: 0, ...options });
  const store = await openStore({ dataDir: config.dataDir });
  const smtp = await startSmtpServer({ config, store, log: silentLogger });
  after(async () => {
    await smtp.close();
    await store.close();
  });
  return { smtp, store };
}
