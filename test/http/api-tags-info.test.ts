import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Mailnest } from '../../src/index.ts';
import { startNest as startTestServer } from '../helpers/test-server.ts';
import { plainMail, richMail, send, startWithFixtures } from './fixtures.ts';
import { keysOf, request } from './http-request.ts';

describe('tags', () => {
  let nest: Mailnest;
  let plainId: string;
  let richId: string;
  before(async () => {
    ({ nest, plainId, richId } = await startWithFixtures());
  });

  const put = (path: string, body: unknown) => request(`${nest.url}${path}`, { method: 'PUT', body: JSON.stringify(body) });

  it('GET /api/v1/tags lists every tag, sorted', async () => {
    const res = await request(`${nest.url}api/v1/tags`);
    assert.equal(res.status, 200);
    assert.equal(res.text, '["billing","urgent"]\n');
  });

  it('PUT /api/v1/tags replaces the tags of the listed messages, stripping invalid characters', async () => {
    const res = await put('api/v1/tags', { IDs: [plainId], Tags: ['Alpha', 'be<t>a!', ''] });
    assert.equal(res.status, 200);
    assert.equal(res.text, 'ok');
    assert.deepEqual(nest.store.get(plainId)!.tags, ['Alpha', 'beta']);
    assert.equal((await put('api/v1/tags', { IDs: [plainId], Tags: [] })).text, 'ok');
    assert.deepEqual(nest.store.get(plainId)!.tags, []);
  });

  it('PUT /api/v1/tags/{Tag} renames a tag (url-encoded)', async () => {
    await put('api/v1/tags', { IDs: [plainId], Tags: ['Old Name'] });
    const res = await put(`api/v1/tags/${encodeURIComponent('Old Name')}`, { Name: 'New Name' });
    assert.equal(res.status, 200);
    assert.equal(res.text, 'ok');
    assert.deepEqual(nest.store.get(plainId)!.tags, ['New Name']);
    const bad = await put('api/v1/tags/New%20Name', { Name: '!!!' });
    assert.equal(bad.status, 400);
    const broken = await request(`${nest.url}api/v1/tags/New%20Name`, { method: 'PUT', body: '{' });
    assert.equal(broken.status, 400);
  });

  it('DELETE /api/v1/tags/{Tag} removes it from every message, keeping the messages', async () => {
    const res = await request(`${nest.url}api/v1/tags/urgent`, { method: 'DELETE' });
    assert.equal(res.text, 'ok');
    assert.deepEqual(nest.store.get(richId)!.tags, ['billing']);
    assert.equal(nest.store.stats().total, 2);
  });
});

describe('GET /api/v1/info and /api/v1/webui', () => {
  let nest: Mailnest;
  before(async () => {
    nest = await startTestServer();
    await send(nest, plainMail);
    await send(nest, richMail);
  });

  it('info reports counts, tags and runtime stats in Mailpit\'s shape', async () => {
    const res = await request(`${nest.url}api/v1/info`);
    assert.equal(res.status, 200);
    assert.deepEqual(keysOf(res.text), ['Version', 'LatestVersion', 'Database', 'DatabaseSize', 'Messages', 'Unread', 'Tags', 'RuntimeStats']);
    const info = JSON.parse(res.text) as { Messages: number; Unread: number; Tags: Record<string, number>; RuntimeStats: Record<string, number>; Database: string };
    assert.equal(info.Messages, 2);
    assert.equal(info.Unread, 2);
    assert.deepEqual(info.Tags, { billing: 1, urgent: 1 });
    assert.equal(info.Database, 'memory');
    assert.deepEqual(Object.keys(info.RuntimeStats), ['Uptime', 'Memory', 'MessagesDeleted', 'SMTPAccepted', 'SMTPAcceptedSize', 'SMTPRejected', 'SMTPIgnored']);
    assert.equal(info.RuntimeStats['SMTPAccepted'], 2);
    assert.ok(info.RuntimeStats['SMTPAcceptedSize']! > 0);
  });

  it('webui reports every optional feature as off', async () => {
    const res = await request(`${nest.url}api/v1/webui`);
    assert.equal(res.status, 200);
    assert.equal(res.text, '{"Label":"","MessageRelay":{"Enabled":false,"SMTPServer":"","ReturnPath":"","AllowedRecipients":"","BlockedRecipients":"","OverrideFrom":"","PreserveMessageIDs":false,"RecipientAllowlist":""},"SpamAssassin":false,"ChaosEnabled":false,"DuplicatesIgnored":false,"HideDeleteAllButton":false}\n');
  });
});

describe('probes, OPTIONS, unknown and unimplemented routes', () => {
  let nest: Mailnest;
  let id: string;
  before(async () => {
    nest = await startTestServer();
    id = await send(nest, plainMail);
  });

  it('answers /livez and /readyz with 200', async () => {
    assert.equal((await request(`${nest.url}livez`)).status, 200);
    assert.equal((await request(`${nest.url}readyz`)).status, 200);
  });

  it('answers OPTIONS under /api/v1/ with an empty 200', async () => {
    const res = await request(`${nest.url}api/v1/messages`, { method: 'OPTIONS' });
    assert.equal(res.status, 200);
    assert.equal(res.text, '');
  });

  it('answers unknown API routes with 404 "404 page not found", never the inbox page', async () => {
    for (const path of ['api/v1/nope', 'api/v2/messages', 'api/v1/message/' + id + '/nope']) {
      const res = await request(`${nest.url}${path}`);
      assert.equal(res.status, 404, path);
      assert.equal(res.text, '404 page not found\n', 'Go\'s http.NotFound body');
    }
  });

  it('answers routes Mailnest does not implement with a clear 4xx, never a 500', async () => {
    const cases: Array<[string, string, number, RegExp]> = [
      ['POST', 'api/v1/send', 400, /"Error":"The send API is not supported/],
      ['POST', `api/v1/message/${id}/release`, 400, /not supported/],
      ['GET', `api/v1/message/${id}/html-check`, 400, /HTML check is not supported/],
      ['GET', `api/v1/message/${id}/link-check`, 400, /Link check is not supported/],
      ['GET', `api/v1/message/${id}/sa-check`, 404, /404 page not found/],
      ['GET', 'api/v1/chaos', 400, /^Chaos is not enabled$/],
      ['PUT', 'api/v1/chaos', 400, /^Chaos is not enabled$/],
    ];
    for (const [method, path, status, body] of cases) {
      const res = await request(`${nest.url}${path}`, { method, body: '{}' });
      assert.equal(res.status, status, `${method} ${path}`);
      assert.match(res.text, body);
    }
  });

  it('answers a plain GET of the event stream URL with 400', async () => {
    const res = await request(`${nest.url}api/events`);
    assert.equal(res.status, 400);
  });
});
