/**
 * The model picker is the site's real bots (issue 16 item 1, issue 13), in real Chromium against
 * the test site's G5 multi-bot page: the header names the bot in use (not "gpt-4o"), the picker
 * lists the page's three bots, the chosen bot's id goes into the request, the answer is labelled
 * with that bot, and the conversation keeps it. Screenshot: the picker at 320 px, ru, dark.
 * Build first: npm run build:test
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { withSite } from './fixtures/with-site';
import { setSettings as mergeSettings } from './pages/helpers';

const ANSWERS = '.cg-message.cg-assistant';

describe('the bot picker', () => {
  // Pointed at the multi-bot page below, not the shortcode page.
  const e2e = withSite({ site: { generation: 'G5' }, settings: false });
  let page: Page;

  const setSettings = (patch: Record<string, unknown>) => mergeSettings(page, patch);

  const using = () => page.locator('.cg-using-model');

  beforeAll(async () => {
    page = await e2e.harness.openPage('popup/popup.html');
    await page.setViewportSize({ width: 400, height: 600 });
    await setSettings({ sites: [{ url: e2e.site.pages.bots }], defaultSite: e2e.site.pages.bots });
    await page.reload();
  }, 60_000);

  it("lists the page's bots; the chosen one answers and labels its answer", async () => {
    // The default model gpt-4o has no bot of its name: the site's default bot, named.
    await expect.poll(() => using().textContent(), { timeout: 15_000 }).toBe('GPT-4o mini');
    await page.locator('.cg-using').click();
    const picker = page.getByRole('combobox', { name: 'Bot' });
    expect(await picker.locator('option').allTextContents()).toEqual([
      'GPT-4o mini',
      'GPT-5 nano',
      'Gemini 2.5 Flash',
    ]);
    // No model select: on this site the bots' own settings decide the model.
    expect(await page.getByRole('combobox', { name: 'Model' }).count()).toBe(0);
    await picker.selectOption({ label: 'GPT-5 nano' });
    await expect.poll(() => using().textContent()).toBe('GPT-5 nano');

    e2e.site.clearLog();
    await page.getByRole('textbox', { name: 'Message' }).fill('Which model are you?');
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');
    const answer = page.locator(ANSWERS).last();
    await expect.poll(() => answer.getAttribute('data-status'), { timeout: 30_000 }).toBe('done');
    expect(await answer.textContent()).toContain('[model=gpt-5-nano]');
    expect(await answer.locator('.cg-answer-label').textContent()).toBe('Answered by GPT-5 nano.');
    const step1 = e2e.site.log.find((e) => e.form['action'] === 'aipkit_cache_sse_message');
    expect(step1?.form['bot_id']).toBe('12');

    // The conversation remembers its bot.
    await page.reload();
    await expect.poll(() => using().textContent(), { timeout: 15_000 }).toBe('GPT-5 nano');
    await expect.poll(() => page.locator(ANSWERS).count()).toBe(1);
    expect(await page.locator('.cg-answer-label').textContent()).toBe('Answered by GPT-5 nano.');
  });

  it('the header with the picker at 320 px (the side panel), in Russian and dark', async () => {
    await setSettings({ language: 'ru', theme: 'dark' });
    // The popup is 400 px wide by design; the side panel is what gets as narrow as 320 px.
    const panel = await e2e.harness.openPage('panel/panel.html');
    await panel.setViewportSize({ width: 320, height: 560 });
    const label = panel.locator('.cg-using-model');
    await expect.poll(() => label.textContent(), { timeout: 15_000 }).toMatch(/^GPT-/);
    await panel.locator('.cg-using').click();
    await panel.getByRole('combobox', { name: 'Бот' }).waitFor();
    await e2e.harness.screenshot(panel, 'panel-bot-picker-320-ru-dark');
    // Nothing sticks out sideways at 320 px.
    const overflow = await panel.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await panel.close();
    await setSettings({ language: 'en', theme: 'system' });
  });
});
