import type { Address } from '../store/types.ts';
import { decodeEncodedWords } from './headers.ts';

const MAX_HEADER = 256 * 1024;

/**
 * A tolerant RFC 5322 address-list parser: display names (quoted or not, RFC 2047 encoded),
 * angle addresses, comments, groups (`team: a@x, b@x;`), internationalized (SMTPUTF8) local parts
 * and domains kept as written. Where Go's net/mail gives up on the whole header, this keeps every
 * address it can read.
 * @example parseAddressList('"Doe, Jane" <jane@example.com>, bob@example.com')
 * // [{ Name: 'Doe, Jane', Address: 'jane@example.com' }, { Name: '', Address: 'bob@example.com' }]
 */
export function parseAddressList(header: string): Address[] {
  const out: Address[] = [];
  if (header.length === 0) return out;
  // Thousands of recipients fit in this; past it a header is hostile, not a mailing.
  const value = header.length > MAX_HEADER ? header.slice(0, MAX_HEADER) : header;
  let phrase = '';
  let comment = '';
  let angle: string | null = null;
  let inAngle = false;
  let sawQuoted = false;
  const n = value.length;

  const flush = (): void => {
    let name: string;
    let address: string;
    let extras: string[] = [];
    if (angle !== null) {
      address = angle.trim();
      name = phrase.trim();
    } else {
      const bare = phrase.trim();
      if (bare.includes('@') && !sawQuoted) {
        // `local@domain` with no angle brackets; a comment may carry the name. Sloppy senders
        // write `Name user@host` or `a@x b@y`: words with an `@` are addresses, the rest a name.
        const words = bare.split(/\s+/);
        const addresses = words.filter((w) => w.includes('@'));
        address = addresses[0];
        name = words.filter((w) => !w.includes('@')).join(' ') || comment.trim();
        extras = addresses.slice(1);
      } else {
        address = '';
        name = bare;
      }
    }
    if (name.length === 0 && angle !== null) name = comment.trim();
    if (address.startsWith('mailto:')) address = address.slice(7);
    name = decodeEncodedWords(name.replace(/\s+/g, ' ')).trim();
    if (address.length > 0 || name.length > 0) out.push({ Name: name, Address: address });
    for (const extra of extras) out.push({ Name: '', Address: extra });
    phrase = '';
    comment = '';
    angle = null;
    sawQuoted = false;
  };

  for (let i = 0; i < n; i++) {
    const c = value[i];
    if (inAngle) {
      if (c === '>') inAngle = false;
      else if (c === '(') {
        // a comment inside the address (RFC 5322 CFWS) is not part of it
        const close = value.indexOf(')', i + 1);
        i = close === -1 ? n - 1 : close;
      }
      else if (c === '"') {
        // quoted local part inside an angle address: keep as written
        const close = value.indexOf('"', i + 1);
        const stop = close === -1 ? n - 1 : close;
        angle += value.slice(i, stop + 1);
        i = stop;
      } else if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\n') angle += c;
      continue;
    }
    switch (c) {
      case '"': {
        let j = i + 1;
        let text = '';
        while (j < n && value[j] !== '"') {
          if (value[j] === '\\' && j + 1 < n) j++;
          text += value[j];
          j++;
        }
        phrase += text;
        sawQuoted = true;
        i = j;
        break;
      }
      case '(': {
        let depth = 1;
        let j = i + 1;
        let text = '';
        while (j < n && depth > 0) {
          const d = value[j];
          if (d === '\\' && j + 1 < n) {
            text += value[j + 1];
            j += 2;
            continue;
          }
          if (d === '(') depth++;
          else if (d === ')') depth--;
          if (depth > 0) text += d;
          j++;
        }
        comment += (comment ? ' ' : '') + text;
        i = j - 1;
        break;
      }
      case '<':
        if (angle === null) angle = '';
        inAngle = true;
        break;
      case ',':
        flush();
        break;
      case ':': {
        // A group name (`undisclosed-recipients:;`), unless it sits inside an address.
        if (angle === null && !phrase.includes('@')) {
          phrase = '';
          comment = '';
          sawQuoted = false;
        } else phrase += c;
        break;
      }
      case ';':
        flush();
        break;
      default:
        phrase += c;
    }
  }
  flush();
  return out;
}

/** The first address of a From-like header; `{Name:'',Address:''}` when there is none. */
export function firstAddress(value: string): Address {
  const list = parseAddressList(value);
  return list.length > 0 ? list[0] : { Name: '', Address: '' };
}
