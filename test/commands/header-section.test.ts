import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HeaderSection } from '../../src/commands/header-section.ts';

describe('HeaderSection', () => {
  it('reads unfolded values and addresses, groups flattened, in order and without duplicates', () => {
    const section = HeaderSection.parse(Buffer.from('To: "Al" <a@x.test>,\r\n b@x.test\r\nCc: Team: c@x.test, a@x.test;\r\nSubject: hi\r\n\r\nbody\r\n'));
    assert.deepEqual(section.values('to'), ['"Al" <a@x.test>, b@x.test']);
    assert.deepEqual(section.addresses('To', 'Cc'), ['a@x.test', 'b@x.test', 'c@x.test']);
  });

  it('removes a header with its folded lines and adds lines at the end of the section, keeping other bytes', () => {
    const raw = Buffer.concat([Buffer.from('Bcc: a@x.test,\n b@x.test\nSubject: caf'), Buffer.from([0xe9]), Buffer.from('\n\nbody \xff\n', 'latin1')]);
    const out = HeaderSection.parse(raw).without('Bcc').with(['Date: Thu, 1 Jan 2025 00:00:00 +0000']).toBuffer();
    assert.deepEqual(out, Buffer.concat([Buffer.from('Subject: caf'), Buffer.from([0xe9]), Buffer.from('\nDate: Thu, 1 Jan 2025 00:00:00 +0000\n\nbody \xff\n', 'latin1')]));
  });

  it('reads input that does not start with a header as all body', () => {
    const section = HeaderSection.parse(Buffer.from('just a line\n'));
    assert.equal(section.has('Subject'), false);
    assert.equal(section.with(['Subject: added']).toBuffer().toString(), 'Subject: added\n\njust a line\n');
  });
});
