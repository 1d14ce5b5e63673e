/**
 * Shared set-up for the browser tests: Debian's Chromium driven by playwright-core (never a
 * downloaded browser), a real Mailnest on free ports, and the built inbox from dist/web.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const builtIndex = path.join(root, 'dist', 'web', 'index.html');
export const screenshotDir = path.join(root, 'test-output', 'screenshots');

/**
 * The reason to skip, or false. Without Chromium the tests skip with one line, except under
 * CI=true, where a missing browser must fail the run instead of passing it silently.
 */
export const browserSkip: string | false =
  existsSync(CHROMIUM_PATH) || process.env.CI === 'true'
    ? false
    : `Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium); browser tests skipped`;

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(builtIndex)) {
    throw new Error(`${builtIndex} is missing: build the inbox with \`npm run build:web\` (npm install/ci runs it through prepare)`);
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is required under CI=true but ${CHROMIUM_PATH} does not exist (apt-get install chromium)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface InboxPage {
  context: BrowserContext;
  page: Page;
  /** Every JavaScript dialog (alert/confirm/prompt) any page of this context opened. */
  dialogs: string[];
  /** Uncaught errors in the app's page. */
  errors: string[];
  /** Console messages of every page in the context (CSP reports show up here). */
  console: string[];
}

/**
 * Records when each list row first appears in the DOM (epoch ms), so a test can measure
 * SMTP 250 → row without the polling delay of a locator.
 */
const ROW_WATCH = `
  window.__rowSeen = {};
  new MutationObserver(() => {
    for (const row of document.querySelectorAll('.row[data-id]')) {
      const id = row.getAttribute('data-id');
      if (!(id in window.__rowSeen)) window.__rowSeen[id] = Date.now();
    }
  }).observe(document, { childList: true, subtree: true });
`;

/** Opens the inbox in a fresh context and waits until the live event stream is connected. */
export async function openInbox(browser: Browser, url: string, options: BrowserContextOptions = {}): Promise<InboxPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  // Fail in seconds, not Playwright's 30 s: every wait here is for something local.
  context.setDefaultTimeout(10_000);
  const inbox: InboxPage = { context, page: await context.newPage(), dialogs: [], errors: [], console: [] };
  const watch = (page: Page): void => {
    page.on('dialog', (dialog) => {
      inbox.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss().catch(() => {});
    });
    page.on('console', (message) => inbox.console.push(message.text()));
  };
  watch(inbox.page);
  context.on('page', watch);
  inbox.page.on('pageerror', (error) => inbox.errors.push(error.message));
  await context.addInitScript({ content: ROW_WATCH });
  // What the page's event stream did, for the error below: "Offline" alone does not say whether
  // the socket failed, closed, or opened while the view was not listening.
  const stream: string[] = [];
  const started = Date.now();
  inbox.page.on('websocket', (ws) => {
    const note = (what: string) => stream.push(`${Date.now() - started} ms: ${what}`);
    note(`open ${ws.url()}`);
    ws.once('framereceived', () => note('first frame'));
    ws.on('socketerror', (error) => note(`error ${error}`));
    ws.on('close', () => note('closed'));
  });
  await inbox.page.goto(url);
  try {
    await inbox.page.locator('.live.on').waitFor();
  } catch (error) {
    const live = await inbox.page.locator('.live').textContent().catch(() => null);
    throw new Error(
      `the inbox at ${url} never showed its event stream as live (indicator: ${JSON.stringify(live)}; ` +
        `stream: ${JSON.stringify(stream)}; page errors: ${JSON.stringify(inbox.errors)}; console: ${JSON.stringify(inbox.console.slice(-10))})`,
      { cause: error },
    );
  }
  return inbox;
}

/** When the row for `id` first appeared in the page (epoch ms). */
export async function rowSeenAt(page: Page, id: string): Promise<number> {
  return (await page.evaluate(`window.__rowSeen[${JSON.stringify(id)}]`)) as number;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

export function row(page: Page, id: string) {
  return page.locator(`.row[data-id="${id}"]`);
}
