import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { CommandError } from '../../src/commands/io.ts';
import { parseSendmailArgs, readMessage } from '../../src/commands/sendmail.ts';

describe('sendmail arguments', () => {
  it('reads -t, -i, -oi, -f (attached or not), -F and recipients, and ignores common sendmail flags', () => {
    const args = parseSendmailArgs(['-t', '-oi', '-fapp@x.test', '-F', 'The App', '-odi', '-oem', '-v', '-N', 'never', '-bm', 'a@x.test,b@x.test', 'c@x.test']);
    assert.equal(args.extractRecipients, true);
    assert.equal(args.ignoreDots, true);
    assert.equal(args.sender, 'app@x.test');
    assert.equal(args.fullName, 'The App');
    assert.deepEqual(args.recipients, ['a@x.test', 'b@x.test', 'c@x.test']);
  });

  it('takes an empty -f as the null sender', () => {
    assert.equal(parseSendmailArgs(['-f', '', 'a@x.test']).sender, '');
  });

  it('takes bundled -ti and --smtp in both spellings', () => {
    assert.equal(parseSendmailArgs(['-ti']).ignoreDots, true);
    assert.equal(parseSendmailArgs(['--smtp', '127.0.0.1:2525']).smtp, '127.0.0.1:2525');
    assert.equal(parseSendmailArgs(['--smtp=:2526']).smtp, ':2526');
  });

  it('refuses modes it cannot honour and unknown options with a usage error', () => {
    assert.throws(() => parseSendmailArgs(['-bp']), (e: unknown) => e instanceof CommandError && e.exitCode === 64 && /-bp is not supported/.test(e.message));
    assert.throws(() => parseSendmailArgs(['--frobnicate']), /unknown option --frobnicate/);
    assert.throws(() => parseSendmailArgs(['-f']), /-f needs a value/);
  });
});

describe('sendmail input', () => {
  it('stops at a line holding a single dot unless -i', async () => {
    const input = 'Subject: x\n\nline\n.\nafter\n';
    assert.equal((await readMessage(Readable.from([input]), false)).toString(), 'Subject: x\n\nline\n');
    assert.equal((await readMessage(Readable.from([input]), true)).toString(), input);
  });

  it('finds the dot line across chunk boundaries', async () => {
    const chunks = ['Subject: x\n\nline\n', '.', '\r\nignored'];
    assert.equal((await readMessage(Readable.from(chunks), false)).toString(), 'Subject: x\n\nline\n');
  });
});
