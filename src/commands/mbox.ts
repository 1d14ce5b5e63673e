export interface MboxMessage {
  raw: Buffer;
  /** The address on the `From ` separator line, when it holds one (not `MAILER-DAEMON`). */
  sender: string | undefined;
}

/**
 * Splits an mbox file into its messages. A message starts at a line beginning with `From `
 * (the separator, dropped); lines the writer escaped as `>From `, `>>From `... lose one `>`
 * (mboxrd, which also undoes mboxo's single escape). The blank line every writer puts before the
 * next separator is not part of the message. Bytes stay as they are (latin1 maps byte to char).
 */
export function splitMbox(file: Buffer): MboxMessage[] {
  const text = file.toString('latin1');
  const messages: MboxMessage[] = [];
  // A separator follows a blank line (or opens the file), which keeps an unescaped "From " in a
  // body from splitting a message.
  const separator = /(?:^|(?<=\n\r?\n))From ([^\r\n]*)\r?\n/g;
  const starts: { at: number; body: number; sender: string | undefined }[] = [];
  for (const m of text.matchAll(separator)) {
    const sender = m[1]!.trim().split(/\s+/)[0] ?? '';
    starts.push({ at: m.index, body: m.index + m[0].length, sender: sender.includes('@') ? sender : undefined });
  }
  starts.forEach((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]!.at : text.length;
    let body = text.slice(start.body, end).replace(/^>(>*From )/gm, '$1');
    if (i + 1 < starts.length) body = body.replace(/\r?\n$/, '');
    if (body.trim().length > 0) messages.push({ raw: Buffer.from(body, 'latin1'), sender: start.sender });
  });
  return messages;
}
