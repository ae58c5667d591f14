/**
 * Copy in the in-page sidebar, in Firefox (issue 23.2; the Chromium twin is in
 * hostile-content.test.ts). The sidebar is opened through the worker's `sidebar/open` request
 * (Firefox automation presses no browser shortcut), the question is typed into its composer,
 * and the answer's Copy button is clicked with a real (BiDi) mouse click inside the extension
 * frame. The clipboard is read back the way a person would: Ctrl+V into a text area of the
 * page. No clipboard pref is loosened, so a Copy that does nothing leaves the text area empty.
 */
import type { ElementHandle } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { skipNote } from '../skips';
import { canRunFirefox, openSidebarFrom, sidebarFrameOf } from './firefox';
import { withFirefoxSite } from './fixtures/with-firefox-site';

const UUID = 'd2a7c8e0-0000-4000-8000-00000000c6b1';

const TITLE = `Copy in the sidebar in Firefox${skipNote(!canRunFirefox, 'firefox')}`;
describe.skipIf(!canRunFirefox)(TITLE, () => {
  const e2e = withFirefoxSite({ uuid: UUID, pages: true, settings: { fallback: false } });

  for (const path of ['plain.html', 'no-clipboard.html']) {
    it(`a click on Copy puts the answer on the clipboard (${path})`, async () => {
      const page = await e2e.browser.newPage();
      await page.setViewport({ width: 1280, height: 800 });
      const url = `${e2e.pages.url}/${path}`;
      await page.goto(url);
      const opened = await openSidebarFrom(e2e.extensionPage, url);
      expect(opened).toMatchObject({ ok: true });
      const frame = await sidebarFrameOf(page, UUID);

      const word = `copy-me-firefox-${path.length}-${Date.now()}`;
      const composer = await frame.waitForSelector('textarea', { timeout: 15_000 });
      await composer?.click();
      await page.keyboard.type(word);
      await page.keyboard.press('Enter');
      await frame.waitForFunction(
        () =>
          [...document.querySelectorAll('.cg-message.cg-assistant')]
            .pop()
            ?.getAttribute('data-status') === 'done',
        { timeout: 30_000 },
      );
      // The answer's own Copy (its code block has another one).
      const copy = (
        await frame.evaluateHandle(() =>
          [
            ...([...document.querySelectorAll('.cg-message.cg-assistant')]
              .pop()
              ?.querySelectorAll('.cg-message-actions button') ?? []),
          ].find(
            (button) =>
              (button.getAttribute('aria-label') ?? button.textContent?.trim()) === 'Copy',
          ),
        )
      ).asElement() as ElementHandle<HTMLButtonElement> | null;
      if (!copy) throw new Error('no Copy button');
      await copy.click();
      await frame.waitForFunction(
        () =>
          [...document.querySelectorAll('.cg-message.cg-assistant .cg-message-actions')]
            .pop()
            ?.textContent?.includes('Copied'),
        { timeout: 5_000 },
      );

      // Read it back as a person would: paste into a field of the page.
      await page.evaluate(() => {
        const area = document.createElement('textarea');
        area.id = 'paste-here';
        document.body.append(area);
      });
      await page.click('#paste-here');
      await page.keyboard.down('Control');
      await page.keyboard.press('v');
      await page.keyboard.up('Control');
      await page.waitForFunction(
        () => (document.getElementById('paste-here') as HTMLTextAreaElement).value !== '',
        { timeout: 5_000 },
      );
      const pasted = await page.evaluate(
        () => (document.getElementById('paste-here') as HTMLTextAreaElement).value,
      );
      expect(pasted).toContain('ECHO[');
      expect(pasted).toContain(word);
      await page.close();
    });
  }
});
