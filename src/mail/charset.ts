import iconv from 'iconv-lite';
import { TextDecoder } from 'node:util';

/**
 * Bytes to a JS string in a declared charset, never throwing. The platform's TextDecoder (full
 * ICU) covers nearly every charset mail uses; the rest (UTF-7, odd aliases) go through iconv-lite
 * (mailparser's own charset library). An unknown or missing charset means UTF-8 when the bytes are valid
 * UTF-8 and windows-1252 otherwise, so 8-bit latin1 mail still reads as text.
 */

const decoders = new Map<string, TextDecoder | null>();
const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');
// Node 20's TextDecoder reads windows-1252 as ISO-8859-1 (0x80-0x9F come out as C1 controls
// instead of € “ ” …), so those bytes go through iconv-lite.
const WINDOWS_1252 = new Set(['windows-1252', 'cp1252', 'iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'ascii', 'us-ascii', 'cp819', 'ibm819', 'iso-ir-100', 'x-cp1252']);
const decodeWindows1252 = (bytes: Uint8Array): string =>
  iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'win1252');

// Names seen in real mail that mean a charset TextDecoder knows under another label.
const ALIASES: Record<string, string> = {
  'ks_c_5601-1987': 'euc-kr',
  ks_c_5601: 'euc-kr',
  'x-sjis': 'shift_jis',
  'x-euc-jp': 'euc-jp',
  'x-gbk': 'gbk',
  ansi_x3_4_1968: 'us-ascii',
  'ansi_x3.4-1968': 'us-ascii',
  ascii: 'us-ascii',
  'x-mac-roman': 'macintosh',
  'x-user-defined': 'windows-1252',
};

function decoderFor(charset: string): TextDecoder | null {
  let decoder = decoders.get(charset);
  if (decoder !== undefined) return decoder;
  const label = ALIASES[charset] ?? charset.replace(/^(win|cp)-?(125\d)$/, 'windows-$2');
  try {
    decoder = new TextDecoder(label);
  } catch {
    decoder = null;
  }
  // Bounded: charset names come from untrusted mail.
  if (decoders.size < 200) decoders.set(charset, decoder);
  return decoder;
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return false;
  return true;
}

/** UTF-8 when valid, else windows-1252 (a superset of latin1 for printable text). */
export function decodeUnknown(bytes: Uint8Array): string {
  if (isAscii(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/** Decodes `bytes` declared as `charset` (any case, '' when none). */
export function decodeCharset(bytes: Uint8Array, charset: string): string {
  const name = charset.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (name === '' || name === 'utf-8' || name === 'utf8' || name === 'us-ascii') {
    if (name === 'us-ascii' || name === '') return decodeUnknown(bytes);
    return utf8Lenient.decode(bytes);
  }
  const label = ALIASES[name] ?? name.replace(/^(win|cp)-?(125\d)$/, 'windows-$2');
  if (WINDOWS_1252.has(label)) return isAscii(bytes) ? decodeUnknown(bytes) : decodeWindows1252(bytes);
  const decoder = decoderFor(name);
  if (decoder) {
    try {
      return decoder.decode(bytes);
    } catch {
      return decodeUnknown(bytes);
    }
  }
  try {
    if (iconv.encodingExists(name)) {
      return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), name);
    }
  } catch {
    // fall through to the guess below
  }
  return decodeUnknown(bytes);
}
