// Loaded with `node --import tsx --import ./test/client/example-shims/register.mjs`: see README.md.
import { register } from 'node:module';

register('./resolve.mjs', import.meta.url);
