/**
 * Versions in the in-page sidebar (issue 12): the sidebar shares the popup's view, so one case
 * here: edit the first of two turns, `2 / 2` on it, back to branch 1 with both turns, and a
 * follow-up from there is sent the shown path (ECHO count).
 */
import type { Frame, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type TestSite } from '../site/server';
import { ask } from '../hostile/extension-driver';
import { launchExtension, type ExtensionHarness } from './harness';
import { dispatchShortcut, setSettings, tabOf, waitForSidebar } from './pages/helpers';
import { startPages, type PagesServer } from './pages/server';

describe('versions in the sidebar', () => {
  let harness: ExtensionHarness;
  let pages: PagesServer;
  let site: TestSite;
  let sw: Worker;
  let page: Page;

  beforeAll(async () => {
    harness = await launchExtension();
    pages = await startPages();
    site = await startSite();
    sw = await harness.worker();
    await setSettings(sw, {
      sites: [{ url: `${site.url}/` }],
      defaultSite: `${site.url}/`,
      fallback: false,
    });
  });
  afterAll(async () => {
    await harness?.close();
    await pages?.close();
    await site?.close();
  });

  it('edit the first of two turns: 2 / 2, back to branch 1, a follow-up from the shown path', async () => {
    page = await harness.context.newPage();
    await page.goto(`${pages.url}/article.html`);
    await page.bringToFront();
    await dispatchShortcut(sw, await tabOf(sw, page));
    const frame: Frame = await waitForSidebar(page, harness.extensionId);
    const answers = () => frame.locator('.cg-message.cg-assistant');
    const first = () => frame.locator('.cg-message.cg-user').first();
    const group = () => first().getByRole('group', { name: 'Versions of this question' });

    expect(await ask(frame, 'side one')).toBe('done');
    expect(await ask(frame, 'side two')).toBe('done');
    await first().getByRole('button', { name: 'Edit' }).click();
    await frame.getByRole('textbox', { name: 'Edit your message' }).fill('side one, edited');
    await frame.getByRole('button', { name: 'Save & send' }).click();
    await expect.poll(() => answers().count()).toBe(1);
    await expect.poll(() => answers().first().getAttribute('data-status')).toBe('done');
    await expect.poll(() => group().locator('.cg-version-position').textContent()).toBe('2 / 2');
    await harness.screenshot(page, 'sidebar-branches');

    await group().getByRole('button', { name: 'Previous version' }).click();
    await expect.poll(() => answers().count()).toBe(2);
    expect(await frame.locator('.cg-user .cg-bubble').allTextContents()).toEqual([
      'side one',
      'side two',
    ]);
    expect(await ask(frame, 'side three')).toBe('done');
    expect(await answers().last().textContent()).toContain('ECHO[n=6]: side three');
  });
});
