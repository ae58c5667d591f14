/**
 * The store screenshots (docs/store/README.md), made in real Chromium with the test build and the
 * local test site, at the size both stores take: 1280×800. They land in
 * test-results/store-screenshots/; docs/store/screenshots/ holds the copies to upload
 * (`cp test-results/store-screenshots/*.png docs/store/screenshots/` after looking at them).
 * The local site answers with fixed, readable replies instead of its echo, so a picture shows a
 * finished answer; the assertions check each picture shows what its name says, at the right size.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, ROOT } from './harness';
import {
  dispatchMenu,
  selectText,
  setSettings,
  sidebarFrame,
  tabOf,
  waitForSidebar,
} from './pages/helpers';
import { withSite } from './fixtures/with-site';

const OUT = join(ROOT, 'test-results/store-screenshots');
const WIDTH = 1280;
const HEIGHT = 800;
const DONE = '.cg-message.cg-assistant[data-status="done"]';

const EXPLANATION = [
  'Fresnel replaced one thick lens with **concentric rings of prisms**. Each ring bends light by',
  'the same angle a solid lens would, but:',
  '',
  '- only the *curved surface* does the bending, so the glass in between can go;',
  '- the lens weighs a fraction as much and does not crack from the heat;',
  '- it sends about **80 %** of the lamp’s light to the horizon, against 3 % for the old mirrors.',
  '',
  'That is why a lighthouse beam reaches more than twenty nautical miles.',
].join('\n');

const SUMMARY = [
  '**In short:** the Fresnel lens made lighthouses visible from far out at sea.',
  '',
  '1. Early lighthouses burned wood, coal or oil, and most of the light went up into the sky.',
  '2. In 1822 Augustin-Jean Fresnel built a lens from rings of glass prisms.',
  '3. It was light and cheap enough to make, and aimed the beam at the horizon.',
].join('\n');

const SORTING = [
  '## Sorting a list in Python',
  '',
  'Use **`sorted()`** for a new list, or `list.sort()` to sort *in place*:',
  '',
  '```python',
  'names = ["Olga", "bob", "Ann"]',
  'print(sorted(names, key=str.lower))',
  '```',
  '',
  '| Function | Returns | Stable |',
  '|---|---|:-:|',
  '| `sorted(xs)` | a new list | yes |',
  '| `xs.sort()` | `None` | yes |',
].join('\n');

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const data = readFileSync(file);
  expect(data.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [data.readUInt32BE(16), data.readUInt32BE(20)];
}

describe('store screenshots (1280×800)', () => {
  const e2e = withSite({ pages: true });

  async function shot(page: Page, name: string): Promise<void> {
    const file = join(OUT, `${name}.png`);
    await page.screenshot({ path: file });
    expect(pngSize(file)).toEqual([WIDTH, HEIGHT]);
  }

  beforeAll(async () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
  });

  it('1: a quick action on selected text, answered in the sidebar', async () => {
    e2e.site.configure({ reply: EXPLANATION });
    const sw = await e2e.harness.worker();
    const page = await e2e.harness.context.newPage();
    await page.setViewportSize({ width: WIDTH, height: HEIGHT });
    await page.goto(`${e2e.pages.url}/article.html`);
    await page.bringToFront();
    const selected = (await selectText(page, '#target')).trim();
    await dispatchMenu(sw, await tabOf(sw, page), 'chatgptt-action:explain', selected);
    await waitForSidebar(page, e2e.harness.extensionId);
    const frame = sidebarFrame(page, e2e.harness.extensionId);
    await expect.poll(() => frame?.locator(DONE).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await frame?.locator(DONE).last().innerText()).toContain('concentric rings');
    // Nothing left blinking or focused mid-answer: the caret and focus ring settle.
    await page.mouse.click(200, 700);
    await page.waitForTimeout(300);
    await shot(page, '1-select-quick-action');
    await page.close();
  });

  it('2: the popup with a formatted answer, on a store-size canvas', async () => {
    e2e.site.configure({ reply: SORTING });
    const popup = await e2e.harness.openPage('popup/popup.html');
    await popup.setViewportSize({ width: 400, height: 600 });
    // A conversation of its own, not the sidebar's from the first picture.
    await popup.getByRole('button', { name: 'New chat' }).click();
    await expect.poll(() => popup.locator('.cg-message').count()).toBe(0);
    const composer = popup.getByRole('textbox', { name: 'Message' });
    await composer.fill('How do I sort a list in Python?');
    await composer.press('Enter');
    await expect.poll(() => popup.locator(DONE).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await popup.locator(`${DONE} code[data-highlighted]`).last().waitFor();
    await composer.blur();
    await popup.mouse.move(200, 590);
    const picture = (await popup.screenshot()).toString('base64');
    await popup.close();
    // The popup as the toolbar shows it, centred on a plain backdrop of the store's size.
    const canvas = await e2e.harness.context.newPage();
    await canvas.setViewportSize({ width: WIDTH, height: HEIGHT });
    await canvas.setContent(
      `<body style="margin:0;height:100vh;display:grid;place-items:center;background:linear-gradient(135deg,#e8eef7,#f7f3ea)">
        <img alt="" src="data:image/png;base64,${picture}"
          style="width:400px;height:600px;border-radius:10px;box-shadow:0 12px 40px rgba(20,30,60,.25)">
      </body>`,
    );
    await canvas.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    await shot(canvas, '2-popup');
    await canvas.close();
  });

  it('3: the sidebar in the dark theme, summarizing the page', async () => {
    e2e.site.configure({ reply: SUMMARY });
    const dark = await launchExtension({ colorScheme: 'dark' });
    try {
      const sw = await dark.worker();
      await setSettings(sw, {
        sites: [{ url: `${e2e.site.url}/` }],
        defaultSite: `${e2e.site.url}/`,
      });
      const page = await dark.context.newPage();
      await page.setViewportSize({ width: WIDTH, height: HEIGHT });
      await page.goto(`${e2e.pages.url}/article.html`);
      await page.bringToFront();
      await dispatchMenu(sw, await tabOf(sw, page), 'chatgptt-summarize-page');
      await waitForSidebar(page, dark.extensionId);
      const frame = sidebarFrame(page, dark.extensionId);
      await expect.poll(() => frame?.locator(DONE).count(), { timeout: 30_000 }).toBeGreaterThan(0);
      expect(await frame?.locator(DONE).last().innerText()).toContain('In short');
      await page.mouse.click(200, 700);
      await page.waitForTimeout(300);
      await shot(page, '3-sidebar-dark');
    } finally {
      await dark.close();
    }
  });

  it('4: settings with the chat sites', async () => {
    const options = await e2e.harness.openPage('options/options.html');
    await options.setViewportSize({ width: WIDTH, height: HEIGHT });
    await options.getByRole('heading', { name: 'Chat sites' }).waitFor();
    expect(await options.locator('body').innerText()).toContain(new URL(e2e.site.url).host);
    await shot(options, '4-options-sites');
    await options.close();
  });

  it('5: the welcome page with the three ways to use it', async () => {
    const onboarding = await e2e.harness.openPage('onboarding/onboarding.html');
    await onboarding.setViewportSize({ width: WIDTH, height: HEIGHT });
    await onboarding.getByRole('heading', { level: 1 }).waitFor();
    await shot(onboarding, '5-onboarding');
    await onboarding.close();
  });
});
