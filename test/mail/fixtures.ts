import type { Envelope } from '../../src/store/types.ts';

/** Joins header and body lines with CRLF, as SMTP delivers them. */
export function crlf(...lines: string[]): Buffer {
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

export function envelope(overrides: Partial<Envelope> = {}): Envelope {
  return { mailFrom: 'sender@example.com', rcptTo: [], username: '', remoteAddress: '127.0.0.1', tls: false, ...overrides };
}

/** A multipart/mixed message with an HTML body, an inline image with a Content-ID and a PDF. */
export const MIXED = crlf(
  'From: "Alice Example" <alice@example.com>',
  'To: Bob <bob@example.com>',
  'Subject: Report',
  'Message-ID: <report-1@example.com>',
  'Date: Tue, 01 Jul 2003 10:52:37 +0200',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="outer"',
  '',
  'preamble is ignored',
  '--outer',
  'Content-Type: multipart/related; boundary="inner"',
  '',
  '--inner',
  'Content-Type: multipart/alternative; boundary="alt"',
  '',
  '--alt',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Plain body',
  '--alt',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<html><body><p>HTML <b>body</b></p><img src="cid:logo@example.com"></body></html>',
  '--alt--',
  '--inner',
  'Content-Type: image/png',
  'Content-ID: <logo@example.com>',
  'Content-Disposition: inline',
  'Content-Transfer-Encoding: base64',
  '',
  'iVBORw0KGgo=',
  '--inner--',
  '--outer',
  'Content-Type: application/pdf; name="report.pdf"',
  'Content-Disposition: attachment; filename="report.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  'JVBERi0xLjQK',
  '--outer--',
  '',
);
