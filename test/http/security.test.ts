import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Mailnest } from '../../src/index.ts';
import { createHostCheck } from '../../src/http/middleware/host-check.ts';
import { startNest as startTestServer } from '../helpers/test-server.ts';
import { tmpDir } from '../helpers/tmp-dir.ts';
import { plainMail, send } from './fixtures.ts';
import { request } from './http-request.ts';
import { EventClient, upgradeStatus } from './ws-client.ts';

const wsUrl = (nest: Mailnest) => `${nest.url.replace(/^http/, 'ws')}api/events`;
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('Host check (DNS rebinding)', () => {
  let nest: Mailnest;
  before(async () => {
    nest = await startTestServer({ cors: 'http://app.test:3000' });
  });

  it('refuses a foreign Host with 403 text, on the API and the inbox alike', async () => {
    for (const path of ['api/v1/messages', '', 'view/latest.txt']) {
      const res = await request(`${nest.url}${path}`, { headers: { Host: `evil.example:${nest.httpPort}` } });
      assert.equal(res.status, 403, path);
      assert.match(String(res.headers['content-type']), /^text\/plain/);
      assert.match(res.text, /DNS rebinding/);
    }
  });

  it('accepts localhost, *.localhost, IP literals and hosts of --cors origins', async () => {
    for (const host of [`localhost:${nest.httpPort}`, 'LOCALHOST', `127.0.0.1:${nest.httpPort}`, `[::1]:${nest.httpPort}`, '10.1.2.3', 'mail.localhost', 'app.test']) {
      const res = await request(`${nest.url}api/v1/messages`, { headers: { Host: host } });
      assert.equal(res.status, 200, host);
    }
  });

  it('refuses the event stream for a foreign Host', async () => {
    assert.equal(await upgradeStatus(wsUrl(nest), { Host: 'evil.example' }), 403);
  });

  it('allows names public DNS never serves (docker services, .internal, .local) only when bound to all interfaces', () => {
    const fake = (host: string) => ({ headers: { host } }) as IncomingMessage;
    const any = createHostCheck({ bindHost: '0.0.0.0', cors: [] });
    assert.equal(any(fake('mailnest:8025')), null);
    assert.equal(any(fake('host.docker.internal:8025')), null);
    assert.equal(any(fake('mybox.local')), null);
    assert.equal(any(fake('evil.example:8025'))?.status, 403);
    const loopback = createHostCheck({ bindHost: '127.0.0.1', cors: [] });
    assert.equal(loopback(fake('mailnest:8025'))?.status, 403);
    const lan = createHostCheck({ bindHost: '192.168.1.5', cors: [] });
    assert.equal(lan(fake('anything.example')), null, 'a specific LAN address is not guarded');
    const open = createHostCheck({ bindHost: '127.0.0.1', cors: ['*'] });
    assert.equal(open(fake('anything.example')), null);
  });
});

describe('Origin check (CSRF, cross-site WebSocket hijacking)', () => {
  let nest: Mailnest;
  let id: string;
  before(async () => {
    nest = await startTestServer();
    id = await send(nest, plainMail);
  });

  it('refuses a foreign Origin on the API and the views with 403, and changes nothing', async () => {
    const read = await request(`${nest.url}api/v1/messages`, { headers: { Origin: 'http://evil.example' } });
    assert.equal(read.status, 403);
    assert.match(read.text, /cross-origin/);
    assert.equal(read.headers['access-control-allow-origin'], undefined);
    const del = await request(`${nest.url}api/v1/messages`, { method: 'DELETE', headers: { Origin: 'http://evil.example' } });
    assert.equal(del.status, 403);
    assert.equal(nest.store.stats().total, 1);
    const view = await request(`${nest.url}view/${id}.txt`, { headers: { Origin: 'http://evil.example' } });
    assert.equal(view.status, 403);
    const nullOrigin = await request(`${nest.url}api/v1/messages`, { headers: { Origin: 'null' } });
    assert.equal(nullOrigin.status, 403);
  });

  it('lets a sandboxed view (Origin: null) load message parts with GET, without CORS headers', async () => {
    const res = await request(`${nest.url}api/v1/message/${id}/part/1`, { headers: { Origin: 'null' } });
    assert.equal(res.status, 404, 'reaches the route (this message has no part 1)');
    assert.equal(res.headers['access-control-allow-origin'], undefined);
    const del = await request(`${nest.url}api/v1/message/${id}/part/1`, { method: 'DELETE', headers: { Origin: 'null' } });
    assert.equal(del.status, 403);
    const foreign = await request(`${nest.url}api/v1/message/${id}/part/1`, { headers: { Origin: 'http://evil.example' } });
    assert.equal(foreign.status, 403);
  });

  it('allows requests without an Origin and same-origin requests', async () => {
    assert.equal((await request(`${nest.url}api/v1/messages`)).status, 200);
    const same = await request(`${nest.url}api/v1/messages`, { headers: { Origin: `http://127.0.0.1:${nest.httpPort}` } });
    assert.equal(same.status, 200);
  });

  it('refuses a cross-origin WebSocket and accepts a same-origin one', async () => {
    assert.equal(await upgradeStatus(wsUrl(nest), { Origin: 'http://evil.example' }), 403);
    const client = await EventClient.open(wsUrl(nest), { Origin: `http://127.0.0.1:${nest.httpPort}` });
    const stats = await client.next((f) => f.Type === 'stats');
    assert.deepEqual((stats.Data as { Total: number }).Total, 1);
    client.close();
  });
});

describe('--cors', () => {
  it('lets a listed origin call the API and the event stream, with CORS headers', async () => {
    const nest = await startTestServer({ cors: 'http://app.test:3000' });
    const res = await request(`${nest.url}api/v1/messages`, { headers: { Origin: 'http://app.test:3000' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers['access-control-allow-origin'], 'http://app.test:3000');
    const preflight = await request(`${nest.url}api/v1/messages`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://app.test:3000', 'Access-Control-Request-Method': 'DELETE', 'Access-Control-Request-Headers': 'content-type' },
    });
    assert.equal(preflight.status, 200);
    assert.match(String(preflight.headers['access-control-allow-methods']), /DELETE/);
    assert.equal(preflight.headers['access-control-allow-headers'], 'content-type');
    assert.equal(await upgradeStatus(wsUrl(nest), { Origin: 'http://app.test:3000' }), 101);
    const other = await request(`${nest.url}api/v1/messages`, { headers: { Origin: 'http://other.test' } });
    assert.equal(other.status, 403);
  });

  it('allows any origin with *', async () => {
    const nest = await startTestServer({ cors: '*' });
    const res = await request(`${nest.url}api/v1/messages`, { headers: { Origin: 'http://anything.test' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.equal(await upgradeStatus(wsUrl(nest), { Origin: 'http://anything.test' }), 101);
  });
});

describe('--ui-auth-file (Basic auth)', () => {
  let nest: Mailnest;
  before(async () => {
    const dir = await tmpDir();
    const file = path.join(dir, 'users');
    await writeFile(file, '# users\nalice:s3cret\nbob:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n');
    nest = await startTestServer({ uiAuthFile: file });
  });

  it('answers 401 with a Basic challenge without credentials or with wrong ones', async () => {
    for (const headers of [{} as Record<string, string>, { Authorization: basic('alice', 'wrong') }, { Authorization: basic('mallory', 's3cret') }, { Authorization: 'Bearer x' }]) {
      const res = await request(`${nest.url}api/v1/messages`, { headers });
      assert.equal(res.status, 401);
      assert.match(String(res.headers['www-authenticate']), /^Basic realm="Login"/);
    }
    assert.equal((await request(nest.url)).status, 401, 'the inbox too');
    assert.equal((await request(`${nest.url}view/latest.txt`)).status, 401);
  });

  it('lets listed users in (plain and {SHA} passwords)', async () => {
    assert.equal((await request(`${nest.url}api/v1/messages`, { headers: { Authorization: basic('alice', 's3cret') } })).status, 200);
    assert.equal((await request(`${nest.url}api/v1/messages`, { headers: { Authorization: basic('bob', 'password') } })).status, 200);
  });

  it('keeps /livez and /readyz open', async () => {
    assert.equal((await request(`${nest.url}livez`)).status, 200);
    assert.equal((await request(`${nest.url}readyz`)).status, 200);
  });

  it('protects the event stream', async () => {
    assert.equal(await upgradeStatus(wsUrl(nest)), 401);
    assert.equal(await upgradeStatus(wsUrl(nest), { Authorization: basic('alice', 'wrong') }), 401);
    assert.equal(await upgradeStatus(wsUrl(nest), { Authorization: basic('alice', 's3cret') }), 101);
  });

  it('refuses to start with an unreadable auth file, naming the flag', async () => {
    await assert.rejects(startTestServer({ uiAuthFile: '/nonexistent/users' }), /--ui-auth-file/);
  });
});

describe('paths, IDs and headers', () => {
  let nest: Mailnest;
  before(async () => {
    nest = await startTestServer();
  });

  it('answers path traversal attempts with 404', async () => {
    for (const path of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fpackage.json', '/..%5c..%5cpackage.json', '/%2e%2e%2fpackage.json', '/api/v1/message/..%2f..%2fpackage.json/raw']) {
      const res = await request(nest.url, { rawPath: path });
      assert.equal(res.status, 404, path);
      assert.doesNotMatch(res.text, /"name": "mailnest"/);
    }
  });

  it('answers malformed percent-escapes and oversized bodies with a 4xx, not a 500', async () => {
    for (const path of ['/api/v1/message/%E0%A4%A/raw', '/api/v1/tags/%ZZ', '/view/%E0%A4%A.html', '/%E0%A4%A']) {
      const res = await request(nest.url, { rawPath: path });
      assert.ok(res.status >= 400 && res.status < 500, `${path}: ${res.status}`);
    }
    const big = await request(`${nest.url}api/v1/messages`, { method: 'PUT', body: Buffer.alloc(11 * 1024 * 1024, 0x20) });
    assert.equal(big.status, 413);
  });

  it('sends security headers and no X-Powered-By', async () => {
    const res = await request(`${nest.url}api/v1/messages`);
    assert.equal(res.headers['x-powered-by'], undefined);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['referrer-policy'], 'no-referrer');
    assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'self'/);
  });

  it('never redirects a protocol-relative path off-site', async () => {
    const res = await request(nest.url, { rawPath: '//evil.example/x' });
    assert.equal(res.status, 301);
    assert.equal(res.headers.location, '/evil.example/x');
  });
});
