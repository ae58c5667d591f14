import { describe, expect, it, vi } from 'vitest';
import {
  getClientId,
  storageTokenCache,
  type StorageAreaLike,
} from '../../../src/background/identity';
import {
  MENU_ACTION_PREFIX,
  MENU_ASK,
  MENU_SUMMARIZE_PAGE,
  actionTitle,
  requestForClick,
} from '../../../src/background/menus';
import { isProxyUsable, pacScript, siteHosts, sitePatterns } from '../../../src/background/proxy';
import { budgetRequest } from '../../../src/background/sidebar';
import { DeltaWriter } from '../../../src/background/turns/delta-writer';
import { candidateSites } from '../../../src/background/turns/sites';
import { originPattern } from '../../../src/shared/site-url';
import type { SiteTokens } from '../../../src/provider/types';
import type { Tabs } from '../../../src/shared/browser';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings';

const tab = { id: 5, title: 'Article', url: 'https://news.example/a' } as Tabs.Tab;

describe('menu clicks', () => {
  const settings: Settings = { ...DEFAULT_SETTINGS, language: 'en', contextBudget: 100 };

  it('Ask opens with the selection as context and no prompt', () => {
    expect(
      requestForClick({ menuItemId: MENU_ASK, selectionText: 'quantum' }, tab, settings),
    ).toEqual({
      kind: 'sidebar',
      request: {
        context: {
          title: 'Article',
          url: 'https://news.example/a',
          text: 'quantum',
          kind: 'selection',
        },
      },
    });
  });

  it('a quick action fills its prompt and sends it at once', () => {
    const what = requestForClick(
      { menuItemId: `${MENU_ACTION_PREFIX}translate`, selectionText: 'Hallo Welt' },
      tab,
      settings,
    );
    expect(what).toMatchObject({
      kind: 'sidebar',
      request: {
        prompt: 'Translate this into English:\n\n"""\nHallo Welt\n"""',
        autoSend: true,
      },
    });
    const ru = requestForClick(
      { menuItemId: `${MENU_ACTION_PREFIX}translate`, selectionText: 'Hallo' },
      tab,
      { ...settings, language: 'ru' },
    );
    // In Russian the built-in's own prompt is Russian, and {{language}} names the language in it.
    expect(ru).toMatchObject({
      request: { prompt: 'Переведи это на русский:\n\n"""\nHallo\n"""' },
    });
    const edited = {
      ...settings,
      language: 'ru' as const,
      quickActions: settings.quickActions.map((a) =>
        a.id === 'translate' ? { ...a, prompt: 'Into {{language}}, please: {{selection}}' } : a,
      ),
    };
    const mine = requestForClick(
      { menuItemId: `${MENU_ACTION_PREFIX}translate`, selectionText: 'Hallo' },
      tab,
      edited,
    );
    // A prompt the user rewrote is sent as written, in whatever UI language.
    expect(mine).toMatchObject({ request: { prompt: 'Into русский, please: """\nHallo\n"""' } });
  });

  it('cuts a long selection to the budget on delivery and says how much', () => {
    const what = requestForClick(
      { menuItemId: `${MENU_ACTION_PREFIX}explain`, selectionText: 'word '.repeat(100) },
      tab,
      settings,
    );
    if (what?.kind !== 'sidebar') throw new Error('expected a sidebar request');
    // The menu hands the selection over whole: the one budget is budgetRequest's, on delivery.
    expect(what.request.context?.text).toBe('word '.repeat(100));
    const delivered = budgetRequest(what.request, settings.contextBudget);
    expect(delivered.context?.text?.length).toBeLessThanOrEqual(100);
    expect(delivered.truncatedChars).toBeGreaterThan(0);
    expect(delivered.prompt?.length).toBeLessThan(140);
    expect(delivered.autoSend).toBe(false);
  });

  it('page item summarizes; unknown or removed items do nothing', () => {
    expect(requestForClick({ menuItemId: MENU_SUMMARIZE_PAGE }, tab, settings)).toEqual({
      kind: 'summarize',
    });
    expect(
      requestForClick({ menuItemId: `${MENU_ACTION_PREFIX}gone` }, tab, settings),
    ).toBeUndefined();
    expect(requestForClick({ menuItemId: 'someone-else' }, tab, settings)).toBeUndefined();
  });

  it('titles built-in actions in the UI language and custom ones as named, with no prefix', () => {
    expect(actionTitle({ id: 'explain', title: 'Explain', prompt: '', builtin: true }, 'ru')).toBe(
      'Объяснить',
    );
    expect(actionTitle({ id: 'x', title: 'Мой промпт', prompt: '' }, 'ru')).toBe('Мой промпт');
    expect(
      actionTitle({ id: 'translate', title: 'Translate', prompt: '', builtin: true }, 'en'),
    ).toBe('Translate to English');
    // A built-in the user renamed keeps the name.
    expect(actionTitle({ id: 'explain', title: 'ELI5', prompt: '', builtin: true }, 'en')).toBe(
      'ELI5',
    );
  });
});

describe('proxy configuration', () => {
  const proxy = { enabled: true, scheme: 'socks5' as const, host: '10.0.0.2', port: 1080 };
  it('routes only the chat sites through the proxy', () => {
    const hosts = siteHosts({
      sites: [
        { url: 'https://chatgptt.me' },
        { url: 'http://Other.Example:8080/chat/' },
        { url: 'nonsense' },
      ],
      defaultSite: 'https://chatgptt.me',
    });
    expect(hosts).toEqual(['chatgptt.me', 'other.example']);
    const script = pacScript(proxy, hosts);
    const FindProxyForURL = new Function(`${script}; return FindProxyForURL;`)() as (
      url: string,
      host: string,
    ) => string;
    expect(FindProxyForURL('https://chatgptt.me/', 'chatgptt.me')).toBe('SOCKS5 10.0.0.2:1080');
    expect(FindProxyForURL('http://other.example:8080/', 'OTHER.example')).toBe(
      'SOCKS5 10.0.0.2:1080',
    );
    expect(FindProxyForURL('https://example.org/', 'example.org')).toBe('DIRECT');
    expect(FindProxyForURL('https://chatgptt.me.evil.org/', 'chatgptt.me.evil.org')).toBe('DIRECT');
    expect(sitePatterns(hosts)).toEqual(['*://chatgptt.me/*', '*://other.example/*']);
  });
  it('ignores a disabled or malformed proxy', () => {
    expect(isProxyUsable(proxy)).toBe(true);
    expect(isProxyUsable({ ...proxy, enabled: false })).toBe(false);
    expect(isProxyUsable({ ...proxy, host: 'a b";alert(1)' })).toBe(false);
    expect(isProxyUsable({ ...proxy, port: 70000 })).toBe(false);
  });
});

describe('sites', () => {
  it('keeps a site whose last check failed out of fallback until a check passes', () => {
    const failed = { ok: false, at: 1, kind: 'challenge' };
    const settings = {
      ...DEFAULT_SETTINGS,
      sites: [
        { url: 'https://a/' },
        { url: 'https://b/', check: failed },
        { url: 'https://c/', check: { ok: true, at: 2 } },
      ],
    };
    expect(candidateSites('https://a/', settings)).toEqual(['https://a/', 'https://c/']);
    // The conversation's own site is still asked, however its check went.
    expect(candidateSites('https://b/', settings)).toEqual([
      'https://b/',
      'https://a/',
      'https://c/',
    ]);
    const passedAgain = {
      ...settings,
      sites: settings.sites.map((s) => ({ ...s, check: { ok: true, at: 3 } })),
    };
    expect(candidateSites('https://a/', passedAgain)).toEqual([
      'https://a/',
      'https://b/',
      'https://c/',
    ]);
  });

  it('orders the conversation site first, then the others, when fallback is on', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      sites: [{ url: 'https://a/' }, { url: 'https://b/' }, { url: 'https://c/' }],
    };
    expect(candidateSites('https://b', settings)).toEqual([
      'https://b',
      'https://a/',
      'https://c/',
    ]);
    expect(candidateSites('https://b', { ...settings, fallback: false })).toEqual(['https://b']);
    expect(originPattern('http://127.0.0.1:8080/chat/')).toBe('http://127.0.0.1/*');
    expect(originPattern('ftp://x/')).toBeUndefined();
  });
});

function memoryArea(): StorageAreaLike & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async (key) => (key in data ? { [key]: data[key] } : {}),
    set: async (items) => void Object.assign(data, items),
    remove: async (key) => void delete data[key],
  };
}

describe('what survives a worker restart', () => {
  it('tokens are kept in storage per site', async () => {
    const area = memoryArea();
    const tokens = {
      nonce: 'n1',
      ajaxUrl: 'https://s/wp-admin/admin-ajax.php',
      fetchedAt: 1,
    } as SiteTokens;
    await storageTokenCache(area).set('https://s/', tokens);
    // A new cache object over the same storage (a new worker) finds them.
    expect(await storageTokenCache(area).get('https://s/')).toEqual(tokens);
    await storageTokenCache(area).delete('https://s/');
    expect(await storageTokenCache(area).get('https://s/')).toBeUndefined();
    area.data['tokens:broken'] = { nonce: 1 };
    expect(await storageTokenCache(area).get('broken')).toBeUndefined();
  });

  it('the client id is made once per installation', async () => {
    const area = memoryArea();
    const generate = vi.fn(() => 'abcdefghij');
    expect(await getClientId(area, generate)).toBe('abcdefghij');
    expect(await getClientId(area, () => 'other')).toBe('abcdefghij');
    expect(generate).toHaveBeenCalledTimes(1);
  });
});

describe('delta writer', () => {
  it('batches by time and by size, and keeps offsets', async () => {
    vi.useFakeTimers();
    try {
      const writes: Array<[number, string]> = [];
      const writer = new DeltaWriter(
        { appendChunk: async (_id, offset, text) => void writes.push([offset, text]) },
        'm',
        10,
        { flushMs: 100, flushBytes: 6 },
      );
      expect(writer.append('ab')).toBe(10);
      expect(writer.append('cd')).toBe(12);
      expect(writes).toEqual([]);
      await vi.advanceTimersByTimeAsync(100);
      expect(writes).toEqual([[10, 'abcd']]);
      writer.append('efghij'); // reaches the size limit: written at once
      await writer.flush();
      expect(writes).toEqual([
        [10, 'abcd'],
        [14, 'efghij'],
      ]);
      await writer.flush();
      expect(writes).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
