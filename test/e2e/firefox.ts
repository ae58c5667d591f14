/**
 * Headless firefox-esr with the test build installed as a temporary add-on, driven over
 * WebDriver BiDi by puppeteer-core (no geckodriver; recipe in test/e2e/README.md#firefox).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
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
): Promise<{ browser: Browser; extensionPage: Page }> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    args: ['-remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: uuid }),
      ...prefs,
    },
  });
  await browser.installExtension(FIREFOX_EXTENSION);
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
