// Module resolution hook for running examples/ in CI without Vitest, Jest or Playwright installed.
const here = new URL('./', import.meta.url);
const root = new URL('../../../', import.meta.url);

const MAP = {
  mailnest: new URL('src/index.ts', root).href,
  'mailnest/client': new URL('src/client/index.ts', root).href,
  vitest: new URL('test-api.ts', here).href,
  '@jest/globals': new URL('test-api.ts', here).href,
  '@playwright/test': new URL('playwright.ts', here).href,
};

export async function resolve(specifier, context, nextResolve) {
  const mapped = MAP[specifier];
  return nextResolve(mapped ?? specifier, context);
}
