import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openapiDocument } from '../../src/http/openapi.ts';
import { startFixture } from './mailnest-fixture.ts';
import type { Fixture } from './mailnest-fixture.ts';

/** Every `$ref` in a JSON value. */
function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, out));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe('the OpenAPI document', () => {
  let f: Fixture;

  before(async () => {
    f = await startFixture();
  });

  after(() => f.close());

  it('is served at /api/v1/openapi.json', async () => {
    const response = await fetch(`${f.nest.url}api/v1/openapi.json`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), JSON.parse(JSON.stringify(openapiDocument)));
  });

  it('resolves every $ref to a schema it defines', () => {
    const schemas = openapiDocument.components.schemas as Record<string, unknown>;
    for (const ref of refs(openapiDocument)) {
      const name = ref.replace('#/components/schemas/', '');
      assert.ok(ref.startsWith('#/components/schemas/') && name in schemas, `unresolved ${ref}`);
    }
  });

  it('describes only routes the server answers, and /api/v1/wait among them', async () => {
    assert.ok('/api/v1/wait' in openapiDocument.paths);
    const id = /queued as (\S+)/.exec(await f.send({ to: 'doc@example.com', text: 'x', html: '<p>x</p>', attachments: [{ filename: 'a.txt', content: 'a' }] }))![1]!;
    for (const [template, operations] of Object.entries(openapiDocument.paths)) {
      if (!('get' in operations) || template === '/api/events') continue;
      const path = template.replace('{ID}', id).replace('{PartID}', '2').replace('{Tag}', 'x');
      const query = template === '/api/v1/search' ? '?query=doc' : template === '/api/v1/wait' ? '?timeout=1' : '';
      const response = await fetch(`${f.nest.url}${path.slice(1)}${query}`);
      const body = await response.text();
      assert.ok(response.status === 200 || (template === '/api/v1/wait' && response.status === 408 && body.startsWith('{"Error"')), `GET ${template}: ${response.status} ${body.slice(0, 80)}`);
    }
  });
});
