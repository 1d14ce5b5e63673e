import { randomBytes } from 'node:crypto';

// Digits in ASCII order, so IDs sort as strings in the order they were made.
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const TIME_CHARS = 8; // 62^8 ms ≈ 6,900 years
const TAIL_CHARS = 14; // 62^14 ≈ 2^83 of randomness and sequence
const ID_PATTERN = /^[0-9A-Za-z]{22}$/;

/** True for a string shaped like a Mailnest (and Mailpit) message ID: 22 base62 characters. */
export function isMessageId(value: string): boolean {
  return ID_PATTERN.test(value);
}

function encodeTime(ms: number): string {
  let out = '';
  for (let i = 0; i < TIME_CHARS; i++) {
    out = ALPHABET[ms % 62] + out;
    ms = Math.floor(ms / 62);
  }
  return out;
}

function randomTail(): string {
  const bytes = randomBytes(TAIL_CHARS);
  // The first character stays in the lower half so a burst in one millisecond can count upwards.
  let out = ALPHABET[bytes[0]! % 31]!;
  for (let i = 1; i < TAIL_CHARS; i++) out += ALPHABET[bytes[i]! % 62];
  return out;
}

function increment(tail: string): string {
  const chars = tail.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    const digit = ALPHABET.indexOf(chars[i]!);
    if (digit < 61) {
      chars[i] = ALPHABET[digit + 1]!;
      return chars.join('');
    }
    chars[i] = '0';
  }
  throw new RangeError('message ID sequence exhausted within one millisecond');
}

/**
 * Makes time-ordered, 22-character base62 IDs (the shape Mailpit's clients validate). IDs from one
 * generator strictly increase, even within a millisecond or when the clock steps back.
 *
 * @example
 * const nextId = idGenerator();
 * nextId(); // '0WfZ3y4P1kqX9Lw0aTbQ2m'
 */
export function idGenerator(): (now?: number) => string {
  let lastTime = -1;
  let lastTail = '';
  return (now = Date.now()) => {
    if (now > lastTime) {
      lastTime = now;
      lastTail = randomTail();
    } else {
      lastTail = increment(lastTail);
    }
    return encodeTime(lastTime) + lastTail;
  };
}
