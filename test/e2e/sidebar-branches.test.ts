/**
 * Versions in the in-page sidebar (issue 12): the sidebar shares the popup's view, so one case
 * here: edit the first of two turns, `2 / 2` on it, back to branch 1 with both turns, and a
 * follow-up from there is sent the shown path (ECHO count).
 */
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ask } from '../hostile/extension-driver';
import { dispatchShortcut, tabOf, waitForSidebar } from './pages/helpers';
import { withSite } from './fixtures/with-site';

describe('versions in the sidebar', () => {
  let page: Page;

  const e2e = withSite({ pages: true, settings: { fallback: false } });

  it('edit the first of two turns: 2 / 2, back to branch 1, a follow-up from the shown path', async () => {
    page = await e2e.harness.context.newPage();
    await page.goto(`${e2e.pages.url}/article.html`);
    await page.bringToFront();
    await dispatchShortcut(e2e.sw, await tabOf(e2e.sw, page));
    const frame: Frame = await waitForSidebar(page, e2e.harness.extensionId);
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
    await e2e.harness.screenshot(page, 'sidebar-branches');

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
