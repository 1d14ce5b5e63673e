/*
 * The on-disk format of one index segment: a JSON array with one record per line.
 *
 *   [
 *   {"id":"…",…},
 *   {"id":"…",…}
 *   ]
 *
 * New records are written in place over the closing "\n]\n", so an append writes only what is new
 * and the file is valid JSON again as soon as the write completes. A crash mid-append leaves a torn
 * tail, which parseSegment() repairs by keeping every whole line.
 */

const EMPTY = '[\n]\n';
const CLOSING = '\n]\n';

export function serializeSegment(records: readonly unknown[]): string {
  if (records.length === 0) return EMPTY;
  return '[\n' + records.map((r) => JSON.stringify(r)).join(',\n') + CLOSING;
}

/**
 * The bytes to write, and where, to append records to a segment file of `fileSize` bytes that
 * already holds `existing` records.
 */
export function appendPatch(fileSize: number, existing: number, records: readonly unknown[]): { position: number; text: string } {
  const body = records.map((r) => JSON.stringify(r)).join(',\n') + CLOSING;
  if (existing === 0) return { position: 1, text: '\n' + body };
  return { position: fileSize - CLOSING.length, text: ',\n' + body };
}

export interface ParsedSegment<T> {
  records: T[];
  /** True when the file was torn or damaged and should be rewritten from `records`. */
  repaired: boolean;
}

/** Parses a segment file; a torn or damaged file yields the records of every whole line. */
export function parseSegment<T>(text: string, isRecord: (value: unknown) => value is T): ParsedSegment<T> {
  try {
    const value: unknown = JSON.parse(text);
    // Appends rely on the exact closing bytes, so a valid file in another layout is rewritten.
    if (Array.isArray(value) && value.every(isRecord)) return { records: value, repaired: !text.endsWith(CLOSING) };
  } catch {
    // Torn tail from a crash mid-append: fall through to the line-by-line repair.
  }
  const records: T[] = [];
  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith(',') ? rawLine.slice(0, -1) : rawLine;
    if (!line.startsWith('{')) continue;
    try {
      const value: unknown = JSON.parse(line);
      if (isRecord(value)) records.push(value);
    } catch {
      // A half-written record was never acknowledged; dropping it loses nothing promised.
    }
  }
  return { records, repaired: true };
}
