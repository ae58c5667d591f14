/**
 * A connection cut mid-answer, in the popup against the test site's `dropMidStream` fault (the
 * socket is destroyed after half the frames): the half that arrived is kept, the answer says
 * the connection was cut (not "could not reach"), offers Continue and Regenerate, and Continue
 * completes the same answer. Screenshots of the cut answer in light, dark and Russian.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSite } from './background-driver';
import { withSite } from './fixtures/with-site';

const ANSWER = '.cg-message.cg-assistant';

describe('an answer cut mid-stream, in the popup', () => {
  const e2e = withSite({ site: { faults: { chunkDelayMs: 10 } }, settings: { fallback: false } });
  let page: Page;

  const answer = () => page.locator(ANSWER).last();
  const settle = () =>
    expect
      .poll(() => answer().getAttribute('data-status'), { timeout: 30_000 })
      .toMatch(/done|error|interrupted/);

  beforeAll(async () => {
    page = await e2e.harness.openPage('popup/popup.html');
    await page.setViewportSize({ width: 400, height: 600 });
  });

  it('keeps the partial answer, says the connection was cut, and Continue completes it', async () => {
    e2e.site.configure({ faults: { chunkDelayMs: 10, dropMidStream: true } });
    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.fill('Tell me something long');
    await composer.press('Enter');
    await settle();
    expect(await answer().getAttribute('data-status')).toBe('error');
    const partial = (await answer().locator('.md').textContent()) ?? '';
    expect(partial).toContain('ECHO[n=2]: Tell me something long');
    expect(partial).not.toContain('[model=');
    const alert = answer().getByRole('alert');
    expect(await alert.textContent()).toMatch(/cut after part of the answer/);
    expect(await alert.textContent()).not.toMatch(/Could not reach/);
    expect(await answer().getByRole('button', { name: 'Continue' }).isVisible()).toBe(true);
    expect(await answer().getByRole('button', { name: 'Regenerate' }).isVisible()).toBe(true);
    expect(await answer().getByRole('button', { name: 'Retry' }).count()).toBe(0);
    await e2e.harness.screenshot(page, 'popup-cut-light');

    for (const [patch, name, words] of [
      [{ theme: 'dark' }, 'popup-cut-dark', /cut after part of the answer/],
      [{ theme: 'light', language: 'ru' }, 'popup-cut-ru', /оборвалась на части ответа/],
    ] as const) {
      await useSite(page, `${e2e.site.url}/`, { fallback: false, ...patch });
      await page.reload();
      await expect.poll(() => answer().getByRole('alert').textContent()).toMatch(words);
      await e2e.harness.screenshot(page, name);
    }
    await useSite(page, `${e2e.site.url}/`, { fallback: false });
    await page.reload();

    e2e.site.configure({ faults: { chunkDelayMs: 10 } });
    await answer().getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => answer().getAttribute('data-status'), { timeout: 30_000 }).toBe('done');
    expect(await page.locator(ANSWER).count()).toBe(1);
    const whole = (await answer().locator('.md').textContent()) ?? '';
    expect(whole.startsWith(partial)).toBe(true);
    // The continuation came from one more request that quoted where the answer stopped.
    expect(whole.slice(partial.length)).toMatch(/stopped before it was finished/);
    expect(whole).toContain('[model=');
    expect(await answer().getByRole('alert').count()).toBe(0);
  });
});
