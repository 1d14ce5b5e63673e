import { parseArgs } from 'node:util';
import { connectableHost, formatAddress, normaliseWebroot, parseAddress } from '../config.ts';

/**
 * `mailnest readyz [--listen [HOST:]PORT] [--webroot PATH]`: exits 0 when a Mailnest answers
 * /readyz, for container health checks that have no curl.
 */
export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { listen: { type: 'string' }, webroot: { type: 'string' } } });
  const { host, port } = parseAddress('listen', values.listen ?? process.env.MAILNEST_LISTEN ?? '127.0.0.1:8025', '127.0.0.1');
  const webroot = normaliseWebroot(values.webroot ?? process.env.MAILNEST_WEBROOT ?? '/');
  const url = `http://${formatAddress(connectableHost(host), port)}${webroot}readyz`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    if (response.ok) return 0;
    process.stderr.write(`mailnest readyz: ${url} answered ${response.status}\n`);
  } catch (error) {
    process.stderr.write(`mailnest readyz: ${url}: ${(error as Error).message}\n`);
  }
  return 1;
}
