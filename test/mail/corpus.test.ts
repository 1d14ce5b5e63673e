import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { digestMessage, SEARCH_BODY_LIMIT } from '../../src/mail/digest.ts';
import { parseHeaders } from '../../src/mail/headers.ts';
import { parseMessage } from '../../src/mail/parse.ts';
import { envelope } from './fixtures.ts';

// Real-world mail from other parsers' test suites (see its README); MANIFEST.tsv lists the messages,
// which leaves out the licences and the two non-message files.
const corpus = new URL('../../../shared/corpus/', import.meta.url);
const paths = readFileSync(new URL('MANIFEST.tsv', corpus), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t')[0]);

const PART_ID = /^(0|[1-9]\d*(\.[1-9]\d*)*)$/;
const HEX = { MD5: 32, SHA1: 40, SHA256: 64 } as const;

describe('the real-world corpus', () => {
  it('lists every message of the corpus', () => {
    assert.equal(paths.length, 744);
  });

  it('digests every message without throwing, with sane bounded output', () => {
    const env = envelope({ rcptTo: ['rcpt@example.com'] });
    for (const path of paths) {
      const raw = readFileSync(new URL(path, corpus));
      const d = digestMessage(raw, env);
      assert.equal(typeof d.subject, 'string', path);
      assert.equal(typeof d.from.Address, 'string', path);
      assert.ok(Buffer.byteLength(d.snippet) <= 203, path);
      assert.ok(d.searchText.length <= SEARCH_BODY_LIMIT + 5000, `${path}: search text ${d.searchText.length}`);
      assert.equal(d.searchText, d.searchText.toLowerCase(), path);
      assert.ok(Number.isInteger(d.attachments) && d.attachments >= 0, path);
      assert.ok(Number.isInteger(d.inline) && d.inline >= 0, path);
      assert.ok(d.date === null || Number.isFinite(d.date), path);
      assert.ok(d.bcc.some((a) => a.Address === 'rcpt@example.com') || d.to.some((a) => a.Address === 'rcpt@example.com') || d.cc.some((a) => a.Address === 'rcpt@example.com'), path);
      assert.deepEqual(JSON.parse(JSON.stringify(d)), d, path);
    }
  });

  it('parses every message in full without rejecting, with unique enmime part IDs and checksums', async () => {
    for (const path of paths) {
      const raw = readFileSync(new URL(path, corpus));
      const p = await parseMessage(raw);
      assert.equal(typeof p.text, 'string', path);
      assert.equal(typeof p.html, 'string', path);
      const parts = [...p.attachments, ...p.inline];
      const ids = parts.map((part) => part.partId);
      assert.equal(new Set(ids).size, ids.length, `${path}: duplicate part IDs ${ids}`);
      for (const part of parts) {
        assert.match(part.partId, PART_ID, path);
        assert.ok(part.fileName !== '', path);
        assert.equal(part.size, part.content.length, path);
        for (const [name, length] of Object.entries(HEX)) assert.equal(part.checksums[name as keyof typeof HEX].length, length, path);
      }
      assert.deepEqual(p.headers, parseHeaders(raw), path);
    }
  });
});
