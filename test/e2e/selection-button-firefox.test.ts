/**
 * The floating "Ask" button in Firefox, turned on the way a user does it: a real click on the
 * option, which asks for access to all sites (the prompt is answered yes by a test pref; Chromium
 * has no such switch, so there the e2e sets the setting directly). A page that was already open
 * gets the button at once; a real mouse selection shows it; clicking it opens the sidebar with
 * the selection. Turning it off gives the access back and the button goes.
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRunFirefox, launchFirefoxWithExtension, openExtensionPage } from './firefox';
import { startPages, type PagesServer } from './pages/server';
import { skipNote } from '../skips';

const UUID = 'd2a7c8e0-0000-4000-8000-00000000c4aa';
const TOGGLE = '#selection input[type="checkbox"]';

interface PageApi {
  permissions: { contains(p: object): Promise<boolean> };
}

const TITLE = `the selection button in Firefox${skipNote(!canRunFirefox, 'firefox')}`;
describe.skipIf(!canRunFirefox)(TITLE, () => {
  let browser: Browser;
  let pages: PagesServer;
  let options: Page;
  let article: Page;

  const allSites = (): Promise<boolean> =>
    options.evaluate(() =>
      (globalThis as unknown as { browser: PageApi }).browser.permissions.contains({
        origins: ['*://*/*'],
      }),
    );
  const askButtons = (): Promise<number> =>
    article.evaluate(() => document.querySelectorAll('chatgptt-ask').length);

  /** Drags the mouse across the element's first line, as a person selects text. */
  async function dragSelect(selector: string): Promise<string> {
    await article.$eval(selector, (element) => element.scrollIntoView({ block: 'center' }));
    await new Promise((done) => setTimeout(done, 300)); // the scroll itself hides the button
    const box = await (await article.$(selector))?.boundingBox();
    if (!box) throw new Error(`no ${selector}`);
    await article.mouse.move(box.x + 2, box.y + 8);
    await article.mouse.down();
    await article.mouse.move(box.x + box.width / 2, box.y + 8, { steps: 5 });
    await article.mouse.move(box.x + box.width - 4, box.y + 8, { steps: 5 });
    await article.mouse.up();
    return article.evaluate(() => getSelection()?.toString() ?? '');
  }

  beforeAll(async () => {
    pages = await startPages();
    ({ browser } = await launchFirefoxWithExtension(UUID, {
      'extensions.webextOptionalPermissionPrompts': false,
    }));
    // Open before the button is turned on.
    article = await browser.newPage();
    await article.setViewport({ width: 1280, height: 800 });
    await article.goto(`${pages.url}/article.html`);
    options = await openExtensionPage(browser, UUID, 'options/options.html');
    await options.waitForSelector(TOGGLE, { timeout: 15_000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await pages?.close();
  });

  it('asks for all sites when turned on, shows on a selection in an open tab, opens the sidebar, and goes when off', async () => {
    expect(await allSites()).toBe(false);
    await options.locator(TOGGLE).click();
    await expect.poll(allSites).toBe(true);
    await expect
      .poll(() =>
        options.evaluate(() => document.querySelector('#selection [role="status"]')?.textContent),
      )
      .toBe('The selection button is on.');

    await article.bringToFront();
    let selected = '';
    await expect
      .poll(async () => {
        selected = await dragSelect('#target');
        return askButtons();
      })
      .toBe(1);
    expect(selected.length).toBeGreaterThan(20);
    const button = await (await article.$('chatgptt-ask'))?.boundingBox();
    if (!button) throw new Error('the button has no box');
    // A click counts once the button has been in plain view for a moment (issue 23).
    await new Promise((resolve) => setTimeout(resolve, 600));
    // The toolbar's first button is Ask.
    await article.mouse.click(button.x + 20, button.y + button.height / 2);
    await article.waitForFunction(
      () => document.querySelectorAll('[data-chatgptt-sidebar]').length === 1,
      { timeout: 10_000 },
    );

    await options.bringToFront();
    await options.locator(TOGGLE).click();
    await expect.poll(allSites).toBe(false);
    // The button running in the open tab sees the setting and leaves.
    await article.bringToFront();
    await article.mouse.click(20, 780);
    await dragSelect('#lede');
    await new Promise((done) => setTimeout(done, 500));
    expect(await askButtons()).toBe(0);
  });
});
