/**
 * Pages opened before the extension was installed. Chromium starts with no extension, a page is
 * loaded and a selection made, and only then is the extension installed into the running
 * browser (CDP `Extensions.loadUnpacked`, the same path as installing from the store). The page
 * never got a content script, so the sidebar, select-to-ask and a real answer must all come from
 * on-demand injection.
 */
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type TestSite } from '../site/server';
import { launchThenInstall, type ExtensionHarness } from './harness';
import {
  dispatchMenu,
  dispatchShortcut,
  selectText,
  setSettings,
  sidebarFrame,
  tabOf,
  waitForClosed,
  waitForSidebar,
} from './pages/helpers';
import { startPages, type PagesServer } from './pages/server';

describe('a page opened before the extension was installed', () => {
  let harness: ExtensionHarness;
  let pages: PagesServer;
  let site: TestSite;
  let sw: Worker;
  let page: Page;
  let selected: string;

  beforeAll(async () => {
    pages = await startPages();
    site = await startSite();
    const browser = await launchThenInstall();
    page = await browser.context.newPage();
    await page.goto(`${pages.url}/article.html`);
    selected = (await selectText(page, '#target')).trim();
    // Nothing of ours can be there yet.
    expect(await page.evaluate(() => document.querySelector('[data-chatgptt-sidebar]'))).toBeNull();

    harness = await browser.install();
    sw = await harness.worker();
    await setSettings(sw, { sites: [{ url: `${site.url}/` }], defaultSite: `${site.url}/` });
    await page.bringToFront();
  });
  afterAll(async () => {
    await harness?.close();
    await pages?.close();
    await site?.close();
  });

  it('greets the new user with the onboarding page', async () => {
    await expect
      .poll(() => harness.context.pages().map((p) => p.url()))
      .toContainEqual(`chrome-extension://${harness.extensionId}/onboarding/onboarding.html`);
  });

  it('opens and closes the sidebar there with the shortcut, the selection quoted', async () => {
    const tab = await tabOf(sw, page);
    await dispatchShortcut(sw, tab);
    const frame = await waitForSidebar(page, harness.extensionId);
    await expect
      .poll(() => frame.evaluate(() => document.body.innerText.replace(/\s+/g, ' ')))
      .toContain(selected.replace(/\s+/g, ' ').slice(0, 60));
    await expect.poll(() => frame.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await dispatchShortcut(sw, tab);
    await waitForClosed(page, harness.extensionId);
  });

  it('answers a quick action from the context menu there', async () => {
    const tab = await tabOf(sw, page);
    await dispatchMenu(sw, tab, 'chatgptt-action:explain', selected);
    await waitForSidebar(page, harness.extensionId);
    const frameText = (): Promise<string> =>
      sidebarFrame(page, harness.extensionId)?.evaluate(() => document.body.innerText) ??
      Promise.resolve('');
    await expect.poll(frameText, { timeout: 20_000 }).toContain('ECHO[');
    expect(site.log.some((entry) => entry.path.includes('admin-ajax'))).toBe(true);
  });
});
