import { decodeUnknown } from './charset.ts';

/** One header field as written: name trimmed, value unfolded (RFC 5322 section 2.2.3), not decoded. */
export interface HeaderField {
  name: string;
  value: string;
}

/** Where a header section ends (the blank line) and its body begins, within `[start, end)`. */
export interface HeaderBounds {
  headerEnd: number;
  bodyStart: number;
  /** False when no blank line was found: everything is header, the body is empty. */
  terminated: boolean;
}

/** Finds the blank line that ends the headers; accepts CRLF and bare LF line ends. */
export function findHeaderEnd(raw: Uint8Array, start = 0, end = raw.length): HeaderBounds {
  let pos = start;
  while (pos < end) {
    let nl = raw.indexOf(0x0a, pos);
    if (nl === -1 || nl >= end) return { headerEnd: end, bodyStart: end, terminated: false };
    const lineEnd = nl > pos && raw[nl - 1] === 0x0d ? nl - 1 : nl;
    if (lineEnd === pos) return { headerEnd: pos, bodyStart: nl + 1, terminated: true };
    pos = nl + 1;
  }
  return { headerEnd: end, bodyStart: end, terminated: false };
}

/**
 * Parses a header section into fields, in order. Continuation lines are joined with one space
 * after trimming, as Go's textproto does. Lines that are not `name: value` (an mbox `From `
 * line, garbage) are skipped and counted in `malformed`.
 */
export function parseHeaderFields(raw: Uint8Array, start: number, end: number): { fields: HeaderField[]; malformed: number } {
  const fields: HeaderField[] = [];
  let malformed = 0;
  if (end <= start) return { fields, malformed };
  // latin1 maps bytes 1:1, so each value can be re-read on its own below: one header in UTF-8
  // and another in latin1 both come out right.
  const text = Buffer.from(raw.buffer, raw.byteOffset + start, end - start).toString('latin1');
  const eightBit = /[\x80-\xff]/.test(text);
  const lines = text.split('\n');
  let name = '';
  let value = '';
  let open = false;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (line.length > 0 && line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    if (line.length === 0) continue;
    const first = line.charCodeAt(0);
    if (first === 32 || first === 9) {
      if (open) {
        const piece = line.trim();
        if (piece.length > 0) value = value.length > 0 ? value + ' ' + piece : piece;
      }
      continue;
    }
    if (open) fields.push({ name, value });
    if (i === 0 && line.startsWith('From ') && !/^From\s*:/.test(line)) {
      open = false; // an mbox separator line, not a header
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      open = false;
      malformed++;
      continue;
    }
    name = line.slice(0, colon).trim();
    value = line.slice(colon + 1).trim();
    open = name.length > 0;
    if (!open) malformed++;
  }
  if (open) fields.push({ name, value });
  if (eightBit) {
    for (const field of fields) {
      if (/[\x80-\xff]/.test(field.value)) field.value = decodeUnknown(Buffer.from(field.value, 'latin1'));
      if (/[\x80-\xff]/.test(field.name)) field.name = decodeUnknown(Buffer.from(field.name, 'latin1'));
    }
  }
  return { fields, malformed };
}

/** The first value of a header (case-insensitive name), '' when absent. */
export function firstHeader(fields: readonly HeaderField[], lowerName: string): string {
  for (const field of fields) {
    if (field.name.length === lowerName.length && field.name.toLowerCase() === lowerName) return field.value;
  }
  return '';
}

/** Every value of a header (case-insensitive name), in order. */
export function allHeaders(fields: readonly HeaderField[], lowerName: string): string[] {
  const values: string[] = [];
  for (const field of fields) {
    if (field.name.length === lowerName.length && field.name.toLowerCase() === lowerName) values.push(field.value);
  }
  return values;
}
