/**
 * Passing a site's browser check (issue 16 item 2): the tab the challenge button opened is
 * probed on each load; the answer is asked again once, and only after the probe passes.
 */
import { describe, expect, it } from 'vitest';
import { ChatError } from '../../../src/provider/errors';
import { SiteChecks } from '../../../src/background/site-check';

function setup() {
  const items: Record<string, unknown> = {};
  const retried: Array<[string, string]> = [];
  const opened: string[] = [];
  let passed = false;
  let now = 1_000;
  const checks = new SiteChecks({
    openTab: async (url) => {
      opened.push(url);
      return 42;
    },
    probe: async () => {
      if (!passed) throw new ChatError('challenge', 'Just a moment...');
      return {};
    },
    retry: async (conversationId, messageId) => {
      retried.push([conversationId, messageId]);
    },
    session: {
      get: async (key) => ({ [key]: items[key] }),
      set: async (patch) => void Object.assign(items, patch),
    },
    now: () => now,
  });
  return {
    checks,
    retried,
    opened,
    pass: () => (passed = true),
    later: (ms: number) => (now += ms),
  };
}

describe('site checks', () => {
  it('retries the answer once the tab passed the check, not before, and only once', async () => {
    const t = setup();
    await t.checks.open('https://s.example/', { conversationId: 'c1', messageId: 'a1' });
    expect(t.opened).toEqual(['https://s.example/']);
    await t.checks.tabLoaded(42); // the check page itself
    expect(t.retried).toEqual([]);
    await t.checks.tabLoaded(7); // another tab
    t.pass();
    await t.checks.tabLoaded(7);
    expect(t.retried).toEqual([]);
    await t.checks.tabLoaded(42);
    expect(t.retried).toEqual([['c1', 'a1']]);
    await t.checks.tabLoaded(42); // the user browses on in that tab
    expect(t.retried).toEqual([['c1', 'a1']]);
  });

  it('forgets a tab the user closed, and a check not passed for half an hour', async () => {
    const t = setup();
    await t.checks.open('https://s.example/', { conversationId: 'c1', messageId: 'a1' });
    await t.checks.tabClosed(42);
    t.pass();
    await t.checks.tabLoaded(42);
    expect(t.retried).toEqual([]);
    await t.checks.open('https://s.example/', { conversationId: 'c1', messageId: 'a1' });
    t.later(31 * 60_000);
    await t.checks.tabLoaded(42);
    expect(t.retried).toEqual([]);
  });

  it('with no answer named, passing only ends the watch', async () => {
    const t = setup();
    await t.checks.open('https://s.example/', {});
    t.pass();
    await t.checks.tabLoaded(42);
    expect(t.retried).toEqual([]);
  });
});
