/** selfTest against the local site: every step on a good site; the failing step on bad ones. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfTest } from '../../src/provider';
import { startSite, type TestSite } from '../site/server';

let g4: TestSite;
let g5: TestSite;
beforeAll(async () => {
  [g4, g5] = await Promise.all([startSite({ generation: 'G4' }), startSite({ generation: 'G5' })]);
});
afterAll(async () => {
  await Promise.all([g4.close(), g5.close()]);
});

describe('selfTest', () => {
  it('a G4 site: page, tokens, generation, message, reply, each timed', async () => {
    const result = await selfTest(g4.pages.shortcode);
    expect(result.ok).toBe(true);
    expect(result.generation).toBe('G4');
    expect(result.steps.map((s) => s.step)).toEqual([
      'page',
      'tokens',
      'generation',
      'message',
      'reply',
    ]);
    for (const step of result.steps) expect(step.ms).toBeGreaterThanOrEqual(0);
    expect(result.steps[2]?.info).toBe('G4 (plugin 1.9.18)');
    expect(result.reply).toMatch(/^ECHO\[n=2\]: /);
  });

  it('a G5 site', async () => {
    const result = await selfTest(g5.pages.plain);
    expect(result.ok).toBe(true);
    expect(result.generation).toBe('G5');
  });

  it('a page without a chat: the tokens step fails with not-a-chat-site', async () => {
    const result = await selfTest(g4.pages.nonChat);
    expect(result.ok).toBe(false);
    expect(result.steps.map((s) => [s.step, s.ok])).toEqual([
      ['page', true],
      ['tokens', false],
    ]);
  });

  it('a challenge: the page step fails with challenge', async () => {
    g4.configure({ faults: { challenge: 403 } });
    try {
      const result = await selfTest(g4.pages.shortcode);
      expect(result.steps).toEqual([
        expect.objectContaining({
          step: 'page',
          ok: false,
          error: expect.objectContaining({ kind: 'challenge' }),
        }),
      ]);
    } finally {
      g4.configure({ faults: {} });
    }
  });

  it('the model failing: the message is taken, the reply step fails with upstream', async () => {
    g4.configure({ faults: { upstreamError: true } });
    try {
      const result = await selfTest(g4.pages.shortcode);
      expect(result.steps.slice(-2).map((s) => [s.step, s.ok, s.error?.kind])).toEqual([
        ['message', true, undefined],
        ['reply', false, 'upstream'],
      ]);
    } finally {
      g4.configure({ faults: {} });
    }
  });
});
