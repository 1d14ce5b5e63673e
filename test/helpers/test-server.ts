import { after } from 'node:test';
import { startMailnest } from '../../src/index.ts';
import type { Mailnest, StartOptions } from '../../src/index.ts';

/** A Mailnest on free loopback ports with a memory store, closed when the test file ends. */
export async function startTestServer(options: StartOptions = {}): Promise<Mailnest> {
  const nest = await startMailnest({ smtpPort: 0, httpPort: 0, db: 'memory', ...options });
  after(() => nest.close());
  return nest;
}
