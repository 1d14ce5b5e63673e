import { parseAddressHeader } from 'mailparser';

/**
 * The header section of a raw message, read without touching the bytes: the text is latin1, which
 * maps each byte to one character, so slicing and rejoining it gives back the same bytes.
 */
export class HeaderSection {
  /** Header section including its final line break, as latin1 text ('' when there is none). */
  readonly head: string;
  /** Everything after the blank line, as latin1 text. */
  readonly body: string;
  readonly lineBreak: string;

  constructor(head: string, body: string, lineBreak: string) {
    this.head = head;
    this.body = body;
    this.lineBreak = lineBreak;
  }

  static parse(raw: Buffer): HeaderSection {
    const text = raw.toString('latin1');
    const lineBreak = /\r\n/.test(text.slice(0, 2000)) ? '\r\n' : '\n';
    // A message starting with something other than a header line is all body (as sendmail reads it).
    if (!/^[!-9;-~]+[ \t]*:/.test(text)) return new HeaderSection('', text, lineBreak);
    const end = /\r?\n\r?\n/.exec(text);
    if (end) return new HeaderSection(text.slice(0, end.index) + lineBreak, text.slice(end.index + end[0].length), lineBreak);
    return new HeaderSection(text.endsWith('\n') ? text : text + lineBreak, '', lineBreak);
  }

  /** Unfolded values of a header, in order. */
  values(name: string): string[] {
    const out: string[] = [];
    const pattern = new RegExp(`^${name.replace(/[-]/g, '\\-')}[ \\t]*:(.*(?:\\r?\\n[ \\t].*)*)`, 'gim');
    for (const m of this.head.matchAll(pattern)) {
      out.push(Buffer.from(m[1]!.replace(/\r?\n(?=[ \t])/g, ''), 'latin1').toString('utf8').trim());
    }
    return out;
  }

  has(name: string): boolean {
    return this.values(name).length > 0;
  }

  /** Addresses (ASCII domains kept as written) from the given headers, in order, without duplicates. */
  addresses(...names: string[]): string[] {
    const out: string[] = [];
    for (const name of names) {
      for (const value of this.values(name)) {
        for (const entry of parseAddressHeader(value, { flatten: true, decodePunycode: false }).value) {
          if (entry.address && !out.includes(entry.address)) out.push(entry.address);
        }
      }
    }
    return out;
  }

  /** The message with a header removed (every occurrence, with its folded lines). */
  without(name: string): HeaderSection {
    const pattern = new RegExp(`^${name.replace(/[-]/g, '\\-')}[ \\t]*:.*(?:\\r?\\n[ \\t].*)*\\r?\\n`, 'gim');
    return new HeaderSection(this.head.replace(pattern, ''), this.body, this.lineBreak);
  }

  /** The message with header lines added at the end of the section. */
  with(lines: string[]): HeaderSection {
    if (lines.length === 0) return this;
    const added = lines.map((line) => Buffer.from(line, 'utf8').toString('latin1') + this.lineBreak).join('');
    return new HeaderSection(this.head + added, this.body, this.lineBreak);
  }

  toBuffer(): Buffer {
    return Buffer.from(this.head ? this.head + this.lineBreak + this.body : this.body, 'latin1');
  }
}
