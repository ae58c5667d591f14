/**
 * Headless firefox-esr with the test build installed as a temporary add-on, driven over
 * WebDriver BiDi by puppeteer-core (no geckodriver; recipe in shared/browser-testing.md §4).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
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
  const extensionPage = await browser.newPage();
  // Navigation to moz-extension:// happens, but puppeteer's goto never resolves for it.
  await extensionPage
    .goto(`moz-extension://${uuid}/popup/popup.html`, { timeout: 3000 })
    .catch(() => undefined);
  await extensionPage.waitForFunction(
    () =>
      typeof (globalThis as { browser?: { runtime?: unknown } }).browser?.runtime !== 'undefined',
    { timeout: 15_000 },
  );
  return { browser, extensionPage };
}
