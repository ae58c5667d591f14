/**
 * The built test extension (extension/test-chrome, 127.0.0.1 access) in real Chromium against the
 * real plugin: the options page's connection check, popup answers on 1.9.18 and on 2.4.71
 * (inline and popup-mode bots), a 3-turn conversation the model sees whole, and the sidebar.
 */
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionHarness } from '../e2e/harness';
import {
  dispatchShortcut,
  setSettings,
  sidebarFrame,
  tabOf,
  waitForSidebar,
} from '../e2e/pages/helpers';
import { local, marker, modelSaw, runs, siteUrl } from './tier';

const A = siteUrl('a');
const B = siteUrl('b');
const ANSWERS = '.cg-message.cg-assistant';

describe.runIf(runs('extension e2e', { site: 'a' }))('the extension on the real plugin', () => {
  let harness: ExtensionHarness;
  let sw: Worker;
  let popup: Page;

  beforeAll(async () => {
    harness = await launchExtension();
    sw = await harness.worker();
    popup = await harness.openPage('popup/popup.html');
    await popup.setViewportSize({ width: 400, height: 600 });
  });
  afterAll(async () => {
    await harness?.close();
  });

  /** Makes `page` the popup's site and starts a new chat there. */
  async function useSite(page: string): Promise<void> {
    await setSettings(sw, { sites: [{ url: page }], defaultSite: page, fallback: false });
    await popup.reload();
    await popup.getByRole('textbox', { name: 'Message' }).waitFor();
    // The popup reopens the last conversation (and its site): always start a new one.
    await popup.getByRole('button', { name: 'New chat' }).click();
    await expect.poll(() => popup.locator(ANSWERS).count()).toBe(0);
    await expect.poll(() => popup.locator('.cg-using').textContent()).toContain(new URL(page).host);
  }

  /** Sends `text` in the popup; answers the final status and text of the new answer. */
  async function ask(text: string): Promise<{ status: string; text: string }> {
    const answers = popup.locator(ANSWERS);
    const before = await answers.count();
    const composer = popup.getByRole('textbox', { name: 'Message' });
    await composer.fill(text);
    await composer.press('Enter');
    await expect.poll(() => answers.count(), { timeout: 20_000 }).toBeGreaterThan(before);
    const answer = answers.last();
    await expect
      .poll(() => answer.getAttribute('data-status'), { timeout: 30_000 })
      .toMatch(/done|error|interrupted/);
    return {
      status: (await answer.getAttribute('data-status')) ?? '',
      text: (await answer.innerText()).trim(),
    };
  }

  for (const [name, label] of [
    ['a', '1.9.18'],
    ['b', '2.4.71 (AIPKit)'],
  ] as const)
    it.runIf(runs(`options check on ${label}`, { site: name }))(
      `the options page's connection check passes on ${label}`,
      async () => {
        const url = `${siteUrl(name)}/`;
        const options = await harness.openPage('options/options.html');
        await options.getByRole('heading', { name: 'Chat sites' }).waitFor();
        await options.getByLabel('Site URL').fill(url);
        await options.getByRole('button', { name: 'Add site' }).click();
        const item = options.locator(`li[data-site="${url}"]`);
        const result = item.getByTestId('self-test');
        await expect.poll(() => result.getAttribute('data-ok'), { timeout: 40_000 }).not.toBeNull();
        const failed = await item.locator('li[data-state="failed"]').allInnerTexts();
        expect(failed).toEqual([]);
        expect(await result.getAttribute('data-ok')).toBe('true');
        await harness.screenshot(options, `plugin-options-check-${name}`);
        await options.close();
      },
    );

  it('the popup answers on 1.9.18 (shortcode SSE)', async () => {
    await useSite(`${A}/`);
    const word = marker('popA');
    const answer = await ask(`Hello ${word}`);
    expect(answer.status).toBe('done');
    expect(answer.text).toContain(`ECHO[n=2]: Hello ${word}`);
    expect(answer.text).toContain('console.log("hello from the echo model");');
  });

  it('a stream the model drops keeps its partial text, says it was cut and offers Continue', async () => {
    await useSite(`${A}/`);
    const answer = await ask('TRIGGER_DROP in the popup');
    expect(answer.status).toBe('error');
    expect(answer.text).toContain('ECHO[n=2]: TRIGGER_DROP in the popup');
    expect(answer.text).not.toContain('hello from the echo model');
    const last = popup.locator(ANSWERS).last();
    expect(await last.getByRole('alert').textContent()).toMatch(/cut after part of the answer/);
    expect(await last.getByRole('button', { name: 'Continue' }).isVisible()).toBe(true);
    await harness.screenshot(popup, 'plugin-popup-cut');
  });

  it('3 turns in the popup: the model sees the whole conversation', async () => {
    await useSite(`${A}/`);
    const word = marker('popM');
    const said = [`One ${word} "x"`, `Two ${word}\nsecond line`, `Three ${word}`];
    let last = { status: '', text: '' };
    for (const text of said) {
      last = await ask(text);
      expect(last.status).toBe('done');
    }
    expect(last.text).toContain(`ECHO[n=6]: Three ${word}`);
    if (local) {
      const seen = modelSaw(`Three ${word}`)[0];
      expect(seen?.messages).toHaveLength(6);
      expect(seen?.messages[1]?.content).toContain(`One ${word}`);
      expect(seen?.messages[3]?.content).toContain(`Two ${word}`);
    }
    await harness.screenshot(popup, 'plugin-popup-memory');
  });

  for (const [page, label, word] of [
    ['/', 'inline bot', 'popBi'],
    ['/popup/', 'popup-mode bot', 'popBp'],
  ] as const)
    it.runIf(runs(`popup on AIPKit ${label}`, { site: 'b' }))(
      `the popup answers on the 2.4.71 AIPKit ${label}`,
      async () => {
        await useSite(`${B}${page}`);
        const unique = marker(word);
        const answer = await ask(`Hello ${unique}`);
        expect(answer.text).toContain(`ECHO[n=`);
        expect(answer.text).toContain(`Hello ${unique}`);
        expect(answer.status).toBe('done');
        // It was site B's model call (AIPKit's Responses API), not another site's.
        if (local) expect(modelSaw(unique).map((e) => e.path)).toEqual(['/v1/responses']);
        await harness.screenshot(popup, `plugin-popup-aipkit-${word}`);
      },
    );

  it('the sidebar answers on a page of the site', async () => {
    await setSettings(sw, { sites: [{ url: `${A}/` }], defaultSite: `${A}/`, fallback: false });
    const page = await harness.context.newPage();
    await page.goto(`${A}/about/`);
    await page.bringToFront();
    await dispatchShortcut(sw, await tabOf(sw, page));
    const frame = await waitForSidebar(page, harness.extensionId);
    // The sidebar opens the last conversation (an earlier test's, maybe on site B): start anew.
    await frame.getByRole('button', { name: 'New chat' }).click();
    const word = marker('side');
    const composer = frame.getByRole('textbox', { name: 'Message' });
    await composer.fill(`Sidebar ${word}`);
    await composer.press('Enter');
    const text = () =>
      sidebarFrame(page, harness.extensionId)?.evaluate(() => document.body.innerText) ??
      Promise.resolve('');
    await expect.poll(text, { timeout: 30_000 }).toContain('hello from the echo model');
    expect(await text()).toContain(`ECHO[n=2]: Sidebar ${word}`);
    await harness.screenshot(page, 'plugin-sidebar-answer');
    await page.close();
  });
});
