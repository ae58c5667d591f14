import { beforeEach, describe, expect, it } from 'vitest';
import { applySiteHeaders, ensureSiteHeaders } from '../../../src/background/site-headers';
import { fakeBrowser } from '../browser-module';

const dnr = fakeBrowser.declarativeNetRequest;
const state = {
  get rules() {
    return fakeBrowser.sessionRules;
  },
  get writes() {
    return dnr.updateSessionRules.mock.calls.length;
  },
};
const filters = () => [...new Set(state.rules.map((r) => r.condition.urlFilter))];

describe('keeping the session rules in step with the sites', () => {
  beforeEach(() => {
    fakeBrowser.sessionRules.splice(0, Infinity, {
      id: 99,
      condition: { urlFilter: '|https://stale.example/' },
    });
    dnr.updateSessionRules.mockClear();
  });

  it('the settings replace every rule (a stale one too)', async () => {
    await applySiteHeaders({
      defaultSite: 'https://chatgptt.me',
      sites: [{ url: 'https://chatgptt.me' }, { url: 'http://127.0.0.1:8080/chat/' }],
    });
    expect(filters()).toEqual(['|https://chatgptt.me/', '|http://127.0.0.1:8080/']);
    expect(state.rules.map((r) => r.id)).toEqual([1, 2, 3, 4]);
    // Our own requests only: the initiator is our extension's host.
    expect(state.rules.every((r) => r.condition.initiatorDomains?.join() === 'test')).toBe(true);
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
