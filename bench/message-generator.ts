/**
 * Generated mail for the bench: SMTP-ready bytes (CRLF lines, no line starting with a dot, so no
 * dot-stuffing is needed), unique headers per message, bodies drawn from a small pool so building one
 * costs a header string and a concat.
 */

export type MessageKind = 'small' | 'large';

export const MESSAGE_SIZES: Readonly<Record<MessageKind, number>> = Object.freeze({ small: 5 * 1024, large: 1024 * 1024 });

/** A word every filler message with `i % 100 === 42` carries in its subject: a free-text search hits ~1%. */
export const RARE_WORD = 'invoice';
/** Filler senders cycle over this many addresses, so a `from:` search matches 0.1% of them. */
export const SENDER_COUNT = 1000;
/** Filler senders live on their own domain, so a `from:` search never matches the SMTP load's senders. */
export const senderAddress = (k: number) => `sender${k}@fill.test`;

const WORDS = (
  'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore ' +
  'magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris nisi aliquip ex ea commodo ' +
  'consequat duis aute irure in reprehenderit voluptate velit esse cillum fugiat nulla pariatur excepteur sint ' +
  'occaecat cupidatat non proident sunt culpa qui officia deserunt mollit anim id est laborum curabitur pretium ' +
  'tincidunt lacus nulla gravida orci a odio nullam varius turpis et commodo pharetra est eros bibendum elit nec ' +
  'luctus magna felis sollicitudin mauris integer in mauris eu nibh euismod gravida duis ac tellus et risus'
).split(' ');

/** Deterministic PRNG (mulberry32): the same run produces the same bytes. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Plain text of about `bytes` bytes, wrapped at 72 columns, CRLF line ends. */
function prose(bytes: number, seed: number): string {
  const next = random(seed);
  const lines: string[] = [];
  let line = '';
  let total = 0;
  while (total < bytes) {
    const word = WORDS[Math.floor(next() * WORDS.length)]!;
    if (line.length + word.length + 1 > 72) {
      lines.push(line);
      total += line.length + 2;
      line = '';
    }
    line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\r\n') + '\r\n';
}

function base64Lines(data: Buffer): string {
  const b64 = data.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join('\r\n') + '\r\n';
}

function randomBytes(length: number, seed: number): Buffer {
  const next = random(seed);
  const out = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) out[i] = Math.floor(next() * 256);
  return out;
}

const BODY_POOL = 16;
const BOUNDARY = '----=_bench_boundary_0f1e2d3c';

function smallBodies(headerBytes: number): Buffer[] {
  const bodies: Buffer[] = [];
  for (let k = 0; k < BODY_POOL; k++) bodies.push(Buffer.from(prose(MESSAGE_SIZES.small - headerBytes, 1000 + k)));
  return bodies;
}

/** Raw bytes of a ~1 MB attachment whose base64 form brings the whole message to about 1 MB. */
const ATTACHMENT_BYTES = 765_000;

function largeBody(): Buffer {
  return Buffer.from(
    `--${BOUNDARY}\r\n` +
      'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n' +
      prose(1024, 7) +
      `\r\n--${BOUNDARY}\r\n` +
      'Content-Type: application/octet-stream; name="report.bin"\r\n' +
      'Content-Disposition: attachment; filename="report.bin"\r\nContent-Transfer-Encoding: base64\r\n\r\n' +
      base64Lines(randomBytes(ATTACHMENT_BYTES, 99)) +
      `--${BOUNDARY}--\r\n`,
  );
}

const DATE = new Date('2026-01-01T00:00:00Z').toUTCString().replace('GMT', '+0000');

/**
 * A function building message `i` of a load run: unique Subject and Message-ID (tagged with the run),
 * a 5 KB text body or a multipart with a ~1 MB attachment.
 */
export function createMessageFactory(kind: MessageKind, tag: string): (i: number) => Buffer {
  const headers = (i: number) =>
    `From: Bench Sender <sender${i % 50}@bench.test>\r\n` +
    'To: Bench Inbox <inbox@bench.test>\r\n' +
    `Subject: Bench message ${i} of ${tag}\r\n` +
    `Date: ${DATE}\r\n` +
    `Message-ID: <${tag}.${i}@bench.test>\r\n` +
    'MIME-Version: 1.0\r\n' +
    (kind === 'small'
      ? 'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n'
      : `Content-Type: multipart/mixed; boundary="${BOUNDARY}"\r\n\r\n`);
  if (kind === 'small') {
    const bodies = smallBodies(Buffer.byteLength(headers(0)));
    return (i) => Buffer.concat([Buffer.from(headers(i)), bodies[i % BODY_POOL]!]);
  }
  const body = largeBody();
  return (i) => Buffer.concat([Buffer.from(headers(i)), body]);
}

/**
 * Message `i` of a pre-filled store: senders, subjects and bodies vary, so list and search work
 * on something like a real inbox (1% carry RARE_WORD, each sender sends 0.1%).
 */
export function createFillerFactory(): (i: number) => { raw: Buffer; from: string } {
  const bodies: string[] = [];
  for (let k = 0; k < 64; k++) bodies.push(prose(3000 + k * 60, 5000 + k));
  return (i) => {
    const from = senderAddress(i % SENDER_COUNT);
    const a = WORDS[(i * 7) % WORDS.length]!;
    const b = WORDS[(i * 13 + 5) % WORDS.length]!;
    const subject = `${a} ${b} ${i % 100 === 42 ? RARE_WORD + ' ' : ''}no. ${i}`;
    const raw = Buffer.from(
      `From: Sender ${i % SENDER_COUNT} <${from}>\r\n` +
        `To: User ${i % 37} <user${i % 37}@bench.test>\r\n` +
        `Subject: ${subject}\r\n` +
        `Date: ${DATE}\r\n` +
        `Message-ID: <fill.${i}@bench.test>\r\n` +
        'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n' +
        bodies[i % bodies.length]!,
    );
    return { raw, from };
  };
}
