/**
 * Every real-world message of ../shared/corpus through the read routes: whatever the MIME, the
 * API answers 200 (or the 404 Mailpit gives for a missing HTML part), never a 500.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Mailnest } from '../../src/index.ts';
import { startNest } from '../helpers/test-server.ts';

const CORPUS = path.resolve(import.meta.dirname, '../../../shared/corpus');
const envelope = { mailFrom: 'sender@example.test', rcptTo: ['rcpt@example.test'], username: '', remoteAddress: '', tls: false };

async function corpusFiles(): Promise<string[]> {
  const entries = await readdir(CORPUS, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && !/\.(md|tsv)$/i.test(e.name) && !path.relative(CORPUS, e.parentPath).startsWith('LICENSES'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Runs `task` over `items`, `width` at a time. */
async function eachLimited<T>(items: readonly T[], width: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await task(items[next++]!);
  }));
}

describe('the corpus through the API', () => {
  let nest: Mailnest;
  let ids: string[];
  before(async () => {
    nest = await startNest();
    ids = [];
    for (const file of await corpusFiles()) ids.push((await nest.store.add(await readFile(file), envelope)).id);
  });

  it('answers every message, its headers, parts and views without a server error', async () => {
    assert.ok(ids.length > 500, `corpus has ${ids.length} messages`);
    const failures: string[] = [];
    const check = async (route: string, allowed: number[] = [200]) => {
      const res = await fetch(nest.url + route);
      const body = await res.text();
      if (!allowed.includes(res.status)) failures.push(`${res.status} ${route}: ${body.slice(0, 80)}`);
      return body;
    };
    await eachLimited(ids, 4, async (id) => {
      const message = JSON.parse(await check(`api/v1/message/${id}`)) as { Attachments: Array<{ PartID: string }>; Inline: Array<{ PartID: string }> };
      await check(`api/v1/message/${id}/headers`);
      await check(`view/${id}.html`, [200, 404]);
      await check(`view/${id}.txt`);
      for (const part of [...message.Attachments, ...message.Inline]) await check(`api/v1/message/${id}/part/${part.PartID}`);
    });
    assert.deepEqual(failures, []);
  });

  it('lists and searches the whole corpus', async () => {
    const list = await fetch(`${nest.url}api/v1/messages?limit=0`);
    assert.equal(list.status, 200);
    assert.equal(((await list.json()) as { count: number }).count, ids.length);
    for (const query of ['the', 'has:attachment', 'is:unread', 'larger:10k', 'after:2000-01-01', '-subject:re']) {
      const res = await fetch(`${nest.url}api/v1/search?query=${encodeURIComponent(query)}`);
      assert.equal(res.status, 200, query);
    }
  });
});
