/**
 * The exact package users install (issue 15): `npm run package`'s chatgptt-<v>-chrome.zip,
 * unzipped and loaded unmodified, so only its own permissions apply — `https://chatgptt.me/*`,
 * activeTab + scripting, nothing for the pages. `chatgptt.me` is the local test site, served
 * over TLS with a certificate made here and trusted by its key alone
 * (`--host-resolver-rules` + `--ignore-certificate-errors-spki-list`); the articles come from
 * `article.example`, a host the package has no permission for. The popup answers from
 * https://chatgptt.me; the real shortcut and the real context menu (xvfb) open the sidebar through
 * the gesture's activeTab; a tab no gesture touched stays out of reach.
 * Firefox: release-firefox.test.ts (the Firefox zip; a PAC proxy stands in for the host rules).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_HOSTS } from '../../scripts/manifest';
import { skipNote } from '../skips';
import { closeOnboarding, launchExtension, type ExtensionHarness } from './harness';
import { hostCount, selectText, sidebarFrame, waitForSidebar } from './pages/helpers';
import { permissionWarnings } from './permission-warnings';
import { ARTICLE_HOST, startReleaseTier, type ReleaseTier } from './release-package';
import { canUseRealInput as realInput } from './real-input';

const key = (keys: string): void => {
  execFileSync('xdotool', ['key', '--clearmodifiers', keys]);
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the release package, unmodified, against https://chatgptt.me (Chromium)', () => {
  let tier: ReleaseTier;
  let harness: ExtensionHarness;
  let sw: Worker;
  let popup: Page;
  let articleBase: string;

  beforeAll(async () => {
    tier = await startReleaseTier('chrome');
    articleBase = `http://${ARTICLE_HOST}:${tier.pagesPort}`;
    harness = await launchExtension({
      extensionDir: tier.extensionDir,
      headless: !realInput,
      args: [
        `--host-resolver-rules=MAP chatgptt.me:443 127.0.0.1:${tier.site.port}, MAP ${ARTICLE_HOST} 127.0.0.1`,
        `--ignore-certificate-errors-spki-list=${tier.spki}`,
      ],
    });
    sw = await harness.worker();
    await closeOnboarding(harness);
    popup = await harness.openPage('popup/popup.html');
  }, 180_000);
  afterAll(async () => {
    await harness?.close();
    await tier?.close();
  });

  it('is the package as shipped: no test hosts, only the chat site, warned as such', async () => {
    const manifest = JSON.parse(readFileSync(join(tier.extensionDir, 'manifest.json'), 'utf8')) as {
      host_permissions: string[];
      permissions: string[];
      content_scripts?: unknown;
    };
    expect(manifest.host_permissions).toEqual(['https://chatgptt.me/*']);
    expect(manifest.host_permissions.some((h) => TEST_HOSTS.includes(h))).toBe(false);
    expect(manifest.permissions).not.toContain('proxy');
    expect(await permissionWarnings(popup, manifest)).toEqual([
      'Read and change your data on chatgptt.me',
    ]);
  });

  it('the popup answers from https://chatgptt.me', async () => {
    await popup.reload();
    const composer = popup.getByRole('textbox', { name: 'Message' });
    await composer.fill('Hello from the release build');
    await composer.press('Enter');
    const answer = popup.locator('.cg-message.cg-assistant').last();
    await expect
      .poll(() => answer.getAttribute('data-status'), { timeout: 30_000 })
      .toMatch(/done|error/);
    expect(await answer.textContent()).toContain('Hello from the release build');
    expect(await answer.getAttribute('data-status')).toBe('done');
    const ajax = tier.site.log.filter((e) => e.path === '/wp-admin/admin-ajax.php');
    expect(ajax.length).toBeGreaterThan(0);
    expect(ajax.every((e) => e.headers['host'] === 'chatgptt.me')).toBe(true);
  });

  it('refuses to touch a tab where no gesture happened', async () => {
    const article = await harness.context.newPage();
    await article.goto(`${articleBase}/article.html`);
    const tabId = await sw.evaluate(async (url) => {
      const { chrome } = globalThis as unknown as {
        chrome: { tabs: { query(q: object): Promise<Array<{ id: number; url?: string }>> } };
      };
      const tabs = await chrome.tabs.query({});
      // No `tabs` permission and no grant: the worker cannot even see the tab's URL.
      return { id: tabs.find((t) => t.url === url)?.id, urls: tabs.filter((t) => t.url).length };
    }, `${articleBase}/article.html`);
    expect(tabId.id).toBeUndefined();
    const ids = await sw.evaluate(async () => {
      const { chrome } = globalThis as unknown as {
        chrome: { tabs: { query(q: object): Promise<Array<{ id: number }>> } };
      };
      return (await chrome.tabs.query({})).map((t) => t.id);
    });
    const refusals = await sw.evaluate(async (tabIds) => {
      const { chrome } = globalThis as unknown as {
        chrome: { scripting: { executeScript(o: object): Promise<unknown> } };
      };
      const out: string[] = [];
      for (const tabId of tabIds) {
        try {
          await chrome.scripting.executeScript({ target: { tabId }, func: () => document.title });
          out.push('ran');
        } catch (error) {
          out.push(String(error));
        }
      }
      return out;
    }, ids);
    expect(refusals).not.toContain('ran');
    // The shortcut's listener without the key (a dispatched event carries no grant): no sidebar.
    await sw.evaluate((ids) => {
      const { chrome } = globalThis as unknown as {
        chrome: {
          commands: { onCommand: { dispatch(c: string, tab: object): void } };
        };
      };
      for (const id of ids)
        chrome.commands.onCommand.dispatch('toggle-sidebar', { id, windowId: -2 });
    }, ids);
    await sleep(1500);
    expect(await hostCount(article)).toBe(0);
    await article.close();
  });

  describe.runIf(realInput)(`with real input (xvfb)${skipNote(!realInput, 'realKeys')}`, () => {
    it('the real shortcut opens the sidebar on a page of a host without permission, selection quoted', async () => {
      const article = await harness.context.newPage();
      await article.goto(`${articleBase}/article.html`);
      await article.bringToFront();
      execFileSync('xdotool', ['mousemove', '1270', '790']);
      const selected = (await selectText(article, '#target')).trim();
      key('alt+shift+g');
      const frame = await waitForSidebar(article, harness.extensionId);
      await expect
        .poll(async () => (await frame.locator('.cg-context').textContent()) ?? '', {
          timeout: 15_000,
        })
        .toContain(selected.slice(0, 40));
      await article.close();
    });

    it('“Ask ChatGptt” from the real context menu opens the sidebar with the selection', async () => {
      const article = await harness.context.newPage();
      await article.goto(`${articleBase}/article.html`);
      await article.bringToFront();
      execFileSync('xdotool', ['mousemove', '1270', '790']);
      const selected = (await selectText(article, '#lede')).trim();
      const box = await article.locator('#lede').boundingBox();
      if (!box) throw new Error('no #lede');
      await article.mouse.click(box.x + 40, box.y + 10, { button: 'right' });
      await sleep(800);
      key('Up');
      key('Up');
      key('Right');
      await sleep(300);
      key('Return');
      const frame = await waitForSidebar(article, harness.extensionId);
      await expect
        .poll(async () => (await frame.locator('.cg-context').textContent()) ?? '', {
          timeout: 15_000,
        })
        .toContain(selected.slice(0, 40));
      expect(sidebarFrame(article, harness.extensionId)).toBeDefined();
      await article.close();
    });
  });
});
