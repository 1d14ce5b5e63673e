import { after } from 'node:test';
import { startMailnest } from '../../src/index.ts';
import type { Mailnest, StartOptions } from '../../src/index.ts';

const running: Mailnest[] = [];

// Registered when a test file imports this module, i.e. at its top level: an after() called inside
// a describe's before() hook would close the server as soon as that hook ends.
after(() => Promise.all(running.map((nest) => nest.close())));

/** A Mailnest on free loopback ports with a memory store, closed when the test file ends. */
export async function startNest(options: StartOptions = {}): Promise<Mailnest> {
  const nest = await startMailnest({ smtpPort: 0, httpPort: 0, db: 'memory', ...options });
  running.push(nest);
  return nest;
}
