/**
 * The blank 180×120 JPEG Mailpit answers `/part/{PartID}/thumb` with for a part that is not an
 * image. Built once, by hand: a baseline greyscale JPEG whose every 8×8 block is flat white, so
 * each block is one DC value and an end-of-block code (no image library needed).
 */

const WIDTH = 180;
const HEIGHT = 120;

function segment(marker: number, payload: number[]): number[] {
  const length = payload.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...payload];
}

function entropyData(blocks: number): number[] {
  // DC table: category 0 -> '0', category 10 -> '10'. AC table: end-of-block -> '0'.
  // White (255) level-shifted to 127 gives a DC coefficient of 8 * 127 = 1016 (category 10).
  let bits = '10' + (1016).toString(2).padStart(10, '0') + '0';
  bits += '00'.repeat(blocks - 1); // DC difference 0, then end-of-block
  bits = bits.padEnd(Math.ceil(bits.length / 8) * 8, '1');
  const bytes: number[] = [];
  for (let i = 0; i < bits.length; i += 8) {
    const byte = parseInt(bits.slice(i, i + 8), 2);
    bytes.push(byte);
    if (byte === 0xff) bytes.push(0x00); // byte stuffing (ITU T.81, F.1.2.3)
  }
  return bytes;
}

function build(): Buffer {
  const blocks = Math.ceil(WIDTH / 8) * Math.ceil(HEIGHT / 8);
  const bytes = [
    0xff, 0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]),
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
    ...segment(0xc0, [0x08, HEIGHT >> 8, HEIGHT & 0xff, WIDTH >> 8, WIDTH & 0xff, 0x01, 0x01, 0x11, 0x00]),
    ...segment(0xc4, [0x00, 1, 1, ...new Array<number>(14).fill(0), 0x00, 0x0a]),
    ...segment(0xc4, [0x10, 1, ...new Array<number>(15).fill(0), 0x00]),
    ...segment(0xda, [0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]),
    ...entropyData(blocks),
    0xff, 0xd9,
  ];
  return Buffer.from(bytes);
}

let cached: Buffer | undefined;

/** A 180×120 white JPEG. */
export function blankJpeg(): Buffer {
  cached ??= build();
  return cached;
}
