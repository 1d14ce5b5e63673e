import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { idGenerator, isMessageId } from '../../src/store/ids.ts';

describe('message IDs', () => {
  it('are 22 base62 characters that sort in the order they were made, even within one millisecond', () => {
    const next = idGenerator();
    const ids = [next(1000), next(1000), next(1000), next(2000), next(1500), next(3000)];
    for (const id of ids) assert.ok(isMessageId(id), id);
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('rejects anything that is not an ID, so it can never name a path', () => {
    for (const bad of ['../../etc/passwd', 'latest', '', 'a'.repeat(21), 'a'.repeat(23), 'abc/def' + 'a'.repeat(15)]) {
      assert.equal(isMessageId(bad), false, bad);
    }
  });
});
