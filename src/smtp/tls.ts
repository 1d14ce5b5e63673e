import { readFile } from 'node:fs/promises';
import { generate } from 'selfsigned';
import type { Config } from '../config.ts';
import { ConfigError } from '../config.ts';

export interface TlsMaterial {
  key: string;
  cert: string;
}

/**
 * The certificate SMTP offers, or null when TLS is off. smtp-server's built-in certificate expired in
 * 2025, so without one of these flags STARTTLS is not advertised at all (advertising it with an
 * expired certificate makes nodemailer's default transport fail).
 */
export async function loadTls(config: Config): Promise<TlsMaterial | null> {
  if (config.smtpTlsCert && config.smtpTlsKey) {
    const read = async (file: string, flag: string) => {
      try {
        return await readFile(file, 'utf8');
      } catch (cause) {
        throw new ConfigError(`${flag}: cannot read ${file}: ${(cause as Error).message}`);
      }
    };
    return { cert: await read(config.smtpTlsCert, '--smtp-tls-cert'), key: await read(config.smtpTlsKey, '--smtp-tls-key') };
  }
  if (config.smtpTlsSelfSigned) {
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
      notAfterDate: new Date(Date.now() + 397 * 86_400_000),
      keyType: 'ec',
      curve: 'P-256',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] }],
    });
    return { key: pems.private, cert: pems.cert };
  }
  return null;
}
