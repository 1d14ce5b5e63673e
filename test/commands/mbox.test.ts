import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitMbox } from '../../src/commands/mbox.ts';

describe('splitMbox', () => {
  it('splits on From_ lines after a blank line, drops the separator blank line and unescapes >From', () => {
    const mbox = 'From alice@a.test Mon Jan  1 00:00:00 2024\nSubject: one\n\nhi\n>From the start\n>>From deeper\n\nFrom MAILER-DAEMON Tue Jan  2 00:00:00 2024\nSubject: two\n\nbody\nFrom inside a paragraph\n';
    const messages = splitMbox(Buffer.from(mbox));
    assert.deepEqual(
      messages.map((m) => [m.sender, m.raw.toString()]),
      [
        ['alice@a.test', 'Subject: one\n\nhi\nFrom the start\n>From deeper\n'],
        [undefined, 'Subject: two\n\nbody\nFrom inside a paragraph\n'],
      ],
    );
  });

  it('keeps 8-bit bytes and CRLF line ends as they are', () => {
    const body = Buffer.concat([Buffer.from('Subject: caf'), Buffer.from([0xe9]), Buffer.from('\r\n\r\nok\r\n')]);
    const mbox = Buffer.concat([Buffer.from('From x@y.test Thu\r\n'), body]);
    assert.deepEqual(splitMbox(mbox)[0]!.raw, body);
  });
});
