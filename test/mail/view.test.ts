import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMessage } from '../../src/mail/parse.ts';
import { renderHtmlView } from '../../src/mail/view.ts';
import type { MessagePart, ParsedMessage } from '../../src/mail/types.ts';
import { crlf, MIXED } from './fixtures.ts';

const partUrl = (partId: string): string => `/api/v1/message/ID/part/${partId}`;

function part(partId: string, contentId: string): MessagePart {
  return { partId, fileName: contentId, contentType: 'image/png', contentId, size: 0, checksums: { MD5: '', SHA1: '', SHA256: '' }, content: Buffer.alloc(0) };
}

function parsed(html: string, inline: MessagePart[] = [], attachments: MessagePart[] = []): ParsedMessage {
  return { headers: {}, text: '', html, attachments, inline, date: null, listUnsubscribe: { Header: '', Links: [], Errors: '', HeaderPost: '' } };
}

describe('renderHtmlView', () => {
  it('points cid: images at the matching part URL', async () => {
    const html = renderHtmlView(await parseMessage(MIXED), { partUrl });
    assert.match(html ?? '', /<img src="\/api\/v1\/message\/ID\/part\/1\.2">/);
  });

  it('rewrites background attributes, CSS url() and unquoted values, case-insensitively, and leaves unknown cids alone', () => {
    const html = renderHtmlView(
      parsed(
        '<td background=cid:BG><div style="background:url(\'cid:bg\')"><img src="cid:a%40b"><img src="cid:unknown">',
        [part('1.2', 'bg')],
        [part('3', 'a@b')],
      ),
      { partUrl },
    );
    assert.equal(
      html,
      '<td background=/api/v1/message/ID/part/1.2><div style="background:url(\'/api/v1/message/ID/part/1.2\')"><img src="/api/v1/message/ID/part/3"><img src="cid:unknown">',
    );
  });

  it('opens links in a new tab without referrer or opener when embedded, and drops <base>', () => {
    const html = renderHtmlView(parsed('<base href="http://evil/"><a href="https://x">x</a><A\nhref="y">y</A><abbr>z</abbr>'), { partUrl, embed: true });
    assert.equal(html, '<a target="_blank" rel="noreferrer noopener" href="https://x">x</a><a target="_blank" rel="noreferrer noopener"\nhref="y">y</A><abbr>z</abbr>');
    assert.equal(renderHtmlView(parsed('<a href="x">x</a>'), { partUrl }), '<a href="x">x</a>');
  });

  it('is null when there is no HTML part', async () => {
    assert.equal(renderHtmlView(await parseMessage(crlf('Subject: t', '', 'text only')), { partUrl }), null);
  });
});
