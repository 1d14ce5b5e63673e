import { parseOtpToken } from 'mailparser';
import { decodeEntities } from './extract-links.ts';
import type { Message } from './types.ts';

export interface ExtractCodesOptions {
  /** Exact number of digits; default any code of 4 to 8 digits. */
  length?: number;
  /** A custom pattern instead (its first capture group, or the whole match, is the code). */
  pattern?: RegExp;
}

/** Text of an HTML body, enough to find codes in it: no tags, no scripts or styles, entities decoded. */
function htmlToPlain(html: string): string {
  return decodeEntities(html.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<[^>]+>/g, ' '));
}

function codePattern(options: ExtractCodesOptions): RegExp {
  if (options.pattern) return new RegExp(options.pattern.source, options.pattern.flags.includes('g') ? options.pattern.flags : options.pattern.flags + 'g');
  const digits = options.length ? `\\d{${options.length}}` : '\\d{4,8}';
  // A code stands alone: not part of a longer number, a word, a date (2024-01-02), a time (12:30),
  // a decimal or a phone number with separators.
  return new RegExp(`(?<!\\w)(?<!\\d[.,:/-])(${digits})(?!\\w)(?![.,:/-]\\d)`, 'g');
}

/**
 * One-time codes in a message, in order and without duplicates: the `OTP-Token` header first (the
 * draft-goto-otp-token header nodemailer's `otp` option writes, parsed by mailparser), then codes
 * in the subject and the text (or the HTML's text when there is no text part).
 *
 * @example
 * const message = await client.waitForMessage('to:alice@example.com subject:"sign-in code"');
 * const [code] = extractCodes(message, { length: 6 });
 */
export function extractCodes(message: Pick<Message, 'Subject' | 'Text' | 'HTML'> & Partial<Pick<Message, 'Headers'>>, options: ExtractCodesOptions = {}): string[] {
  const codes: string[] = [];
  const add = (code: string | undefined) => {
    if (code && !codes.includes(code)) codes.push(code);
  };
  const header = parseOtpToken(message.Headers?.['Otp-Token']);
  if (header && (!options.length || header.code.length === options.length || options.pattern)) add(header.code);
  const body = message.Text || htmlToPlain(message.HTML ?? '');
  for (const text of [message.Subject ?? '', body]) {
    for (const m of text.matchAll(codePattern(options))) add(m[1] ?? m[0]);
  }
  return codes;
}

/** The first one-time code of a message (see extractCodes), or undefined when there is none. */
export function extractCode(message: Parameters<typeof extractCodes>[0], options?: ExtractCodesOptions): string | undefined {
  return extractCodes(message, options)[0];
}
