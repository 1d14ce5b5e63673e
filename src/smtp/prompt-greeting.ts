import { SMTPConnection } from 'smtp-server/lib/smtp-connection.js';

// The line in smtp-server's SMTPConnection.init() this replaces; checked so a future smtp-server
// that changes init() is left alone rather than patched blindly.
const DELAYED_GREETING = 'setTimeout(() => this.connectionReady(), 100)';
let applied = false;

/**
 * smtp-server holds every greeting back 100 ms to catch spammers that talk before it (and cannot be
 * configured otherwise). A mail catcher on loopback has no such clients, while an app that opens a
 * connection per message (nodemailer's default) would pay the 100 ms on every send. This greets at
 * once, keeping the connection-limit check the original performs first. Idempotent.
 */
export function greetPromptly(): boolean {
  if (applied) return true;
  const proto = SMTPConnection.prototype;
  if (!proto.init.toString().includes(DELAYED_GREETING)) return false;
  proto.init = function init(this: SMTPConnection) {
    this._setListeners(() => {
      const { options, connections } = this._server;
      if (options.maxClients && connections.size > options.maxClients) {
        return this.send(421, `${this.name} Too many connected clients, try again in a moment`, false);
      }
      this.connectionReady();
    });
  };
  applied = true;
  return true;
}
