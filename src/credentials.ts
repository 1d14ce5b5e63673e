import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A credentials file could not be used; the message names the file and line. */
export class CredentialsError extends Error {
  override name = 'CredentialsError';
}

/**
 * Users and passwords from a file of `user:password` lines (blank lines and `#` comments skipped),
 * as `--smtp-auth-file` and `--ui-auth-file` take them. A password may also be an htpasswd
 * `{SHA}base64` hash.
 */
export class Credentials {
  readonly #passwords: Map<string, string>;

  private constructor(passwords: Map<string, string>) {
    this.#passwords = passwords;
  }

  /** Reads and validates the file; throws CredentialsError naming the flag and the bad line. */
  static load(file: string, flag: string): Credentials {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (cause) {
      throw new CredentialsError(`${flag}: cannot read ${file}: ${(cause as Error).message}`);
    }
    const passwords = new Map<string, string>();
    text.split(/\r?\n/).forEach((line, index) => {
      const trimmed = line.trim();
      if (!trimmed || trimmed.startsWith('#')) return;
      const colon = trimmed.indexOf(':');
      if (colon <= 0) throw new CredentialsError(`${flag}: ${file} line ${index + 1}: expected user:password`);
      const password = trimmed.slice(colon + 1);
      if (/^\$2[aby]?\$|^\$apr1\$/.test(password)) {
        throw new CredentialsError(`${flag}: ${file} line ${index + 1}: bcrypt/MD5 hashes are not supported; use a plain or {SHA} password`);
      }
      passwords.set(trimmed.slice(0, colon), password);
    });
    if (passwords.size === 0) throw new CredentialsError(`${flag}: ${file} has no user:password lines`);
    return new Credentials(passwords);
  }

  /** Constant-time check of a user's password; an unknown user costs the same, so timing reveals no names. */
  verify(user: string, password: string): boolean {
    const known = this.#passwords.get(user);
    const stored = known ?? '\0unknown user';
    const given = stored.startsWith('{SHA}') ? '{SHA}' + createHash('sha1').update(password).digest('base64') : password;
    const a = createHash('sha256').update(stored).digest();
    const b = createHash('sha256').update(given).digest();
    return timingSafeEqual(a, b) && known !== undefined;
  }

  /** The stored plain password (CRAM-MD5 needs it to compute the expected digest); null when hashed or unknown. */
  plainPassword(user: string): string | null {
    const stored = this.#passwords.get(user);
    return stored === undefined || stored.startsWith('{SHA}') ? null : stored;
  }
}
