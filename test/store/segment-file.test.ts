import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appendPatch, parseSegment, serializeSegment } from '../../src/store/segment-file.ts';

type Rec = { id: string; n: number };
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && typeof (v as Rec).id === 'string';
const rec = (n: number): Rec => ({ id: `id${n}`, n });

function applyPatch(text: string, patch: { position: number; text: string }): string {
  const bytes = Buffer.from(text);
  return Buffer.concat([bytes.subarray(0, patch.position), Buffer.from(patch.text)]).toString();
}

describe('segment file format', () => {
  it('stays valid JSON after every in-place append, starting empty', () => {
    let text = serializeSegment([]);
    let count = 0;
    for (const batch of [[rec(1)], [rec(2), rec(3)], [rec(4)]]) {
      text = applyPatch(text, appendPatch(Buffer.byteLength(text), count, batch));
      count += batch.length;
      assert.deepEqual(JSON.parse(text), Array.from({ length: count }, (_, i) => rec(i + 1)));
    }
    assert.deepEqual(parseSegment(text, isRec), { records: [rec(1), rec(2), rec(3), rec(4)], repaired: false });
  });

  it('keeps every whole record of a torn tail and flags the file for repair', () => {
    const whole = applyPatch(serializeSegment([rec(1), rec(2)]), appendPatch(Buffer.byteLength(serializeSegment([rec(1), rec(2)])), 2, [rec(3), rec(4)]));
    const torn = whole.slice(0, whole.indexOf('"n":4'));
    const parsed = parseSegment(torn, isRec);
    assert.deepEqual(parsed.records, [rec(1), rec(2), rec(3)]);
    assert.equal(parsed.repaired, true);
  });

  it('reads an empty or garbage file as no records instead of failing', () => {
    assert.deepEqual(parseSegment('', isRec), { records: [], repaired: true });
    assert.deepEqual(parseSegment('\u0000\u0000garbage', isRec), { records: [], repaired: true });
  });
});
