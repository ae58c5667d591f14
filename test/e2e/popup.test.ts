/**
 * The toolbar popup in real Chromium against the local test site: streaming with a code block
 * and Copy, Stop (a quiet "Stopped", Continue), Regenerate, Edit & resend, history (search,
 * rename, delete, undo), the error kinds with their way out, an expired nonce recovered
 * silently, an XSS-laden answer rendered inert, axe-core, and screenshots in light/dark ×
 * English/Russian.
 * Build first: npx tsx scripts/build.ts --test --target=chrome --out=extension/h-ui
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { startSite } from '../site/server';
import { marker, xssBatches } from '../hostile/xss-vectors';
import { ROOT } from './harness';
import { withSite } from './fixtures/with-site';
import { setSettings as mergeSettings, reopenPopup } from './pages/helpers';

const ANSWERS = '.cg-message.cg-assistant';
const CODE = 'console.log("hello from the test site");';

describe('the popup', () => {
  const e2e = withSite({ site: { faults: { chunkDelayMs: 20 } }, settings: { fallback: false } });
  let page: Page;
  const dialogs: string[] = [];

  const setSettings = (patch: Record<string, unknown>) => mergeSettings(page, patch);

  const reopen = () => reopenPopup(page);

  const composer = () => page.getByRole('textbox', { name: 'Message' });
  const answers = () => page.locator(ANSWERS);

  /** Sends `text` and waits until the new answer reaches a final state; answers that state. */
  async function ask(text: string): Promise<string> {
    const before = await answers().count();
    await composer().fill(text);
    await composer().press('Enter');
    await expect.poll(() => answers().count(), { timeout: 20_000 }).toBeGreaterThan(before);
    const answer = answers().last();
    await expect
      .poll(() => answer.getAttribute('data-status'), { timeout: 30_000 })
      .toMatch(/done|error|interrupted/);
    return (await answer.getAttribute('data-status')) ?? '';
  }

  async function newChat(): Promise<void> {
    await page.getByRole('button', { name: 'New chat' }).click();
    await expect.poll(() => answers().count()).toBe(0);
  }

  beforeAll(async () => {
    e2e.harness.context.on('page', (p) =>
      p.on('dialog', (d) => void d.dismiss().then(() => dialogs.push(d.message()))),
    );
    page = await e2e.harness.openPage('popup/popup.html');
    page.on('dialog', (d) => void d.dismiss().then(() => dialogs.push(d.message())));
    await page.setViewportSize({ width: 400, height: 600 });
    await reopen();
  });

  it('opens with the composer focused and the site and its bot in the header', async () => {
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Message');
    const using = page.locator('.cg-using');
    await expect.poll(() => using.textContent()).toContain(new URL(e2e.site.url).host);
    // The site decides the model (G4): the header names its default bot, never "gpt-4o".
    await expect.poll(() => page.locator('.cg-using-model').textContent()).toBe('Chat');
    expect(await using.textContent()).not.toContain('gpt-4o');
  });

  it('streams the answer with a highlighted code block; Copy code works', async () => {
    await composer().fill('Show me some code');
    await composer().press('Enter');
    // Streaming: the answer text is seen growing before it is done.
    const lengths = new Set<number>();
    const answer = answers().last();
    await answer.waitFor();
    for (let i = 0; i < 400; i += 1) {
      const status = await answer.getAttribute('data-status');
      lengths.add(((await answer.textContent()) ?? '').length);
      if (status === 'done') break;
      await page.waitForTimeout(15);
    }
    expect(await answer.getAttribute('data-status')).toBe('done');
    expect(lengths.size).toBeGreaterThan(2);
    const code = answer.locator('.md-code pre code');
    expect(await code.textContent()).toBe(CODE);
    await answer.locator('code[data-highlighted] .hljs-string').first().waitFor();
    await answer.getByRole('button', { name: 'Copy code' }).click();
    await expect
      .poll(() => answer.locator('.md-code-bar button').textContent())
      .toContain('Copied');
    // What was copied pastes back into the composer.
    await composer().focus();
    await page.keyboard.press('ControlOrMeta+V');
    await expect.poll(() => composer().inputValue()).toBe(CODE);
    await composer().fill('');
    // The user's question is in the conversation above the answer.
    expect(await page.locator('.cg-user .cg-bubble').last().textContent()).toBe(
      'Show me some code',
    );
  });

  it('Regenerate replaces the answer', async () => {
    const before = await answers().count();
    const old = await answers().last().elementHandle();
    await page.getByRole('button', { name: 'Regenerate' }).click();
    // The old answer leaves the DOM; the new one streams in its place.
    await expect.poll(() => old?.evaluate((el) => el.isConnected), { timeout: 20_000 }).toBe(false);
    await expect
      .poll(() => answers().last().getAttribute('data-status'), { timeout: 30_000 })
      .toBe('done');
    expect(await answers().count()).toBe(before);
    expect(await answers().last().textContent()).toContain('Show me some code');
  });

  it('Edit & resend answers the edited question', async () => {
    await page.locator('.cg-user').last().getByRole('button', { name: 'Edit' }).click();
    const editor = page.getByRole('textbox', { name: 'Edit your message' });
    await editor.fill('An edited question');
    await page.getByRole('button', { name: 'Save & send' }).click();
    await expect
      .poll(() => answers().last().textContent(), { timeout: 30_000 })
      .toContain('An edited question');
    await expect
      .poll(() => answers().last().getAttribute('data-status'), { timeout: 30_000 })
      .toBe('done');
    expect(await page.locator('.cg-user .cg-bubble').allTextContents()).toEqual([
      'An edited question',
    ]);
  });

  it('Stop keeps the partial answer, a quiet "Stopped", Continue and Regenerate; Continue completes it', async () => {
    const long = Array.from({ length: 80 }, (_, i) => `Sentence ${i} of a slow answer.`).join(' ');
    e2e.site.configure({ reply: long, faults: { chunkDelayMs: 100 } });
    const before = await answers().count();
    await composer().fill('A slow one please');
    await composer().press('Enter');
    await expect.poll(() => answers().count()).toBe(before + 1);
    const answer = answers().last();
    await expect
      .poll(async () => ((await answer.locator('.md').textContent()) ?? '').length, {
        timeout: 20_000,
      })
      .toBeGreaterThan(5);
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect
      .poll(() => answer.getAttribute('data-status'), { timeout: 20_000 })
      .toBe('interrupted');
    expect(await answer.locator('.cg-stopped').textContent()).toBe('Stopped');
    expect(await answer.getByRole('alert').count()).toBe(0);
    expect(await answer.getByRole('button', { name: 'Continue' }).isVisible()).toBe(true);
    expect(await answer.getByRole('button', { name: 'Regenerate' }).isVisible()).toBe(true);
    expect(await answer.getByRole('button', { name: 'Retry' }).count()).toBe(0);
    await e2e.harness.screenshot(page, 'popup-stopped');
    // Stop is no error: the user goes on typing.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Message');
    const partial = (await answer.locator('.md').textContent()) ?? '';
    expect(partial.length).toBeGreaterThan(5);
    expect(partial.length).toBeLessThan(long.length);
    e2e.site.configure({ reply: null, faults: { chunkDelayMs: 5 } });
    await answer.getByRole('button', { name: 'Continue' }).click();
    await expect
      .poll(() => answers().last().getAttribute('data-status'), { timeout: 30_000 })
      .toBe('done');
    expect(await answers().count()).toBe(before + 1);
    const whole = (await answers().last().locator('.md').textContent()) ?? '';
    expect(whole.startsWith(partial)).toBe(true);
    expect(whole.length).toBeGreaterThan(partial.length);
  });

  it('reopens on the last conversation', async () => {
    await reopen();
    await expect
      .poll(() => page.locator('.cg-user .cg-bubble').last().textContent())
      .toBe('A slow one please');
  });

  it('keeps a half-typed message when the popup closes, until it is emptied or sent', async () => {
    await composer().fill('A thought I was still typing');
    await reopen();
    await expect.poll(() => composer().inputValue()).toBe('A thought I was still typing');
    // Emptied by hand: nothing comes back (sending empties it too, see the component tests).
    await composer().fill('');
    await reopen();
    await page.waitForTimeout(300);
    expect(await composer().inputValue()).toBe('');
  });

  it('history: search with highlights, rename, delete with undo, open', async () => {
    await newChat();
    expect(await ask('Tell me about zebras')).toBe('done');
    await page.getByRole('button', { name: 'History' }).click();
    const history = page.getByRole('region', { name: 'History' });
    await history.getByRole('heading', { name: 'Today' }).waitFor();
    await history.getByRole('searchbox', { name: 'Search conversations' }).fill('zebra');
    await expect.poll(() => history.locator('mark').first().textContent()).toMatch(/zebra/i);
    const rows = history.locator('.cg-history-row');
    await expect.poll(() => rows.count()).toBe(1);
    const title = (await rows.first().locator('.cg-history-title').textContent()) ?? '';
    // Row actions sit in the row's "…" menu.
    const act = async (name: string, action: string) => {
      await history.getByRole('button', { name: `Actions for “${name}”` }).click();
      await history.getByRole('menuitem', { name: `${action} “${name}”` }).click();
    };
    await act(title, 'Rename');
    await history.getByRole('textbox', { name: 'New title' }).fill('Striped horses');
    await history.getByRole('textbox', { name: 'New title' }).press('Enter');
    await history.getByRole('searchbox').fill('');
    await history.locator('.cg-history-title', { hasText: 'Striped horses' }).waitFor();
    await act('Striped horses', 'Delete');
    await expect
      .poll(() => history.locator('.cg-history-title', { hasText: 'Striped horses' }).count())
      .toBe(0);
    await history.getByRole('button', { name: 'Undo' }).click();
    await history.locator('.cg-history-title', { hasText: 'Striped horses' }).waitFor();
    // Export downloads the conversation as Markdown.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      act('Striped horses', 'Export'),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    const file = await download.path();
    const markdown = readFileSync(file, 'utf8');
    expect(markdown).toContain('Striped horses');
    expect(markdown).toContain('Tell me about zebras');
    await history.locator('.cg-history-title', { hasText: 'Striped horses' }).click();
    await expect
      .poll(() => page.locator('.cg-user .cg-bubble').last().textContent())
      .toBe('Tell me about zebras');
  });

  describe('errors', () => {
    const alert = () => answers().last().getByRole('alert');

    it('a browser check: plain words, Pass the check on <site>, Retry; the question stays', async () => {
      await newChat();
      e2e.site.configure({ faults: { challenge: 503 } });
      expect(await ask('Behind a check')).toBe('error');
      e2e.site.configure({ faults: {} });
      const host = new URL(e2e.site.url).host;
      expect(await alert().textContent()).toMatch(/browser check/);
      await alert()
        .getByRole('button', { name: `Pass the check on ${host}` })
        .waitFor();
      expect(await page.locator('.cg-user .cg-bubble').last().textContent()).toBe('Behind a check');
      await alert().getByRole('button', { name: 'Retry' }).click();
      await expect
        .poll(() => answers().last().getAttribute('data-status'), { timeout: 30_000 })
        .toBe('done');
    });

    it('a quota: explained, with Retry', async () => {
      await newChat();
      e2e.site.configure({ faults: { quota: true } });
      expect(await ask('Over the limit')).toBe('error');
      e2e.site.configure({ faults: {} });
      expect(await alert().textContent()).toMatch(/free message limit/);
      await alert().getByRole('button', { name: 'Retry' }).waitFor();
      await alert().getByText('Details').click();
      await e2e.harness.screenshot(page, 'popup-error-quota');
    });

    it('the site down: could not reach, with Retry', async () => {
      const down = await startSite();
      const url = `${down.url}/`;
      await down.close();
      await setSettings({ sites: [{ url }], defaultSite: url });
      await newChat();
      expect(await ask('Anyone there?')).toBe('error');
      expect(await alert().textContent()).toMatch(/Could not reach|took too long/);
      await alert().getByRole('button', { name: 'Retry' }).waitFor();
      await setSettings({ sites: [{ url: `${e2e.site.url}/` }], defaultSite: `${e2e.site.url}/` });
    });

    it('the default site down, a second site configured: it answers, and the label says why', async () => {
      const down = await startSite();
      const url = `${down.url}/`;
      await down.close();
      const backup = `${e2e.site.url}/`;
      await setSettings({ sites: [{ url }, { url: backup }], defaultSite: url, fallback: true });
      await newChat();
      expect(await ask('Is anyone up?')).toBe('done');
      const label = page.locator('.cg-answer-label').last();
      // The backup site's bot is named where its bots were read (this page has two).
      expect(await label.textContent()).toMatch(
        new RegExp(
          `^Answered by (Chat · )?${new URL(backup).host}: ${new URL(url).host} could not be reached\\.$`,
        ),
      );
      await e2e.harness.screenshot(page, 'popup-fallback-label');
      await setSettings({ sites: [{ url: backup }], defaultSite: backup, fallback: false });
    });

    it('an expired nonce is recovered without the user noticing', async () => {
      await newChat();
      expect(await ask('First, to cache the tokens')).toBe('done');
      e2e.site.expireNonces();
      expect(await ask('After the nonce expired')).toBe('done');
      expect(await page.getByRole('alert').count()).toBe(0);
    });
  });

  it('an XSS-laden answer renders inert', async () => {
    await page.evaluate(() => {
      (globalThis as unknown as { __xssHits: unknown[]; __xss: (id: unknown) => void }).__xssHits =
        [];
      (globalThis as unknown as { __xss: (id: unknown) => void }).__xss = (id) =>
        (globalThis as unknown as { __xssHits: unknown[] }).__xssHits.push(id);
    });
    const [batch] = xssBatches(40);
    if (!batch) throw new Error('no vectors');
    const extra =
      '\n\n<img src=x onerror="__xss(9001)"> [x](javascript:__xss(9002)) <svg onload="__xss(9003)"></svg> <script>__xss(9004)</script>';
    e2e.site.configure({ reply: batch.reply + extra });
    await newChat();
    expect(await ask('Be evil')).toBe('done');
    e2e.site.configure({ reply: null });
    const answer = answers().last();
    // Delivered: the markers of the batch are on screen.
    const text = (await answer.textContent()) ?? '';
    for (const id of batch.ids) expect(text).toContain(marker(id));
    await page.waitForTimeout(500);
    const audit = await page.evaluate(() => {
      const handlers: string[] = [];
      for (const el of document.querySelectorAll('*'))
        for (const name of el.getAttributeNames())
          if (name.startsWith('on')) handlers.push(`${el.tagName} ${name}`);
      // An answer but its own row of action buttons (the app's icons are svg).
      const answers = [
        ...document.querySelectorAll('.cg-message.cg-assistant > :not(.cg-message-actions)'),
      ];
      const active = answers.flatMap((a) => [
        ...a.querySelectorAll('script, iframe, img, svg, math, object, embed, style, form'),
      ]);
      const hrefs = answers.flatMap((a) =>
        [...a.querySelectorAll('a')].map((x) => x.getAttribute('href') ?? ''),
      );
      return {
        handlers,
        active: active.map((e) => e.tagName),
        badHrefs: hrefs.filter((h) => !/^(https?:|mailto:)/.test(h)),
        hits: (globalThis as unknown as { __xssHits: unknown[] }).__xssHits,
      };
    });
    expect(audit).toEqual({ handlers: [], active: [], badHrefs: [], hits: [] });
    expect(dialogs).toEqual([]);
  });

  it('a worker killed mid-answer: the popup shows it interrupted, Continue finishes it', async () => {
    await newChat();
    e2e.site.configure({ faults: { chunkDelayMs: 250 } });
    await composer().fill('Survive the worker');
    await composer().press('Enter');
    const answer = answers().last();
    await expect
      .poll(async () => ((await answer.locator('.md').textContent()) ?? '').length, {
        timeout: 20_000,
      })
      .toBeGreaterThan(5);
    await page.waitForTimeout(400);
    await e2e.harness.stopWorker();
    await expect
      .poll(() => answer.getAttribute('data-status'), { timeout: 20_000 })
      .toBe('interrupted');
    e2e.site.configure({ faults: { chunkDelayMs: 5 } });
    await answer.getByRole('button', { name: 'Continue' }).click();
    await expect
      .poll(() => answers().last().getAttribute('data-status'), { timeout: 30_000 })
      .toBe('done');
    expect(await answers().count()).toBe(1);
  });

  it('follows the answer down while it streams, until the user scrolls up', async () => {
    await newChat();
    const long = Array.from({ length: 60 }, (_, i) => `Line ${i} of a long answer.`).join('\n\n');
    e2e.site.configure({ reply: long, faults: { chunkDelayMs: 40 } });
    await composer().fill('Something long');
    await composer().press('Enter');
    const list = page.locator('.cg-messages');
    const gap = () => list.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
    const overflowing = () => list.evaluate((el) => el.scrollHeight > el.clientHeight * 1.5);
    await expect.poll(overflowing, { timeout: 20_000 }).toBe(true);
    expect(await gap()).toBeLessThan(60);
    // The user scrolls up: the view stays where they put it while text keeps coming.
    await list.evaluate((el) => {
      el.scrollTop = 0;
      el.dispatchEvent(new Event('scroll'));
    });
    const height = await list.evaluate((el) => el.scrollHeight);
    await expect
      .poll(() => list.evaluate((el) => el.scrollHeight), { timeout: 20_000 })
      .toBeGreaterThan(height + 100);
    expect(await list.evaluate((el) => el.scrollTop)).toBe(0);
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect
      .poll(() => answers().last().getAttribute('data-status'), { timeout: 20_000 })
      .toBe('interrupted');
    e2e.site.configure({ reply: null, faults: { chunkDelayMs: 5 } });
  });

  it('is usable with the keyboard alone', async () => {
    await newChat();
    expect(await ask('Something to find in history')).toBe('done');
    await reopen();
    // From the composer, Shift+Tab walks back to the header; Enter on History opens it.
    await composer().focus();
    await composer().pressSequentially('two');
    await page.keyboard.press('Shift+Enter');
    await composer().pressSequentially('lines');
    expect(await composer().inputValue()).toBe('two\nlines');
    await composer().fill('');
    const names: string[] = [];
    for (let i = 0; i < 40 && !names.includes('History'); i += 1) {
      await page.keyboard.press('Shift+Tab');
      // Icon buttons are named by aria-label.
      names.push(
        await page.evaluate(
          () =>
            document.activeElement?.getAttribute('aria-label') ??
            document.activeElement?.textContent?.trim() ??
            '',
        ),
      );
    }
    expect(names).toContain('History');
    // Focus is visible: the focused control draws an outline.
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement as Element).outlineStyle,
    );
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    const search = page.getByRole('searchbox', { name: 'Search conversations' });
    await search.waitFor();
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.locator('.cg-history-open').first().waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('cg-history-open');
    await page.keyboard.press('Enter'); // opens the first conversation
    await expect.poll(() => page.locator('.cg-history').count()).toBe(0);
    await expect.poll(() => page.locator('.cg-message').count()).toBeGreaterThan(0);
  });

  it('the bot picker and system prompt panel; the theme setting overrides the system', async () => {
    await newChat();
    await page.locator('.cg-using').click();
    // The page's chat roots: the shortcode and the site-wide widget.
    const bot = page.getByRole('combobox', { name: 'Bot' });
    await bot.waitFor({ timeout: 15_000 });
    expect(await bot.locator('option').allTextContents()).toEqual(['Chat', 'Widget']);
    expect(await page.getByRole('combobox', { name: 'Model' }).count()).toBe(0);
    await bot.selectOption({ label: 'Widget' });
    await page.getByRole('textbox', { name: /system prompt/ }).fill('Answer like a pirate.');
    await e2e.harness.screenshot(page, 'popup-options-en-light');
    expect(await ask('Ahoy')).toBe('done');
    // The conversation was created with the picked model and prompt: they come back on reopen.
    await reopen();
    await expect.poll(() => page.locator('.cg-using-model').textContent()).toBe('Widget');
    await page.locator('.cg-using').click();
    await expect
      .poll(() => page.getByRole('textbox', { name: /system prompt/ }).inputValue())
      .toBe('Answer like a pirate.');
    await setSettings({ theme: 'dark' });
    await expect
      .poll(() => page.locator('.cg-app').evaluate((el) => getComputedStyle(el).backgroundColor))
      .toBe('rgb(23, 25, 29)');
    await setSettings({ theme: 'system' });
  });

  async function axe(): Promise<Array<{ id: string; impact: string; nodes: number }>> {
    await page.evaluate(readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
    return page.evaluate(async () => {
      const axe = (
        globalThis as unknown as {
          axe: {
            run(): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }>;
          };
        }
      ).axe;
      const result = await axe.run();
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    });
  }

  it('screenshots in light and dark, English and Russian; axe finds nothing serious', async () => {
    await newChat();
    e2e.site.configure({
      reply: [
        '## Sorting in Python',
        '',
        'Use **`sorted()`** for a new list, or `list.sort()` *in place*. ~~Never~~ Rarely write your own.',
        '',
        '| Function | Returns | Stable |',
        '|---|---|:-:|',
        '| `sorted(xs)` | new list | yes |',
        '| `xs.sort()` | `None` | yes |',
        '',
        '```python',
        'names = ["Olga", "bob", "Ann"]',
        'print(sorted(names, key=str.lower))  # Ann, bob, Olga',
        '```',
        '',
        '- [x] read the [docs](https://docs.python.org/3/howto/sorting.html)',
        '- [ ] try `key=`',
      ].join('\n'),
    });
    expect(await ask('How do I sort a list in Python?')).toBe('done');
    e2e.site.configure({ reply: null });
    const serious = (v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical';
    for (const language of ['en', 'ru'] as const) {
      await setSettings({ language });
      await reopen();
      await page.locator(`${ANSWERS} code[data-highlighted]`).last().waitFor();
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.waitForTimeout(100);
        await e2e.harness.screenshot(page, `popup-${language}-${scheme}`);
        expect((await axe()).filter(serious), `${language} ${scheme}`).toEqual([]);
      }
      await page.getByRole('button', { name: language === 'en' ? 'History' : 'История' }).click();
      await page.waitForTimeout(300);
      await e2e.harness.screenshot(page, `popup-history-${language}-dark`);
      expect((await axe()).filter(serious), `${language} history`).toEqual([]);
      await page.keyboard.press('Escape');
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await setSettings({ language: 'en' });
  });
});
