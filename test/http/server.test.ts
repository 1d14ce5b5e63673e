import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import express from 'express';
import { resolveConfig } from '../../src/config.ts';
import { startHttpServer } from '../../src/http/server.ts';
import { staticInbox } from '../../src/http/middleware/static-inbox.ts';
import { silentLogger } from '../../src/log.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/types.ts';
import { tmpDir } from '../helpers/tmp-dir.ts';
import { plainMail, send } from './fixtures.ts';
import { request } from './http-request.ts';
import { startNest } from '../helpers/test-server.ts';

const envelope = { mailFrom: 'a@example.test', rcptTo: ['b@example.test'], username: '', remoteAddress: '', tls: false };
const rawMail = (n: number) => Buffer.from(`From: a@example.test\r\nTo: b@example.test\r\nSubject: n${n}\r\n\r\nbody\r\n`);

describe('startHttpServer', () => {
  it('names --listen when the port is taken', async () => {
    const nest = await startNest();
    const store = await openStore({ dataDir: null });
    after(() => store.close());
    const config = resolveConfig({ db: 'memory', listen: `127.0.0.1:${nest.httpPort}` });
    await assert.rejects(startHttpServer({ config, store, log: silentLogger }), /already in use.*--listen/);
  });

  it('closes promptly with an idle keep-alive socket open, and close() can be called twice', async () => {
    const store = await openStore({ dataDir: null });
    after(() => store.close());
    const server = await startHttpServer({ config: resolveConfig({ db: 'memory', httpPort: 0 }), store, log: silentLogger });
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: server.port, path: '/livez', agent }, (res) => { res.resume(); res.on('end', resolve); }).on('error', reject);
    });
    await Promise.all([server.close(), server.close()]);
    await server.close();
    await assert.rejects(request(`http://127.0.0.1:${server.port}/livez`), /ECONNREFUSED/);
    agent.destroy();
  });

  it('serves everything under --webroot, and redirects the bare webroot', async () => {
    const nest = await startNest({ webroot: '/mail/' });
    const id = await send(nest, plainMail);
    const base = `http://127.0.0.1:${nest.httpPort}`;
    assert.equal((await request(`${base}/mail/api/v1/messages`)).status, 200);
    assert.equal((await request(`${base}/mail/view/${id}.txt`)).status, 200);
    assert.equal((await request(`${base}/api/v1/messages`)).status, 404);
    assert.equal((await request(`${base}/mail/`)).status, 200, 'the webroot itself is not redirected');
    const bare = await request(`${base}/mail`);
    assert.equal(bare.status, 302);
    assert.equal(bare.headers.location, '/mail/');
  });

  it('mounts /api/v1/wait and /api/v1/openapi.json', async () => {
    const nest = await startNest();
    await send(nest, plainMail);
    const wait = await request(`${nest.url}api/v1/wait?query=subject:Hello&timeout=2000`);
    assert.equal(wait.status, 200);
    assert.equal((JSON.parse(wait.text) as { messages_count: number }).messages_count, 1);
    const openapi = await request(`${nest.url}api/v1/openapi.json`);
    assert.equal(openapi.status, 200);
    assert.match(String(openapi.headers['content-type']), /^application\/json/);
    assert.ok((JSON.parse(openapi.text) as { openapi: string }).openapi.startsWith('3.'));
  });

  it('reads only the first page of the index for /messages, however many are stored', async () => {
    const real = await openStore({ dataDir: null });
    after(() => real.close());
    for (let i = 0; i < 300; i++) await real.add(rawMail(i), envelope);
    let pulled = 0;
    // Counts the index entries /messages walks; every other member is the real store's.
    const counting = new Proxy(real, {
      get(target, prop) {
        if (prop === 'messages') {
          return function* messages() {
            for (const m of target.messages()) { pulled += 1; yield m; }
          };
        }
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    }) as Store;
    const server = await startHttpServer({ config: resolveConfig({ db: 'memory', httpPort: 0 }), store: counting, log: silentLogger });
    after(() => server.close());
    const res = await request(`http://127.0.0.1:${server.port}/api/v1/messages?limit=10`);
    const body = JSON.parse(res.text) as { total: number; count: number };
    assert.equal(body.total, 300);
    assert.equal(body.count, 10);
    assert.ok(pulled <= 10, `walked ${pulled} entries for a page of 10`);
    pulled = 0;
    await request(`http://127.0.0.1:${server.port}/api/v1/messages?start=20&limit=5`);
    assert.ok(pulled <= 25, `walked ${pulled} entries for start=20 limit=5`);
  });
});

describe('static web inbox', () => {
  async function serve(webDir: string): Promise<string> {
    const app = express();
    app.use('/', staticInbox(webDir));
    app.use((_req, res) => { res.status(404).send('404 page not found'); });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    after(() => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('serves index.html with no-cache, hashed assets for a year, and falls back to index.html for app routes only', async () => {
    const dir = await tmpDir();
    await mkdir(path.join(dir, 'assets'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>inbox</title>');
    await writeFile(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    await writeFile(path.join(dir, 'favicon.svg'), '<svg/>');
    const base = await serve(dir);

    const index = await request(`${base}/`);
    assert.equal(index.status, 200);
    assert.match(index.text, /<title>inbox<\/title>/);
    assert.equal(index.headers['cache-control'], 'no-cache');
    const asset = await request(`${base}/assets/index-abc123.js`);
    assert.equal(asset.status, 200);
    assert.match(String(asset.headers['cache-control']), /max-age=31536000.*immutable/);
    assert.equal((await request(`${base}/favicon.svg`)).headers['cache-control'], 'no-cache');
    const route = await request(`${base}/search`);
    assert.equal(route.status, 200);
    assert.match(route.text, /<title>inbox<\/title>/);
    for (const miss of ['/api/v1/nothing', '/view/x', '/assets/missing.js']) {
      assert.equal((await request(`${base}${miss}`)).status, 404, miss);
    }
  });

  it('explains how to build the inbox when dist/web is missing', async () => {
    const base = await serve(path.join(await tmpDir(), 'no-such-build'));
    const res = await request(`${base}/`);
    assert.equal(res.status, 200);
    assert.match(res.text, /not built.*npm run build/s);
  });
});
