/**
 * Headless firefox-esr with the test build installed as a temporary add-on, driven over
 * WebDriver BiDi by puppeteer-core (no geckodriver; recipe in test/e2e/README.md#firefox).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import type { WatchEvent } from '../../src/shared/messages';
import { ROOT } from './harness';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION = resolve(
  ROOT,
  process.env.CHATGPTT_TEST_FIREFOX_EXTENSION ?? 'extension/test-firefox',
);
const ADDON_ID = 'chatgptt@chatgptt.extension';

/** Whether Firefox and the Firefox test build are both there. */
export const canRunFirefox =
  existsSync(FIREFOX) && existsSync(`${FIREFOX_EXTENSION}/manifest.json`);

/**
 * Launches Firefox (with extra `prefs`) and the add-on under the fixed moz-extension host `uuid`,
 * and opens its popup page in a tab, resolved once the page has the `browser` API.
 */
export async function launchFirefoxWithExtension(
  uuid: string,
  prefs: Record<string, string | number | boolean> = {},
  options: { headless?: boolean; extension?: string; acceptInsecureCerts?: boolean } = {},
): Promise<{ browser: Browser; extensionPage: Page }> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    // The release tier's throw-away certificate (WebDriver's capability: Firefox then skips
    // certificate checks for the whole session, add-on requests included).
    acceptInsecureCerts: options.acceptInsecureCerts ?? false,
    // Headful (under xvfb) only where a test presses real keys.
    headless: options.headless ?? true,
    args: ['-remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: uuid }),
      ...prefs,
    },
  });
  await browser.installExtension(options.extension ?? FIREFOX_EXTENSION);
  return { browser, extensionPage: await openExtensionPage(browser, uuid, 'popup/popup.html') };
}

/** Opens the add-on's page `path` in a new tab, resolved once the page has the `browser` API. */
export async function openExtensionPage(
  browser: Browser,
  uuid: string,
  path: string,
): Promise<Page> {
  const page = await browser.newPage();
  // Navigation to moz-extension:// happens, but puppeteer's goto never resolves for it.
  await page.goto(`moz-extension://${uuid}/${path}`, { timeout: 3000 }).catch(() => undefined);
  await page.waitForFunction(
    () =>
      typeof (globalThis as { browser?: { runtime?: unknown } }).browser?.runtime !== 'undefined',
    { timeout: 15_000 },
  );
  return page;
}

/** Sends `text` as a new conversation through the worker's turn port; every event until the end. */
export function sendTurn(page: Page, text: string): Promise<WatchEvent[]> {
  return page.evaluate(
    (message) =>
      new Promise<WatchEvent[]>((resolvePromise, reject) => {
        const events: WatchEvent[] = [];
        const port = (
          globalThis as unknown as {
            browser: {
              runtime: {
                connect(info: { name: string }): {
                  postMessage(message: unknown): void;
                  onMessage: { addListener(listener: (message: unknown) => void): void };
                };
              };
            };
          }
        ).browser.runtime.connect({ name: 'turn' });
        const timer = setTimeout(() => reject(new Error(JSON.stringify(events))), 30_000);
        port.onMessage.addListener((event) => {
          events.push(event as WatchEvent);
          const type = (event as WatchEvent).type;
          if (type === 'finished' || type === 'rejected') {
            clearTimeout(timer);
            resolvePromise(events);
          }
        });
        port.postMessage({ type: 'send', conversationId: null, text: message });
      }),
    text,
  );
}

interface TabsApi {
  tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> };
  scripting: { executeScript(options: object): Promise<Array<{ result?: unknown }>> };
}

/**
 * Opens the in-page sidebar in the tab showing `url` the way the Ask button does (the worker's
 * `sidebar/open` request from the tab): Firefox automation cannot press the shortcut.
 */
export function openSidebarFrom(extensionPage: Page, url: string): Promise<unknown> {
  return extensionPage.evaluate(async (wanted) => {
    const api = (globalThis as unknown as { browser: TabsApi }).browser;
    const tab = (await api.tabs.query({})).find((t) => t.url === wanted);
    if (tab?.id === undefined) return 'no tab';
    const [result] = await api.scripting.executeScript({
      target: { tabId: tab.id },
      func: () =>
        (
          globalThis as unknown as {
            browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
          }
        ).browser.runtime.sendMessage({ type: 'sidebar/open', payload: {} }),
    });
    return result?.result;
  }, url);
}

/**
 * The sidebar's frame in `page`: the child frame whose document is one of the add-on's pages
 * (puppeteer lists it with the url `about:blank`, yet evaluates in it and clicks into it).
 */
export async function sidebarFrameOf(page: Page, uuid: string): Promise<Frame> {
  for (let i = 0; i < 100; i++) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const href = await frame.evaluate(() => location.href).catch(() => '');
      if (href.startsWith(`moz-extension://${uuid}/`)) return frame;
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('no sidebar frame');
}
