/**
 * The real keyboard shortcut (Alt+Shift+G from the manifest), pressed through the X server: CDP
 * key events never reach the browser's accelerators, so this only runs headful under xvfb with
 * xdotool (test/e2e/README.md#real-keys-xvfb). Run it with
 *   xvfb-run -a -s "-screen 0 1280x800x24" npx vitest run --project e2e test/e2e/sidebar-keys.test.ts
 * Without a display or xdotool it is skipped and says so.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeOnboarding, launchExtension, type ExtensionHarness } from './harness';
import { hostCount, waitForClosed, waitForSidebar } from './pages/helpers';
import { startPages, type PagesServer } from './pages/server';
import { skipNote } from '../skips';
import { canUseRealInput } from './real-input';

if (!canUseRealInput) {
  console.warn(
    'sidebar-keys: NOT RUN — the real shortcut needs an X display and xdotool (run under xvfb-run).',
  );
}

const TITLE = `the real keyboard shortcut (xvfb + xdotool)${skipNote(!canUseRealInput, 'realKeys')}`;
describe.runIf(canUseRealInput)(TITLE, () => {
  let harness: ExtensionHarness;
  let pages: PagesServer;
  beforeAll(async () => {
    harness = await launchExtension({ headless: false });
    pages = await startPages();
    // The install greeting opens in a new active tab a moment after launch. Were it to open after
    // the article came to the front, the keys would go to it (an extension page, where the
    // sidebar cannot open) instead: let it come, then close it.
    await closeOnboarding(harness);
  });
  afterAll(async () => {
    await harness?.close();
    await pages?.close();
  });

  const press = (keys: string): void => {
    execFileSync('xdotool', ['key', '--clearmodifiers', keys]);
  };

  it('Alt+Shift+G opens the sidebar, Esc closes it, and Alt+Shift+G toggles it again', async () => {
    const page = await harness.context.newPage();
    await page.goto(`${pages.url}/article.html`);
    await page.bringToFront();
    await page.focus('#name');
    // The pointer starts at the screen's centre; keep it off the page's content.
    execFileSync('xdotool', ['mousemove', '1270', '790']);

    press('alt+shift+g');
    await waitForSidebar(page, harness.extensionId);
    expect(await hostCount(page)).toBe(1);

    press('Escape');
    await waitForClosed(page, harness.extensionId);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('name');

    press('alt+shift+g');
    await waitForSidebar(page, harness.extensionId);
    press('alt+shift+g');
    await waitForClosed(page, harness.extensionId);
  });
});
