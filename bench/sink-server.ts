/**
 * The ceiling: a bare smtp-server that accepts every message and discards it, in its own process.
 * Same library and options Mailnest's SMTP layer starts from, nothing stored. Prints its address as
 * the Mailnest CLI does.
 */
import { SMTPServer } from 'smtp-server';

let accepted = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  disableReverseLookup: true,
  logger: false,
  size: 50 * 1024 * 1024,
  onData(stream, _session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => callback(null, `Ok: queued as sink${++accepted}`));
  },
});
server.listen(0, '127.0.0.1', () => {
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`SMTP listening on 127.0.0.1:${port}\n`);
});
const stop = () => {
  // The bench checks this count against the 250s it received.
  process.stdout.write(`accepted ${accepted}\n`);
  server.close(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
