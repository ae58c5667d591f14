/** The note the worker leaves when the sidebar cannot open (e.g. on a browser page) shows once in the popup. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionHarness } from './harness';

/** storage.session as the worker sees it (the tests' tsconfig has no chrome globals). */
interface SessionScope {
  chrome: {
    storage: {
      session: {
        set(items: Record<string, unknown>): Promise<void>;
        get(key: string): Promise<Record<string, unknown>>;
      };
    };
  };
}

describe('the popup note', () => {
  let harness: ExtensionHarness;
  beforeAll(async () => {
    harness = await launchExtension();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('shows a fresh note once, and it can be dismissed', async () => {
    const worker = await harness.worker();
    await worker.evaluate(() =>
      (globalThis as unknown as SessionScope).chrome.storage.session.set({
        popupNote: { message: 'The sidebar cannot open here.', at: Date.now() },
      }),
    );
    const page = await harness.openPage('popup/popup.html');
    const note = page.getByRole('status').filter({ hasText: 'The sidebar cannot open here.' });
    await note.waitFor();
    await harness.screenshot(page, 'popup-note');
    await page.getByRole('button', { name: 'OK' }).click();
    await expect.poll(() => note.count()).toBe(0);
    expect(
      await worker.evaluate(() =>
        (globalThis as unknown as SessionScope).chrome.storage.session.get('popupNote'),
      ),
    ).toEqual({});

    await page.reload();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    expect(await page.getByText('The sidebar cannot open here.').count()).toBe(0);
    await page.close();
  });

  it('ignores a stale note', async () => {
    const worker = await harness.worker();
    await worker.evaluate(() =>
      (globalThis as unknown as SessionScope).chrome.storage.session.set({
        popupNote: { message: 'Old note', at: Date.now() - 10 * 60_000 },
      }),
    );
    const page = await harness.openPage('popup/popup.html');
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    expect(await page.getByText('Old note').count()).toBe(0);
    await page.close();
  });
});
