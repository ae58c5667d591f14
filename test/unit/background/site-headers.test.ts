import { beforeEach, describe, expect, it, vi } from 'vitest';

interface Rule {
  id: number;
  condition: { urlFilter?: string; initiatorDomains?: string[] };
}
const state = vi.hoisted(() => ({ rules: [] as Rule[], writes: 0 }));

vi.mock('../../../src/shared/browser', () => {
  const api = {
    runtime: { getURL: (path: string) => `chrome-extension://ourid/${path}` },
    declarativeNetRequest: {
      getSessionRules: async () => state.rules,
      updateSessionRules: async (u: { removeRuleIds: number[]; addRules: Rule[] }) => {
        state.writes += 1;
        state.rules = [
          ...state.rules.filter((r) => !u.removeRuleIds.includes(r.id)),
          ...u.addRules,
        ];
      },
    },
  };
  return { default: api, browser: api };
});

const { applySiteHeaders, ensureSiteHeaders } =
  await import('../../../src/background/site-headers');
const filters = () => [...new Set(state.rules.map((r) => r.condition.urlFilter))];

describe('keeping the session rules in step with the sites', () => {
  beforeEach(() => {
    state.rules = [{ id: 99, condition: { urlFilter: '|https://stale.example/' } }];
    state.writes = 0;
  });

  it('the settings replace every rule (a stale one too)', async () => {
    await applySiteHeaders({
      defaultSite: 'https://chatgptt.me',
      sites: [{ url: 'https://chatgptt.me' }, { url: 'http://127.0.0.1:8080/chat/' }],
    });
    expect(filters()).toEqual(['|https://chatgptt.me/', '|http://127.0.0.1:8080/']);
    expect(state.rules.map((r) => r.id)).toEqual([1, 2, 3, 4]);
    // Our own requests only: the initiator is our extension's host.
    expect(state.rules.every((r) => r.condition.initiatorDomains?.join() === 'ourid')).toBe(true);
  });

  it('a site asked before its settings arrived gets rules at once; a known one costs nothing', async () => {
    await applySiteHeaders({ defaultSite: 'https://chatgptt.me', sites: [] });
    const writes = state.writes;
    await ensureSiteHeaders('https://chatgptt.me/');
    expect(state.writes).toBe(writes);
    await ensureSiteHeaders('https://new.example/page/');
    expect(filters()).toEqual(['|https://chatgptt.me/', '|https://new.example/']);
    // The next settings decide again: a site they do not list loses its rules.
    await applySiteHeaders({ defaultSite: 'https://chatgptt.me', sites: [] });
    expect(filters()).toEqual(['|https://chatgptt.me/']);
  });

  it('a malformed site changes nothing', async () => {
    await applySiteHeaders({ defaultSite: 'https://chatgptt.me', sites: [] });
    const writes = state.writes;
    await ensureSiteHeaders('not a url');
    expect(state.writes).toBe(writes);
  });
});
