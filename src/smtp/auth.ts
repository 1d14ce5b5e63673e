import type { SMTPServerAuthentication, SMTPServerAuthenticationResponse, SMTPServerSession } from 'smtp-server';
import type { Credentials } from '../credentials.ts';

type AuthCallback = (error: Error | null | undefined, response?: SMTPServerAuthenticationResponse) => void;

/** An SMTP reply error: smtp-server sends `responseCode` and the message as the reply text. */
export function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * smtp-server's onAuth. Without a credentials file every AUTH succeeds, because apps under
 * development often authenticate whatever the server is; with one, credentials are checked.
 */
export function authHandler(credentials: Credentials | null) {
  return function onAuth(auth: SMTPServerAuthentication, _session: SMTPServerSession, callback: AuthCallback): void {
    const user = auth.username ?? '';
    if (!credentials) return callback(null, { user });
    let ok: boolean;
    if (auth.method === 'CRAM-MD5') {
      const password = credentials.plainPassword(user);
      ok = password !== null && auth.validatePassword!(password);
    } else {
      ok = credentials.verify(user, auth.password ?? '');
    }
    if (ok) return callback(null, { user });
    callback(smtpError(535, 'Authentication credentials invalid'));
  };
}

