/**
 * Content-Transfer-Encoding decoding (RFC 2045 section 6) over byte ranges, tolerant of what
 * real mail does wrong: stray characters in base64, bare `=` and lowercase hex in
 * quoted-printable, unknown encodings (kept as they are, like enmime does).
 */

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

export function decodeQuotedPrintable(input: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(input.length);
  let o = 0;
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const c = input[i];
    if (c !== 0x3d /* = */) {
      out[o++] = c;
      continue;
    }
    const a = i + 1 < n ? input[i + 1] : -1;
    if (a === 0x0a) {
      i += 1; // soft line break, LF only
      continue;
    }
    if (a === 0x0d && i + 2 < n && input[i + 2] === 0x0a) {
      i += 2; // soft line break
      continue;
    }
    const hi = a < 0 ? -1 : hexValue(a);
    const lo = i + 2 < n ? hexValue(input[i + 2]) : -1;
    if (hi >= 0 && lo >= 0) {
      out[o++] = (hi << 4) | lo;
      i += 2;
      continue;
    }
    // A soft break followed by trailing whitespace before the line end.
    let j = i + 1;
    while (j < n && (input[j] === 0x20 || input[j] === 0x09)) j++;
    if (j > i + 1 && (j === n || input[j] === 0x0a || input[j] === 0x0d)) {
      i = input[j] === 0x0d && input[j + 1] === 0x0a ? j + 1 : j;
      continue;
    }
    out[o++] = c; // a bare `=` is kept, as most decoders do
  }
  return out.subarray(0, o);
}

export function decodeBase64(input: Uint8Array): Buffer {
  // Node's decoder skips whitespace and stops cleanly at garbage; it never throws.
  return Buffer.from(Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('latin1'), 'base64');
}

/** Decodes a body by its Content-Transfer-Encoding (lowercased, '' for none). */
export function decodeTransferEncoding(input: Uint8Array, encoding: string): Buffer {
  if (encoding === 'base64') return decodeBase64(input);
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(input);
  return Buffer.from(input.buffer, input.byteOffset, input.byteLength);
}

/** Normalises a Content-Transfer-Encoding value, including common misspellings seen in the wild. */
export function normalizeTransferEncoding(value: string): string {
  const v = value.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (v === 'base64' || v === 'base-64') return 'base64';
  if (v === 'quoted-printable' || v === 'quoted printable' || v === 'quotedprintable') return 'quoted-printable';
  return v;
}
