/**
 * The site's browser check passed once (issue 16 item 2), in real Chromium: the test site in
 * `clearance` mode answers every request with a "Just a moment..." page until /pass-check/,
 * opened in a normal tab, sets a clearance cookie. The worker's next message then succeeds with
 * no other step: its requests carry the browser's cookies for the site (credentials: 'include').
 * And from the popup: the challenge notice's button opens the site in a normal tab; the person
 * passes the check there, and the question is answered without being typed again.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TurnEvent } from '../../src/shared/messages';
import type { StoredMessage } from '../../src/shared/model';
import { getSettingsRaw } from './pages/helpers';
import { withSite } from './fixtures/with-site';

type Chrome = {
  runtime: {
    sendMessage(message: unknown): Promise<unknown>;
    connect(info: { name: string }): {
      postMessage(message: unknown): void;
      disconnect(): void;
      onMessage: { addListener(listener: (message: unknown) => void): void };
    };
  };
  contextMenus: { create: (...args: unknown[]) => unknown };
};

/** Sends one message through the `turn` port and returns every event until the answer is final. */
function sendTurn(page: Page, text: string, conversationId: string | null = null) {
  return page.evaluate(
    ({ text, conversationId }) =>
      new Promise<unknown[]>((resolve) => {
        const port = (globalThis as unknown as { chrome: Chrome }).chrome.runtime.connect({
          name: 'turn',
        });
        const events: unknown[] = [];
        port.onMessage.addListener((event) => {
          events.push(event);
          const type = (event as { type: string }).type;
          if (type === 'finished' || type === 'rejected') {
            port.disconnect();
            resolve(events);
          }
        });
        port.postMessage({ type: 'send', conversationId, text });
      }),
    { text, conversationId },
  ) as Promise<TurnEvent[]>;
}

async function addSite(page: Page, url: string): Promise<void> {
  await page.getByLabel('Site URL').fill(url);
  await page.getByRole('button', { name: 'Add site' }).click();
}

const siteItem = (page: Page, url: string) => page.locator(`li[data-site="${url}"]`);

const finishedMessage = (events: TurnEvent[]): StoredMessage => {
  const finished = events.find((e) => e.type === 'finished');
  expect(finished, JSON.stringify(events)).toBeDefined();
  return (finished as { message: StoredMessage }).message;
};

describe('a site behind a browser check', () => {
  // Each test points the extension at the site itself.
  const e2e = withSite({ site: { faults: { clearance: true } }, settings: false });

  it('answers once the check was passed in a normal tab, with no other step', async () => {
    const sw = await e2e.harness.worker();
    const options = await e2e.harness.openPage('options/options.html');
    await options.getByRole('heading', { name: 'Chat sites' }).waitFor();
    const url = `${e2e.site.url}/`;
    await addSite(options, e2e.site.url);
    await siteItem(options, url).getByTestId('self-test').waitFor({ timeout: 30_000 });
    await siteItem(options, url)
      .getByRole('button', { name: `Make default: ${url}` })
      .click();
    await options.getByRole('checkbox', { name: /When the default site fails/ }).uncheck();
    await expect
      .poll(async () => {
        const s = await getSettingsRaw(sw);
        return [s.defaultSite, s.fallback];
      })
      .toEqual([url, false]);

    const before = finishedMessage(await sendTurn(options, 'Before the check'));
    expect(before.status).toBe('error');
    expect(before.error?.kind).toBe('challenge');

    const tab = await e2e.harness.context.newPage();
    await tab.goto(`${e2e.site.url}/pass-check/`);
    expect(await tab.locator('h1').innerText()).toBe('Check passed');

    const after = finishedMessage(await sendTurn(options, 'After the check'));
    expect(after.status, JSON.stringify(after)).toBe('done');
    expect(after.text.length).toBeGreaterThan(0);
    // The chat requests really carried the cookie the tab received.
    const ajax = e2e.site.log.filter((e) => e.path.includes('admin-ajax') && e.status === 200);
    expect(ajax.length).toBeGreaterThan(0);
    for (const entry of ajax)
      expect(String(entry.headers['cookie'])).toContain('cf_clearance=passed');
  });
  it('from the popup: the challenge button opens the check, and the question is answered once it passed', async () => {
    // Forget the clearance the first test got: the site shows its check again.
    await e2e.harness.context.clearCookies();
    const popup = await e2e.harness.openPage('popup/popup.html');
    await popup.getByRole('button', { name: 'New chat' }).click();
    const box = popup.getByRole('textbox', { name: 'Message' });
    await box.fill('Asked once, behind the check');
    await box.press('Enter');
    const notice = popup.locator('.cg-error[data-kind="challenge"]');
    await notice.waitFor({ timeout: 30_000 });
    const host = new URL(e2e.site.url).host;
    const [tab] = await Promise.all([
      e2e.harness.context.waitForEvent('page'),
      notice.getByRole('button', { name: `Pass the check on ${host}` }).click(),
    ]);
    await tab.waitForLoadState();
    // A normal tab on the site, showing the check (not an extension page).
    expect(new URL(tab.url()).origin).toBe(e2e.site.url);
    expect(await tab.title()).toBe('Just a moment...');
    expect(await notice.textContent()).toContain('asked again by itself');
    // The person passes it; the check sends the tab back to the page it was asked for.
    await tab.locator('#pass-check').click();
    await tab.waitForURL(`${e2e.site.url}/`);
    expect(await tab.title()).not.toBe('Just a moment...');

    // The worker saw the tab pass and asked the same answer again: one question, one answer.
    const answer = popup.locator('.cg-message.cg-assistant').last();
    await expect.poll(() => answer.getAttribute('data-status'), { timeout: 30_000 }).toBe('done');
    expect(await answer.textContent()).toContain('Asked once, behind the check');
    expect(await popup.locator('.cg-message.cg-user').count()).toBe(1);
    expect(await popup.locator('.cg-error').count()).toBe(0);
    await tab.close();
    await popup.close();
  });
});
