/**
 * The browser check passed once, in Firefox (issue 16 item 2): with a G5 site, whose chat
 * requests also get the site's own Origin from the declarativeNetRequest session rules, the
 * background page's requests carry the cookie a normal tab received at /pass-check/. And from
 * the popup: the challenge button opens the site in a normal tab, the person passes the check
 * there, and the question is answered without being typed again.
 */
import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../src/shared/model';
import { canRunFirefox, openExtensionPage, sendTurn } from './firefox';
import { withFirefoxSite } from './fixtures/with-firefox-site';

const UUID = 'd2a7c8e0-0000-4000-8000-00000000c5b1';

function finishedMessage(events: Array<{ type: string }>): StoredMessage {
  const finished = events.find((e) => e.type === 'finished') as
    { message: StoredMessage } | undefined;
  expect(finished, JSON.stringify(events)).toBeDefined();
  return (finished as { message: StoredMessage }).message;
}

describe.skipIf(!canRunFirefox)('a site behind a browser check, in Firefox', () => {
  let page: Page;

  const e2e = withFirefoxSite({
    uuid: UUID,
    site: { generation: 'G5', faults: { clearance: true } },
    settings: { fallback: false },
  });
  beforeAll(async () => {
    page = await openExtensionPage(e2e.browser, UUID, 'popup/popup.html');
  });

  it('answers once the check was passed in a normal tab, with the cookie and the site’s Origin', async () => {
    const before = finishedMessage(await sendTurn(page, 'Before the check'));
    expect(before.status).toBe('error');
    expect(before.error?.kind).toBe('challenge');

    const tab = await e2e.browser.newPage();
    await tab.goto(`${e2e.site.url}/pass-check/`);
    expect(await tab.$eval('h1', (h) => h.textContent)).toBe('Check passed');

    const after = finishedMessage(await sendTurn(page, 'After the check'));
    expect(after.status, JSON.stringify(after)).toBe('done');
    const ajax = e2e.site.log.filter((e) => e.path.includes('admin-ajax') && e.status === 200);
    expect(ajax.length).toBeGreaterThan(0);
    for (const entry of ajax) {
      expect(String(entry.headers['cookie'])).toContain('cf_clearance=passed');
      if (entry.form['action'] === 'aipkit_cache_sse_message')
        expect(entry.headers['origin']).toBe(e2e.site.url);
    }
  });
  it('from the popup: the challenge button opens the check, and the question is answered once it passed', async () => {
    // Forget the clearance the first test got: the site shows its check again.
    const cookies = await e2e.browser.cookies();
    await e2e.browser.deleteCookie(...cookies);
    const popup = await openExtensionPage(e2e.browser, UUID, 'popup/popup.html');
    await popup.locator('::-p-aria(New chat)').click();
    await popup.locator('textarea').fill('Asked once, behind the check');
    await popup.keyboard.press('Enter');
    await popup.waitForSelector('.cg-error[data-kind="challenge"]', { timeout: 30_000 });
    const opened = e2e.browser.waitForTarget((t) => t.url() === `${e2e.site.url}/`, {
      timeout: 15_000,
    });
    await popup.click('.cg-error .cg-pass-check');
    const tab = await (await opened).page();
    expect(tab).not.toBeNull();
    if (!tab) return;
    await tab.waitForSelector('#pass-check', { timeout: 15_000 });
    expect(await tab.title()).toBe('Just a moment...');
    // The person passes it; the check sends the tab back to the page it was asked for.
    await Promise.all([tab.waitForNavigation(), tab.click('#pass-check')]);
    expect(await tab.title()).not.toBe('Just a moment...');

    // The background saw the tab pass and asked the same answer again.
    await popup.waitForFunction(
      () =>
        document
          .querySelector('.cg-message.cg-assistant:last-of-type')
          ?.getAttribute('data-status') === 'done',
      { timeout: 30_000 },
    );
    const answer = await popup.$eval(
      '.cg-message.cg-assistant:last-of-type',
      (el) => el.textContent,
    );
    expect(answer).toContain('Asked once, behind the check');
    expect(await popup.$$eval('.cg-message.cg-user', (els) => els.length)).toBe(1);
    expect(await popup.$$eval('.cg-error', (els) => els.length)).toBe(0);
    await tab.close();
    await popup.close();
  });
});
