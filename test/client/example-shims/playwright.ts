/**
 * The slice of `@playwright/test` the Playwright example uses, on node:test (see README.md): no
 * browser is started, so the `page` fixture is absent and the example drives its app directly.
 */
import { after, before, describe, it } from 'node:test';
import { expect } from './test-api.ts';

type Fixtures = Record<string, never>;
type Body = (fixtures: Fixtures) => unknown;

function test(name: string, body: Body): void {
  it(name, async () => { await body({}); });
}
test.describe = (name: string, fn: () => void) => describe(name, fn);
test.beforeAll = (body: Body) => before(async () => { await body({}); });
test.afterAll = (body: Body) => after(async () => { await body({}); });
test.setTimeout = (_ms: number) => {};

export { test, expect };
