import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Mailnest's version, read from package.json (one level above both src/ and dist/). */
export const version: string = (require('../package.json') as { version: string }).version;
