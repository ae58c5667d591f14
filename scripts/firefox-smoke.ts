/**
 * Firefox smoke (run last by `npm test`): the test build in headless firefox-esr, driven by
 * puppeteer-core over WebDriver BiDi (no geckodriver exists offline; recipe in
 * test/e2e/README.md#firefox):
 *   1. installs the add-on (UUID pinned with extensions.webextensions.uuids) and checks that it
 *      holds host access to the local test site (Firefox grants MV3 host permissions at install
 *      for this build; a user may revoke them, which the README explains);
 *   2. points the settings at the local test site;
 *   3. chats from the popup page: types into the "Message" box, clicks "Send", and waits for the
 *      answer in the page and in the store;
 *   4. opens the sidebar through the background's handler: Firefox has no
 *      commands.onCommand.dispatch, so a script in the page's tab sends `sidebar/open`, the very
 *      request the selection button sends, and the worker's sidebar code injects the host; the
 *      smoke then sees the host element in the page and the sidebar page taking its request.
 * Exits non-zero on any failure. Only when Firefox is missing and cannot be installed does it
 * print "FIREFOX SMOKE NOT RUN: <why>" and exit 0.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startSite, type TestSite } from '../test/site/server';

const ROOT = resolve(import.meta.dirname, '..');
const SHOTS = join(ROOT, 'test-results/screenshots');
const ADDON_ID = 'chatgptt@chatgptt.extension';
const UUID = 'd2a7c8e0-0000-4000-8000-00000000f1f0';
const BASE = `moz-extension://${UUID}`;
const DEADLINE_MS = 240_000;

function notRun(why: string): never {
  const line = '!'.repeat(78);
  console.log(`\n${line}\nFIREFOX SMOKE NOT RUN: ${why}\n${line}\n`);
  process.exit(0);
}

function findFirefox(): string {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`FIREFOX_PATH=${fromEnv} does not exist.`);
    return fromEnv;
  }
  const candidates = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];
  const found = candidates.find((path) => existsSync(path));
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/etc/debian_version'))
    notRun(
      'no firefox-esr or firefox found, and not root on Debian to install it (set FIREFOX_PATH)',
    );
  console.log('[firefox] firefox-esr not found: installing the Debian package with apt-get…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-qq', 'firefox-esr'], { stdio: 'inherit', env });
  const installed = candidates.find((path) => existsSync(path));
  if (!installed) notRun('firefox-esr could not be installed with apt-get');
  return installed;
}

function buildExtension(): string {
  if (process.env.CHATGPTT_FIREFOX_SMOKE_EXTENSION)
    return resolve(ROOT, process.env.CHATGPTT_FIREFOX_SMOKE_EXTENSION);
  const out = 'extension/h-firefox';
  console.log(`[firefox] building the test build into ${out}`);
  const result = spawnSync(
    'npx',
    ['tsx', 'scripts/build.ts', '--test', '--target=firefox', `--out=${out}`],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error('the Firefox build failed');
  return join(ROOT, out);
}

/** The extension APIs the smoke calls inside extension pages (Firefox's own `browser`). */
type Api = {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  permissions: { contains(p: { origins: string[] }): Promise<boolean> };
  storage: {
    local: { set(items: object): Promise<void> };
    session: { get(key: string): Promise<Record<string, unknown>> };
  };
  tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> };
  scripting: { executeScript(options: object): Promise<Array<{ result?: unknown }>> };
};

async function until<T>(what: string, probe: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const started = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out waiting for ${what}${last ? ` (${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Opens an extension page: the navigation happens but puppeteer's goto never resolves for it. */
async function openExtensionPage(browser: Browser, path: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${BASE}/${path}`, { timeout: 3000 }).catch(() => undefined);
  await page.waitForFunction(
    () => typeof (globalThis as { browser?: unknown }).browser === 'object',
    {
      timeout: 15_000,
    },
  );
  return page;
}

async function request<T>(page: Page, type: string, payload: object): Promise<T> {
  const reply = (await page.evaluate(
    (type, payload) =>
      (globalThis as unknown as { browser: Api }).browser.runtime.sendMessage({ type, payload }),
    type,
    payload,
  )) as { ok: boolean; value?: T; error?: { message: string } };
  if (!reply.ok) throw new Error(`${type}: ${reply.error?.message}`);
  return reply.value as T;
}

interface Results {
  passed: string[];
  failed: string[];
}

async function step(results: Results, name: string, run: () => Promise<void>): Promise<boolean> {
  const started = Date.now();
  try {
    await run();
    results.passed.push(name);
    console.log(`[firefox] PASS ${name} (${Date.now() - started} ms)`);
    return true;
  } catch (error) {
    results.failed.push(name);
    console.log(
      `[firefox] FAIL ${name}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return false;
  }
}

async function smoke(firefox: string, extensionDir: string, site: TestSite, results: Results) {
  const siteUrl = `${site.url}/`;
  mkdirSync(SHOTS, { recursive: true });
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefox,
    headless: true,
    args: ['-remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: UUID }) },
  });
  try {
    let settingsPage: Page | undefined;
    const installed = await step(
      results,
      'installs, reaches the worker, has host access',
      async () => {
        const id = await browser.installExtension(extensionDir);
        if (id !== ADDON_ID) throw new Error(`installed as ${id}, expected ${ADDON_ID}`);
        settingsPage = await openExtensionPage(browser, 'options/options.html');
        const pong = await request<{ version: string }>(settingsPage, 'ping', {});
        if (!pong.version) throw new Error('no version in ping');
        const granted = await settingsPage.evaluate(() =>
          (globalThis as unknown as { browser: Api }).browser.permissions.contains({
            origins: ['http://127.0.0.1/*'],
          }),
        );
        if (!granted) throw new Error('the add-on has no host access to 127.0.0.1');
        await settingsPage.evaluate(
          (url) =>
            (globalThis as unknown as { browser: Api }).browser.storage.local.set({
              settings: { version: 1, sites: [{ url }], defaultSite: url },
            }),
          siteUrl,
        );
        await settingsPage.waitForSelector(`::-p-text(${siteUrl})`, { timeout: 10_000 });
        await settingsPage.screenshot({ path: join(SHOTS, 'firefox-options.png') });
      },
    );
    if (!installed || !settingsPage) return;
    const control = settingsPage;

    await step(results, 'chats from the popup page', async () => {
      const popup = await openExtensionPage(browser, 'popup/popup.html');
      await popup.setViewport({ width: 420, height: 600 });
      const question = `Hello from the Firefox popup ${Date.now()}`;
      const box = await popup.waitForSelector('::-p-aria([name="Message"][role="textbox"])', {
        timeout: 15_000,
      });
      await box?.type(question);
      const send = await popup.waitForSelector('::-p-aria([name="Send"][role="button"])');
      await send?.click();
      const answer = await until('the answer in the store', async () => {
        const { items } = await request<{ items: Array<{ id: string }> }>(
          control,
          'conversations/list',
          { query: question },
        );
        for (const item of items) {
          const { messages } = await request<{
            messages: Array<{ role: string; text: string; status: string }>;
          }>(control, 'conversations/get', { id: item.id });
          const reply = messages.find((m) => m.role === 'assistant' && m.status === 'done');
          if (messages.some((m) => m.role === 'user' && m.text === question) && reply?.text)
            return reply.text;
        }
        return '';
      });
      const firstLine = answer.split('\n')[0]?.slice(0, 30) ?? '';
      await until('the answer on the popup page', () =>
        popup.evaluate((text) => document.body.innerText.includes(text), firstLine),
      );
      await popup.screenshot({ path: join(SHOTS, 'firefox-popup.png') });
      await popup.close();
    });

    await step(results, "opens the sidebar through the background's handler", async () => {
      const page = await browser.newPage();
      await page.setViewport({ width: 1200, height: 800 });
      const pageUrl = `${siteUrl}plain/`;
      await page.goto(pageUrl);
      const tabId = await until('the tab of the test page', async () => {
        const tabs = await control.evaluate(() =>
          (globalThis as unknown as { browser: Api }).browser.tabs.query({}),
        );
        return tabs.find((t) => t.url === pageUrl)?.id;
      });
      // What a content script may ask: open the sidebar in its own tab, with a selection. A
      // string, because a nested function would be rewritten by the TypeScript loader (__name).
      await control.evaluate(`browser.scripting.executeScript({
        target: { tabId: ${tabId} },
        func: () => browser.runtime.sendMessage({
          type: 'sidebar/open',
          payload: { selection: 'Firefox sidebar smoke' },
        }),
      })`);
      await until('the sidebar host in the page', () =>
        page.evaluate(() => document.querySelectorAll('[data-chatgptt-sidebar]').length === 1),
      );
      // The sidebar page loaded and took its pending request from the worker (one-shot).
      await until('the sidebar page to take its request', async () => {
        const key = `sidebar:${tabId}`;
        const entry = (
          await control.evaluate(
            (k) => (globalThis as unknown as { browser: Api }).browser.storage.session.get(k),
            key,
          )
        )[key] as { request?: object } | undefined;
        return entry?.request !== undefined && Object.keys(entry.request).length === 0;
      });
      await new Promise((r) => setTimeout(r, 1000));
      await page.screenshot({ path: join(SHOTS, 'firefox-sidebar.png') });
      await page.close();
    });
  } finally {
    await browser.close().catch(() => undefined);
  }
}

async function main(): Promise<number> {
  const firefox = findFirefox();
  const extensionDir = buildExtension();
  if (!existsSync(join(extensionDir, 'manifest.json')))
    throw new Error(`${extensionDir} has no manifest.json`);
  console.log(`[firefox] ${firefox} with ${extensionDir}`);
  const site = await startSite();
  const results: Results = { passed: [], failed: [] };
  const timer = setTimeout(() => {
    console.log(`[firefox] FAIL: the smoke did not finish within ${DEADLINE_MS / 1000} s`);
    process.exit(1);
  }, DEADLINE_MS);
  try {
    await smoke(firefox, extensionDir, site, results);
  } finally {
    clearTimeout(timer);
    await site.close();
  }
  console.log(
    `[firefox] smoke: ${results.passed.length} passed, ${results.failed.length} failed` +
      (results.failed.length ? ` (${results.failed.join('; ')})` : ''),
  );
  return results.failed.length === 0 && results.passed.length === 3 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.log(`[firefox] FAIL: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
