import { describe, expect, it } from 'vitest';

import { menuRoute, shortcutRoute, type RouteState } from '../../../src/background/panel-route';

const state = (over: Partial<RouteState> = {}): RouteState => ({
  hasPanel: true,
  surface: 'page',
  panelOpen: false,
  gated: false,
  ...over,
});
const ARTICLE = 'https://example.org/article';

describe('shortcutRoute', () => {
  it('keeps the in-page sidebar on an ordinary page by default', () => {
    expect(shortcutRoute({ url: ARTICLE }, state())).toBe('page');
  });
  it('opens the panel where the page cannot host ours, and closes it when open', () => {
    for (const url of [
      'https://example.org/report.pdf',
      'chrome://settings/',
      'about:blank',
      undefined,
    ]) {
      expect(shortcutRoute({ url }, state()), String(url)).toBe('panel-open');
      expect(shortcutRoute({ url }, state({ panelOpen: true })), String(url)).toBe('panel-close');
    }
  });
  it('follows the chosen surface; a cold worker (surface unknown) follows the URL alone', () => {
    expect(shortcutRoute({ url: ARTICLE }, state({ surface: 'panel' }))).toBe('panel-open');
    expect(shortcutRoute({ url: ARTICLE }, state({ surface: 'panel', panelOpen: true }))).toBe(
      'panel-close',
    );
    expect(shortcutRoute({ url: ARTICLE }, state({ surface: undefined }))).toBe('page');
  });
  it('a cold worker where a disabled panel fails unseen (Chrome) tries the panel first', () => {
    expect(shortcutRoute({ url: ARTICLE }, state({ surface: undefined, gated: true }))).toBe(
      'panel-try',
    );
    // Known settings, or a page ours cannot go to, need no try.
    expect(shortcutRoute({ url: ARTICLE }, state({ gated: true }))).toBe('page');
    expect(
      shortcutRoute(
        { url: 'https://example.org/a.pdf' },
        state({ surface: undefined, gated: true }),
      ),
    ).toBe('panel-open');
  });
  it('without a browser panel everything stays with the in-page path', () => {
    expect(shortcutRoute({ url: 'chrome://settings/' }, state({ hasPanel: false }))).toBe('page');
  });
});

describe('menuRoute', () => {
  it('uses the click’s page and frame URLs', () => {
    expect(menuRoute({ pageUrl: ARTICLE }, {}, state())).toBe('page');
    expect(menuRoute({ pageUrl: 'https://example.org/a.pdf' }, {}, state())).toBe('panel');
    expect(
      menuRoute(
        {
          pageUrl: ARTICLE,
          frameUrl: 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html',
        },
        {},
        state(),
      ),
    ).toBe('panel');
    expect(menuRoute({ pageUrl: ARTICLE }, {}, state({ surface: 'panel' }))).toBe('panel');
    expect(
      menuRoute({ pageUrl: 'https://example.org/a.pdf' }, {}, state({ hasPanel: false })),
    ).toBe('page');
  });
  it('a cold worker tries the panel only where a failed open shows nothing', () => {
    expect(menuRoute({ pageUrl: ARTICLE }, {}, state({ surface: undefined, gated: true }))).toBe(
      'panel-try',
    );
    expect(menuRoute({ pageUrl: ARTICLE }, {}, state({ surface: undefined }))).toBe('page');
  });
});
