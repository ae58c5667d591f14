/**
 * The options page in real Chromium against the local test site: adding a site through the form
 * (permission + self-test with its steps), a broken site showing the failing step, fallback from
 * a failing default to a working site (the answer says which site gave it), a quick action edited
 * here reaching the context menu and answering, export → delete → import round-tripping every
 * conversation, keyboard/axe checks, and screenshots in light and dark.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnEvent } from '../../src/shared/messages';
import type { Conversation, StoredMessage } from '../../src/shared/model';
import { startSite, type TestSite } from '../site/server';
import { ROOT, launchExtension, type ExtensionHarness } from './harness';
import {
  dispatchMenu,
  dispatchShortcut,
  getSettingsRaw,
  tabOf,
  waitForSidebar,
} from './pages/helpers';

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

/** A one-off request to the worker from an extension page; throws on an error reply. */
async function ask<T>(page: Page, type: string, payload: object = {}): Promise<T> {
  const reply = (await page.evaluate(
    ({ type, payload }) =>
      (globalThis as unknown as { chrome: Chrome }).chrome.runtime.sendMessage({ type, payload }),
    { type, payload },
  )) as { ok: boolean; value?: T; error?: { message: string } };
  if (!reply.ok) throw new Error(`${type}: ${reply.error?.message}`);
  return reply.value as T;
}

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

/** The list item of a site (its URL is shown as stored: with a trailing slash for an origin). */
const siteItem = (page: Page, url: string) => page.locator(`li[data-site="${url}"]`);

async function axeViolations(
  page: Page,
): Promise<Array<{ id: string; impact: string; help: string; nodes: number }>> {
  // Extension pages forbid inline scripts (CSP), so axe goes in through the debugger protocol.
  await page.evaluate(readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(): Promise<{
            violations: Array<{ id: string; impact: string; help: string; nodes: unknown[] }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
  });
}

describe('options page', () => {
  let harness: ExtensionHarness;
  let good: TestSite;
  let broken: TestSite;
  let sw: Worker;
  let options: Page;
  let goodUrl: string;
  let brokenUrl: string;

  beforeAll(async () => {
    harness = await launchExtension();
    good = await startSite();
    broken = await startSite({ faults: { challenge: 503 } });
    goodUrl = `${good.url}/`;
    brokenUrl = `${broken.url}/`;
    sw = await harness.worker();
    options = await harness.openPage('options/options.html');
    await options.getByRole('heading', { name: 'Chat sites' }).waitFor();
  });
  afterAll(async () => {
    await harness?.close();
    await good?.close();
    await broken?.close();
  });

  it('adds the local test site through the form; the self-test passes and shows every step', async () => {
    await addSite(options, good.url);
    const item = siteItem(options, goodUrl);
    const result = item.getByTestId('self-test');
    await expect.poll(() => result.getAttribute('data-ok'), { timeout: 30_000 }).toBe('true');
    for (const step of ['page', 'tokens', 'generation', 'message', 'reply']) {
      const row = item.locator(`li[data-step="${step}"]`);
      expect(await row.getAttribute('data-state')).toBe('ok');
      expect(await row.innerText()).toMatch(/\d+ ms/);
    }
    expect(await item.innerText()).toContain('Connection works');
    const stored = (await getSettingsRaw(sw)).sites as Array<{ url: string; check?: unknown }>;
    expect(stored.find((s) => s.url === goodUrl)?.check).toMatchObject({ ok: true });
    // The "Checking the connection…" line is gone once the check ended; the site is offered as default.
    const status = options.locator('#sites > p[role="status"]');
    await expect
      .poll(() => status.innerText())
      .toContain(`Added ${goodUrl}. The connection works.`);
    expect(await status.innerText()).not.toContain('Checking');
    expect(await status.getByRole('button', { name: 'Make it the default' }).count()).toBe(1);
    await harness.screenshot(options, 'options-site-added');
  });

  it('shows which step failed for a broken site (a browser-check page), in plain words', async () => {
    await addSite(options, broken.url);
    const item = siteItem(options, brokenUrl);
    const result = item.getByTestId('self-test');
    await expect.poll(() => result.getAttribute('data-ok'), { timeout: 30_000 }).toBe('false');
    const failed = item.locator('li[data-state="failed"]');
    expect(await failed.count()).toBe(1);
    expect(await item.innerText()).toContain('Connection failed at the step');
    expect(await failed.innerText()).toContain('browser check');
    // Steps after the failing one were not reached.
    expect(await item.locator('li[data-state="skipped"]').count()).toBeGreaterThan(0);
    // Marked, stored, and said in the status line (no "Checking…" left there).
    expect(await item.getByTestId('check-failed').innerText()).toBe('Check failed');
    const stored = (await getSettingsRaw(sw)).sites as Array<{ url: string; check?: unknown }>;
    expect(stored.find((s) => s.url === brokenUrl)?.check).toMatchObject({
      ok: false,
      kind: 'challenge',
    });
    const status = options.locator('#sites > p[role="status"]');
    expect(await status.innerText()).toContain('its connection check failed');
    await item.scrollIntoViewIfNeeded();
    await harness.screenshot(options, 'options-site-broken');
    // The results (passed and failed steps) are as accessible as the rest of the page.
    expect(await axeViolations(options)).toEqual([]);
  });

  it('shows the failing step for a page without a chat', async () => {
    const page = good.pages.nonChat;
    await addSite(options, page);
    const item = siteItem(options, page);
    await expect
      .poll(() => item.getByTestId('self-test').getAttribute('data-ok'), { timeout: 30_000 })
      .toBe('false');
    expect(await item.locator('li[data-state="failed"]').count()).toBe(1);
    await item.getByRole('button', { name: `Remove ${page}` }).click();
    await expect.poll(() => item.count()).toBe(0);
  });

  it('falls back from a failing default site to a working one, and the answer says which site gave it', async () => {
    // Make the broken site the default and drop chatgptt.me (unreachable offline: a network
    // error, which rightly does not fall back).
    await siteItem(options, brokenUrl)
      .getByRole('button', { name: `Make default: ${brokenUrl}` })
      .click();
    await siteItem(options, 'https://chatgptt.me')
      .getByRole('button', { name: /^Remove/ })
      .click();
    await expect
      .poll(async () => {
        const s = await getSettingsRaw(sw);
        return [s.defaultSite, (s.sites as Array<{ url: string }>).map((x) => x.url), s.fallback];
      })
      .toEqual([brokenUrl, [brokenUrl, goodUrl], true]);

    const events = await sendTurn(options, 'Which site answers?');
    const finished = events.find((e) => e.type === 'finished');
    expect(finished, JSON.stringify(events)).toBeDefined();
    const message = (finished as { message: StoredMessage }).message;
    expect(message.status).toBe('done');
    expect(message.text.length).toBeGreaterThan(0);
    expect(message.site).toBe(goodUrl);
    const accepted = events.find((e) => e.type === 'accepted') as { conversation: Conversation };
    expect(accepted.conversation.site).toBe(brokenUrl);
    // The broken site was really asked first.
    expect(broken.log.length).toBeGreaterThan(0);
  });

  it('a bare host becomes https; when https does not connect it asks before trying http, then offers the passed site as default', async () => {
    const plain = await startSite();
    try {
      const host = plain.url.replace(/^http:\/\//, '');
      const httpsUrl = `https://${host}/`;
      const httpUrl = `${plain.url}/`;
      await addSite(options, host);
      const status = options.locator('#sites > p[role="status"]');
      // The test site speaks plain http only, so https fails at the first step; nothing tried http yet.
      const tryHttp = status.getByRole('button', { name: `Try ${httpUrl}` });
      await tryHttp.waitFor({ timeout: 30_000 });
      expect(await status.innerText()).toContain(`${httpsUrl} could not be reached over https`);
      expect(plain.log.length).toBe(0);
      await tryHttp.click();
      await expect
        .poll(() => status.innerText(), { timeout: 30_000 })
        .toContain(`Added ${httpUrl}. The connection works.`);
      expect(await siteItem(options, httpsUrl).count()).toBe(0);
      await status.getByRole('button', { name: 'Make it the default' }).click();
      await expect.poll(async () => (await getSettingsRaw(sw)).defaultSite).toBe(httpUrl);
      await harness.screenshot(options, 'options-site-http-default');
      // Back to the order the later tests expect: the broken site default, then the good one.
      await siteItem(options, brokenUrl)
        .getByRole('button', { name: `Make default: ${brokenUrl}` })
        .click();
      await siteItem(options, httpUrl)
        .getByRole('button', { name: `Remove ${httpUrl}` })
        .click();
      await expect.poll(() => siteItem(options, httpUrl).count()).toBe(0);
    } finally {
      await plain.close();
    }
  });

  it('a quick action edited here reaches the context menu and answers with its prompt', async () => {
    // Record the menu items the worker creates from now on.
    await sw.evaluate(() => {
      const g = globalThis as unknown as {
        chrome: Chrome;
        browser?: Chrome;
        __menus: Array<{ id: string; title: string }>;
      };
      g.__menus = [];
      for (const api of [g.chrome, g.browser]) {
        const original = api?.contextMenus?.create;
        if (!api || !original) continue;
        api.contextMenus.create = function (this: unknown, ...args: unknown[]) {
          g.__menus.push(args[0] as { id: string; title: string });
          return original.apply(this, args);
        };
      }
    });
    await options.getByRole('button', { name: 'Add quick action' }).click();
    const items = options.locator('li[data-action]');
    const last = items.last();
    const name = last.getByLabel('Name');
    await expect.poll(() => name.evaluate((el) => el === document.activeElement)).toBe(true);
    await name.fill('Pirate');
    await name.press('Tab');
    const prompt = last.getByLabel('Prompt');
    await prompt.fill('Say it like a pirate: {{selection}}');
    await prompt.press('Tab');
    // Keyboard reordering: move it to the top.
    const count = await items.count();
    for (let i = 0; i < count - 1; i++) {
      await options.getByRole('button', { name: 'Move Pirate up' }).click();
    }
    await expect.poll(() => items.first().getAttribute('data-action')).toMatch(/^custom-/);
    const settings = await getSettingsRaw(sw);
    const actions = settings.quickActions as Array<{ id: string; title: string; prompt: string }>;
    expect(actions[0]).toMatchObject({
      title: 'Pirate',
      prompt: 'Say it like a pirate: {{selection}}',
    });
    const id = actions[0]?.id as string;

    await expect
      .poll(() =>
        sw.evaluate(
          () =>
            (globalThis as unknown as { __menus: Array<{ id: string; title: string }> }).__menus,
        ),
      )
      .toContainEqual(expect.objectContaining({ id: `chatgptt-action:${id}`, title: 'Pirate' }));

    const page = await harness.context.newPage();
    await page.goto(goodUrl.replace(/\/$/, '') + '/plain/');
    const tab = await tabOf(sw, page);
    await dispatchMenu(sw, tab, `chatgptt-action:${id}`, 'the treasure map');
    await expect
      .poll(
        async () => {
          const { items } = await ask<{ items: Array<{ id: string }> }>(
            options,
            'conversations/list',
            {
              query: 'pirate',
            },
          );
          for (const item of items) {
            const { messages } = await ask<{ messages: StoredMessage[] }>(
              options,
              'conversations/get',
              {
                id: item.id,
              },
            );
            if (
              messages.some(
                (m) =>
                  m.role === 'user' &&
                  m.text.includes('Say it like a pirate: """\nthe treasure map\n"""'),
              )
            )
              return true;
          }
          return false;
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    await page.close();
  });

  it('export then import round-trips every conversation', async () => {
    await sendTurn(options, 'A first conversation, for the export');
    await sendTurn(options, 'A second conversation, for the export');
    const before = await ask<{ filename: string; content: string }>(
      options,
      'conversations/export',
      {
        format: 'json',
      },
    );
    const original = JSON.parse(before.content) as {
      conversations: Array<{ id: string; messages: StoredMessage[] }>;
    };
    expect(original.conversations.length).toBeGreaterThanOrEqual(2);

    await options.bringToFront();
    const downloadPromise = options.waitForEvent('download');
    await options.getByRole('button', { name: 'Export all conversations' }).click();
    const download = await downloadPromise;
    const file = join(ROOT, 'test-results', download.suggestedFilename());
    await download.saveAs(file);
    const exported = JSON.parse(readFileSync(file, 'utf8')) as typeof original;
    expect(exported.conversations.map((c) => c.id).sort()).toEqual(
      original.conversations.map((c) => c.id).sort(),
    );

    await options.getByRole('button', { name: 'Delete all history' }).click();
    const confirmDelete = options.getByRole('button', { name: 'Delete everything' });
    await expect
      .poll(() => confirmDelete.evaluate((el) => el === document.activeElement))
      .toBe(true);
    await confirmDelete.click();
    await expect
      .poll(async () => (await ask<{ total: number }>(options, 'conversations/list', {})).total)
      .toBe(0);

    await options.locator('input[type="file"]').setInputFiles(file);
    const messageCount = exported.conversations.reduce((n, c) => n + c.messages.length, 0);
    const summary = options.locator('#import-summary');
    await expect
      .poll(() => summary.innerText().catch(() => ''))
      .toContain(`${exported.conversations.length} conversations with ${messageCount} messages`);
    await harness.screenshot(options, 'options-import-summary');
    await options.getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(() => options.getByRole('status').allInnerTexts())
      .toContainEqual(
        expect.stringContaining(`Imported ${exported.conversations.length} conversations`),
      );

    const after = await ask<{ content: string }>(options, 'conversations/export', {
      format: 'json',
    });
    const restored = JSON.parse(after.content) as typeof original;
    const strip = (bundle: typeof original) =>
      bundle.conversations
        .map((c) => ({ ...c, messages: c.messages.map((m) => ({ ...m })) }))
        .sort((a, b) => a.id.localeCompare(b.id));
    expect(strip(restored)).toEqual(strip(original));
  });

  it('rejects an invalid import file and changes nothing', async () => {
    const before = (await ask<{ total: number }>(options, 'conversations/list', {})).total;
    await options.locator('input[type="file"]').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"something-else"}'),
    });
    await expect
      .poll(() => options.getByRole('status').allInnerTexts())
      .toContainEqual(expect.stringContaining('not a ChatGptt export. Nothing was changed.'));
    expect((await ask<{ total: number }>(options, 'conversations/list', {})).total).toBe(before);
  });

  it('shows the real shortcuts and the storage used', async () => {
    const table = options.getByTestId('shortcuts');
    await expect.poll(() => table.innerText()).toContain('Alt');
    expect(await options.getByTestId('storage-used').innerText()).toMatch(/use \d/);
    const opened = harness.context.waitForEvent('page');
    await options.getByRole('button', { name: 'Change shortcuts' }).click();
    const shortcuts = await opened;
    await expect.poll(() => shortcuts.url()).toContain('chrome://extensions/shortcuts');
    await shortcuts.close();
  });

  it('is usable from the keyboard with visible focus, and axe finds nothing serious (light and dark)', async () => {
    await options.reload();
    await options.getByRole('heading', { name: 'Chat sites' }).waitFor();
    // Tab reaches the site URL field through the section links; focus is drawn.
    await options.keyboard.press('Tab');
    const outline = await options.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return getComputedStyle(el).outlineStyle;
    });
    expect(outline).not.toBe('none');
    expect(await axeViolations(options)).toEqual([]);
    await options.evaluate(() => window.scrollTo(0, 0));
    await harness.screenshot(options, 'options-light');

    const onboarding = await harness.openPage('onboarding/onboarding.html');
    await onboarding.getByRole('heading', { level: 1 }).waitFor();
    expect(await onboarding.locator('[data-command="toggle-sidebar"]').innerText()).toContain(
      'Alt',
    );
    expect(await axeViolations(onboarding)).toEqual([]);
    await harness.screenshot(onboarding, 'onboarding-light');

    for (const page of [options, onboarding]) await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axeViolations(options)).toEqual([]);
    expect(await axeViolations(onboarding)).toEqual([]);
    await harness.screenshot(options, 'options-dark');
    await harness.screenshot(onboarding, 'onboarding-dark');
    await onboarding.close();
  });

  it('switches to Russian from the Appearance section', async () => {
    await options.getByLabel('Language').selectOption('ru');
    await options.getByRole('heading', { name: 'Сайты чата' }).waitFor();
    await harness.screenshot(options, 'options-ru');
    await options.getByLabel('Язык').selectOption('auto');
    await options.getByRole('heading', { name: 'Chat sites' }).waitFor();
  });

  it('sets the sidebar to push the page aside, and the next sidebar does', async () => {
    await options.getByLabel('Sidebar', { exact: true }).selectOption('push');
    await expect.poll(async () => (await getSettingsRaw(sw)).sidebarMode).toBe('push');
    const page = await harness.context.newPage();
    await page.goto(good.pages.nonChat);
    await page.bringToFront();
    await dispatchShortcut(sw, await tabOf(sw, page));
    await waitForSidebar(page, harness.extensionId);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).marginRight)).toBe(
      '420px',
    );
    await page.close();
    await options.bringToFront();
    await options.getByLabel('Sidebar', { exact: true }).selectOption('overlay');
    await expect.poll(async () => (await getSettingsRaw(sw)).sidebarMode).toBe('overlay');
  });
});
