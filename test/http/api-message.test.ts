import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, describe, it } from 'node:test';
import type { Mailnest } from '../../src/index.ts';
import { startNest as startTestServer } from '../helpers/test-server.ts';
import { PNG, plainMail, richMail, send, startWithFixtures } from './fixtures.ts';
import { keysOf, request } from './http-request.ts';

const MESSAGE_KEYS = ['ID', 'MessageID', 'From', 'To', 'Cc', 'Bcc', 'ReplyTo', 'ReturnPath', 'Subject', 'ListUnsubscribe', 'Date', 'Tags', 'Username', 'Text', 'HTML', 'Size', 'Inline', 'Attachments'];
const ATTACHMENT_KEYS = ['PartID', 'FileName', 'ContentType', 'ContentID', 'Size', 'Checksums'];

interface Part { PartID: string; FileName: string; ContentType: string; ContentID: string; Size: number; Checksums: { MD5: string; SHA1: string; SHA256: string } }
interface Message { ID: string; Date: string; Text: string; HTML: string; Inline: Part[]; Attachments: Part[]; [key: string]: unknown }

describe('GET /api/v1/message/{ID} and its parts', () => {
  let nest: Mailnest;
  let plainId: string;
  let richId: string;
  let rich: Message;
  before(async () => {
    nest = await startTestServer();
    plainId = await send(nest, plainMail);
    richId = await send(nest, richMail);
    const res = await request(`${nest.url}api/v1/message/${richId}`);
    assert.equal(res.status, 200);
    rich = JSON.parse(res.text) as Message;
  });

  it('answers the Message shape in Mailpit\'s key order, arrays never null', async () => {
    const res = await request(`${nest.url}api/v1/message/${plainId}`);
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.ok(res.text.endsWith('}\n'));
    assert.deepEqual(keysOf(res.text), MESSAGE_KEYS);
    const m = JSON.parse(res.text) as Message;
    assert.equal(m.ID, plainId);
    assert.equal(m.MessageID, 'plain-1@example.test');
    assert.deepEqual(m.From, { Name: 'Alice', Address: 'alice@example.test' });
    assert.deepEqual(m.Cc, []);
    assert.deepEqual(m.Bcc, []);
    assert.deepEqual(m.ReplyTo, []);
    assert.equal(m.Subject, 'Hello Bob');
    assert.equal(m.Date, '2025-03-08T10:58:34Z', 'the Date header, in its own offset');
    assert.equal(m.Text.trim(), 'Plain text body for Bob.');
    assert.equal(m.HTML, '');
    assert.deepEqual(m.ListUnsubscribe, { Header: '', Links: [], Errors: '', HeaderPost: '' });
    assert.deepEqual(m.Inline, []);
    assert.deepEqual(m.Attachments, []);
  });

  it('marks the message read, as Mailpit does', async () => {
    assert.equal(nest.store.get(plainId)!.read, true);
    assert.equal(nest.store.get(richId)!.read, true);
  });

  it('lists attachments and inline parts with checksums', () => {
    assert.equal(rich.Attachments.length, 1);
    assert.equal(rich.Inline.length, 1);
    const pdf = rich.Attachments[0]!;
    assert.deepEqual(Object.keys(pdf), ATTACHMENT_KEYS);
    assert.equal(pdf.FileName, 'invoice 42.pdf');
    assert.equal(pdf.ContentType, 'application/pdf');
    assert.equal(pdf.Checksums.SHA256, createHash('sha256').update('%PDF-1.4 fake pdf').digest('hex'));
    const logo = rich.Inline[0]!;
    assert.equal(logo.ContentID, 'logo@example.test');
    assert.deepEqual(rich.Cc, [{ Name: '', Address: 'frank@example.test' }]);
    assert.deepEqual(rich.Tags, ['billing', 'urgent']);
    assert.match(rich.HTML, /<b>invoice<\/b>/);
  });

  it('serves a part with its type, a safe Content-Disposition and a sandboxing CSP', async () => {
    const pdf = rich.Attachments[0]!;
    const res = await request(`${nest.url}api/v1/message/${richId}/part/${pdf.PartID}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.headers['content-disposition'], 'inline; filename="invoice 42.pdf"');
    assert.equal(res.text, '%PDF-1.4 fake pdf');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.match(String(res.headers['content-security-policy']), /sandbox/);
    assert.doesNotMatch(String(res.headers['content-security-policy']), /script-src/);
  });

  it('serves thumbnails: the image itself for images, a blank 180x120 JPEG otherwise', async () => {
    const image = await request(`${nest.url}api/v1/message/${richId}/part/${rich.Inline[0]!.PartID}/thumb`);
    assert.equal(image.status, 200);
    assert.equal(image.headers['content-type'], 'image/png');
    assert.deepEqual(image.body, PNG);
    const blank = await request(`${nest.url}api/v1/message/${richId}/part/${rich.Attachments[0]!.PartID}/thumb`);
    assert.equal(blank.status, 200);
    assert.equal(blank.headers['content-type'], 'image/jpeg');
    assert.deepEqual([...blank.body.subarray(0, 2)], [0xff, 0xd8]);
  });

  it('answers 404 for an unknown or malformed part ID', async () => {
    for (const part of ['9', '1.9.9', 'abc', '..%2F..%2Fetc', '1;rm']) {
      const res = await request(`${nest.url}api/v1/message/${richId}/part/${part}`);
      assert.equal(res.status, 404, part);
      assert.equal(res.text, '404 page not found');
    }
  });

  it('returns headers as a sorted map of value lists', async () => {
    const res = await request(`${nest.url}api/v1/message/${plainId}/headers`);
    assert.equal(res.status, 200);
    const headers = JSON.parse(res.text) as Record<string, string[]>;
    const keys = Object.keys(headers);
    assert.deepEqual(keys, [...keys].sort());
    assert.deepEqual(headers['Subject'], ['Hello Bob']);
    assert.deepEqual(headers['Message-Id'], ['<plain-1@example.test>'], 'canonical key, as Go prints it');
  });

  it('returns the raw source, and a download name with dl=1', async () => {
    const raw = await nest.store.raw(plainId);
    const res = await request(`${nest.url}api/v1/message/${plainId}/raw`);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8');
    assert.deepEqual(res.body, raw);
    assert.equal(res.headers['content-disposition'], undefined);
    const dl = await request(`${nest.url}api/v1/message/${plainId}/raw?dl=1`);
    assert.equal(dl.headers['content-disposition'], `attachment; filename="${plainId}.eml"`);
  });

  it('answers 404 "404 page not found" for unknown and malformed IDs', async () => {
    for (const id of ['AAAAAAAAAAAAAAAAAAAAAA', 'short', '..', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', 'a'.repeat(23)]) {
      for (const suffix of ['', '/headers', '/raw', '/part/1']) {
        const res = await request(nest.url, { rawPath: `/api/v1/message/${id}${suffix}` });
        assert.equal(res.status, 404, `${id}${suffix}`);
        assert.equal(res.text, '404 page not found');
      }
    }
  });
});

describe('latest as an ID', () => {
  let nest: Mailnest;
  before(async () => {
    nest = await startTestServer();
  });

  it('answers 404 "Message not found" on an empty mailbox', async () => {
    const res = await request(`${nest.url}api/v1/message/latest`);
    assert.equal(res.status, 404);
    assert.equal(res.text, 'Message not found');
  });

  it('means the newest message, or the newest match of ?query=', async () => {
    const plainId = await send(nest, plainMail);
    const richId = await send(nest, richMail);
    const newest = JSON.parse((await request(`${nest.url}api/v1/message/latest`)).text) as Message;
    assert.equal(newest.ID, richId);
    const matched = JSON.parse((await request(`${nest.url}api/v1/message/latest?query=${encodeURIComponent('subject:Hello')}`)).text) as Message;
    assert.equal(matched.ID, plainId);
    const raw = await request(`${nest.url}api/v1/message/latest/raw?query=to:bob`);
    assert.deepEqual(raw.body, await nest.store.raw(plainId));
    const none = await request(`${nest.url}api/v1/message/latest?query=subject:nothing-like-this`);
    assert.equal(none.status, 404);
  });
});

describe('GET /view/{ID}.html and .txt', () => {
  let nest: Mailnest;
  let plainId: string;
  let richId: string;
  before(async () => {
    ({ nest, plainId, richId } = await startWithFixtures());
  });

  it('renders the HTML part with cid: images pointing at the API, under a no-script CSP', async () => {
    const res = await request(`${nest.url}view/${richId}.html`);
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.match(res.text, /<b>invoice<\/b>/);
    assert.match(res.text, new RegExp(`src="/api/v1/message/${richId}/part/[\\d.]+"`));
    assert.doesNotMatch(res.text, /cid:logo/);
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /sandbox/);
    assert.doesNotMatch(csp, /script/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
  });

  it('adds target="_blank" to links with embed=1', async () => {
    const res = await request(`${nest.url}view/${richId}.html?embed=1`);
    assert.equal(res.status, 200);
    assert.match(res.text, /<a [^>]*target="_blank"/);
  });

  it('answers 404 for a message without HTML', async () => {
    const res = await request(`${nest.url}view/${plainId}.html`);
    assert.equal(res.status, 404);
    assert.equal(res.text, 'This message does not contain a HTML part');
  });

  it('serves the text part as text/plain', async () => {
    const res = await request(`${nest.url}view/${plainId}.txt`);
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain/);
    assert.equal(res.text.trim(), 'Plain text body for Bob.');
    const latest = await request(`${nest.url}view/latest.txt`);
    assert.equal(latest.text.trim(), 'Your invoice is attached.');
  });

  it('answers 404 "Message not found" for an unknown ID, as Mailpit\'s view handlers do', async () => {
    const res = await request(`${nest.url}view/AAAAAAAAAAAAAAAAAAAAAA.html`);
    assert.equal(res.status, 404);
    assert.equal(res.text, 'Message not found');
  });

  it('redirects cypress-mailpit\'s double-slash URLs to the clean path', async () => {
    const res = await request(`${nest.url}/view/${plainId}.txt?x=1`);
    assert.equal(res.status, 301);
    assert.equal(res.headers.location, `/view/${plainId}.txt?x=1`);
    const followed = await fetch(`${nest.url}/view/${plainId}.txt`);
    assert.equal(followed.status, 200);
    assert.equal((await followed.text()).trim(), 'Plain text body for Bob.');
  });
});
