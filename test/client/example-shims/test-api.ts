/**
 * A Vitest/Jest-shaped test API on node:test and node:assert, so examples/ run in our CI without
 * those frameworks (see README.md). Only what the examples use; not a general replacement.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe as nodeDescribe, it as nodeIt } from 'node:test';

type Fn = () => unknown;

export const describe = (name: string, fn: () => void) => nodeDescribe(name, fn);
export const it = (name: string, fn: Fn, timeout?: number) => nodeIt(name, { timeout }, async () => { await fn(); });
export const test = it;
export const beforeAll = (fn: Fn, timeout?: number) => before(async () => { await fn(); }, { timeout });
export const afterAll = (fn: Fn, timeout?: number) => after(async () => { await fn(); }, { timeout });
export { beforeEach, afterEach };

export interface Matchers {
  toBe(expected: unknown): void;
  toEqual(expected: unknown): void;
  toContain(expected: unknown): void;
  toMatch(expected: RegExp | string): void;
  toHaveLength(expected: number): void;
  toBeDefined(): void;
  toBeUndefined(): void;
  toBeTruthy(): void;
  toBeGreaterThan(expected: number): void;
  toHaveProperty(key: string, value?: unknown): void;
  toThrow(expected?: RegExp | string | (new (...args: never[]) => Error)): void;
}

function matchers(actual: unknown, negate: boolean): Matchers {
  const check = (pass: boolean, message: string) => assert.ok(negate ? !pass : pass, negate ? `not: ${message}` : message);
  const show = (v: unknown) => { try { return JSON.stringify(v); } catch { return String(v); } };
  const deepEqual = (a: unknown, b: unknown) => { try { assert.deepStrictEqual(a, b); return true; } catch { return false; } };
  return {
    toBe: (expected) => check(Object.is(actual, expected), `expected ${show(actual)} to be ${show(expected)}`),
    toEqual: (expected) => check(deepEqual(actual, expected), `expected ${show(actual)} to equal ${show(expected)}`),
    toContain: (expected) => check((actual as string | unknown[]).includes(expected as never), `expected ${show(actual)} to contain ${show(expected)}`),
    toMatch: (expected) => check(typeof actual === 'string' && (typeof expected === 'string' ? actual.includes(expected) : expected.test(actual)), `expected ${show(actual)} to match ${String(expected)}`),
    toHaveLength: (expected) => check((actual as { length: number }).length === expected, `expected length ${expected}, got ${(actual as { length: number }).length}`),
    toBeDefined: () => check(actual !== undefined, 'expected a value'),
    toBeUndefined: () => check(actual === undefined, `expected undefined, got ${show(actual)}`),
    toBeTruthy: () => check(Boolean(actual), `expected ${show(actual)} to be truthy`),
    toBeGreaterThan: (expected) => check((actual as number) > expected, `expected ${show(actual)} > ${expected}`),
    toHaveProperty: (key, ...value) => check(actual != null && key in (actual as object) && (value.length === 0 || deepEqual((actual as Record<string, unknown>)[key], value[0])), `expected property ${key}`),
    toThrow: (expected) => {
      let thrown: unknown;
      try { (actual as () => unknown)(); } catch (error) { thrown = error; }
      check(thrown !== undefined && errorMatches(thrown, expected), `expected a throw matching ${String(expected)}, got ${String(thrown)}`);
    },
  };
}

function errorMatches(error: unknown, expected: RegExp | string | (new (...args: never[]) => Error) | undefined): boolean {
  if (expected === undefined) return true;
  if (typeof expected === 'function') return error instanceof expected;
  const message = error instanceof Error ? error.message : String(error);
  return typeof expected === 'string' ? message.includes(expected) : expected.test(message);
}

type AsyncMatchers = { [K in keyof Matchers]: (...args: Parameters<Matchers[K]>) => Promise<void> };

function asyncMatchers(promise: Promise<unknown>, mode: 'resolves' | 'rejects'): AsyncMatchers {
  const settle = async (): Promise<unknown> => {
    try {
      const value = await promise;
      if (mode === 'rejects') assert.fail(`expected a rejection, got ${String(value)}`);
      return value;
    } catch (error) {
      if (mode === 'resolves') throw error;
      return error;
    }
  };
  return new Proxy({} as AsyncMatchers, {
    get: (_target, name: keyof Matchers) => async (...args: unknown[]) => {
      const value = await settle();
      if (mode === 'rejects' && name === 'toThrow') {
        assert.ok(errorMatches(value, args[0] as RegExp | string | undefined), `expected a rejection matching ${String(args[0])}, got ${String(value)}`);
        return;
      }
      (matchers(value, false)[name] as (...a: unknown[]) => void)(...args);
    },
  });
}

export function expect(actual: unknown): Matchers & { not: Matchers; resolves: AsyncMatchers; rejects: AsyncMatchers } {
  return Object.assign(matchers(actual, false), {
    not: matchers(actual, true),
    get resolves() { return asyncMatchers(actual as Promise<unknown>, 'resolves'); },
    get rejects() { return asyncMatchers(actual as Promise<unknown>, 'rejects'); },
  });
}

/** Jest's global namespace, for examples that call jest.setTimeout(). */
export const jest = { setTimeout: (_ms: number) => {} };
export const vi = jest;
