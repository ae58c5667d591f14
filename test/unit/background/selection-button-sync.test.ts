/** Registering the floating button's script (src/background/selection-button.ts) against a fake API. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  SELECTION_BUTTON_SCRIPT_ID,
  denyListToExcludeMatches,
  syncSelectionButton,
} from '../../../src/background/selection-button';
import { fakeBrowser as fake, resetFakeBrowser } from '../browser-module';

describe('the deny list as match patterns', () => {
  it('covers the host and its subdomains, accepts pasted URLs, drops junk', () => {
    expect(
      denyListToExcludeMatches([
        'example.com',
        ' https://Docs.Example.org/path ',
        '*.bank.test',
        'not a host!',
        '',
      ]),
    ).toEqual([
      '*://example.com/*',
      '*://*.example.com/*',
      '*://docs.example.org/*',
      '*://*.docs.example.org/*',
      '*://bank.test/*',
      '*://*.bank.test/*',
    ]);
  });
});

describe('syncSelectionButton', () => {
  beforeEach(() => {
    resetFakeBrowser();
  });

  it('registers when on, updates the deny list in place, unregisters when off', async () => {
    await syncSelectionButton({ selectionButton: true, selectionDenyList: [] });
    expect(fake.registered.get(SELECTION_BUTTON_SCRIPT_ID)).toMatchObject({
      js: ['content/selection-button.js'],
      matches: ['http://*/*', 'https://*/*'],
      runAt: 'document_idle',
    });

    await syncSelectionButton({ selectionButton: true, selectionDenyList: ['example.com'] });
    expect(fake.scripting.registerContentScripts).toHaveBeenCalledTimes(1);
    expect(fake.registered.get(SELECTION_BUTTON_SCRIPT_ID)?.excludeMatches).toEqual([
      '*://example.com/*',
      '*://*.example.com/*',
    ]);

    await syncSelectionButton({ selectionButton: false, selectionDenyList: [] });
    expect(fake.registered.size).toBe(0);
  });

  it('serializes overlapping calls, so the id is never registered twice', async () => {
    await Promise.all([
      syncSelectionButton({ selectionButton: true, selectionDenyList: [] }),
      syncSelectionButton({ selectionButton: true, selectionDenyList: [] }),
      syncSelectionButton({ selectionButton: true, selectionDenyList: [] }),
    ]);
    expect(fake.scripting.registerContentScripts).toHaveBeenCalledTimes(1);
    expect(fake.registered.size).toBe(1);
  });

  it('also reaches open pages the permission covers, except deny-listed ones', async () => {
    fake.tabs.query.mockResolvedValue([
      { id: 1, url: 'https://news.test/a' },
      { id: 2, url: 'https://www.example.com/b' },
      { id: 3, url: 'chrome://settings' },
    ]);
    await syncSelectionButton({ selectionButton: true, selectionDenyList: ['example.com'] });
    const injected = fake.scripting.executeScript.mock.calls.map(
      (call) => (call[0] as { target: { tabId: number } }).target.tabId,
    );
    expect(injected).toEqual([1]);
  });

  it('never throws (a browser without the API, a refused registration)', async () => {
    fake.scripting.getRegisteredContentScripts.mockRejectedValue(new Error('no'));
    // The worker logs the refusal on purpose; caught here so the test log stays clean.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await expect(
        syncSelectionButton({ selectionButton: true, selectionDenyList: [] }),
      ).resolves.toBeUndefined();
      expect(warn).toHaveBeenCalledWith(
        'selection button: could not sync the registered script',
        expect.objectContaining({ message: 'no' }),
      );
    } finally {
      warn.mockRestore();
    }
  });
});
