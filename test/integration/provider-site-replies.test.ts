/**
 * How the library ends a turn on what the real plugin sends, over real HTTP against the test site:
 * a stream cut after part of the answer, the site's refusals of a message, its entity-escaped
 * texts, the AIPKit popup bot, the ≤1.8.95 message encoding and a lost AIPKit cache key; and the
 * CLI's `--json` line for a cut answer (issue 11, items 2–6).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type TestSite } from '../site/server';
import { runCli } from './cli-run';
import { echoedMessage, turn } from './provider-helpers';

describe('a stream cut after part of the answer', () => {
  let g4: TestSite;
  let g5: TestSite;
  beforeAll(async () => {
    [g4, g5] = await Promise.all([
      startSite({ generation: 'G4' }),
      startSite({ generation: 'G5' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([g4.close(), g5.close()]);
  });

  it('G4: the model dropped mid-stream (no [DONE], no finish_reason): the text so far, then cut', async () => {
    const outcome = await turn('TRIGGER_DROP please', { site: g4.pages.shortcode });
    expect(outcome.error?.kind).toBe('cut');
    expect(outcome.pieces).toBeGreaterThan(0);
    expect(outcome.text).toMatch(/^ECHO\[n=2\]: TRIG/);
  });

  it('G5: part of the answer, then the curl error event, no done: the text so far, then cut', async () => {
    const outcome = await turn('TRIGGER_DROP please', { site: g5.pages.shortcode });
    expect(outcome.error?.kind).toBe('cut');
    expect(outcome.error?.message).toContain('Connection Error: transfer closed');
    expect(outcome.text).toMatch(/^ECHO\[n=2\]: TRIG/);
  });

  it('a JSON bot whose model dropped has no partial answer: upstream, with the site text', async () => {
    const outcome = await turn('TRIGGER_DROP please', { site: g4.pages.plain });
    expect(outcome.error?.kind).toBe('upstream');
    expect(outcome.error?.message).toMatch(/^cURL error 18: transfer closed/);
    expect(outcome.text).toBe('');
  });

  it('the site connection itself broken mid-stream: cut on a streaming page, network on a JSON one', async () => {
    g4.configure({ faults: { dropMidStream: true } });
    try {
      const streamed = await turn('drop me', { site: g4.pages.shortcode });
      expect(streamed.error?.kind).toBe('cut');
      expect(streamed.text.length).toBeGreaterThan(0);
      const json = await turn('drop me', { site: g4.pages.plain });
      expect(json.error?.kind).toBe('network');
      expect(json.text).toBe('');
    } finally {
      g4.configure({ faults: {} });
    }
  });

  it('chatgptt --json: the deltas, then {"type":"error","kind":"cut"}, exit 1', async () => {
    const result = await runCli(['--json', '--site', g4.pages.shortcode, 'TRIGGER_DROP cli']);
    expect(result.code).toBe(1);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.filter((l) => l['type'] === 'delta').length).toBeGreaterThan(0);
    expect(lines.some((l) => l['type'] === 'done')).toBe(false);
    expect(lines.at(-1)).toMatchObject({ type: 'error', kind: 'cut' });
    expect(String(lines.at(-1)?.['message'])).toMatch(/part of the answer/);
  });
});

describe("the site's words", () => {
  let g4: TestSite;
  let g5: TestSite;
  beforeAll(async () => {
    [g4, g5] = await Promise.all([
      startSite({ generation: 'G4' }),
      startSite({ generation: 'G5' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([g4.close(), g5.close()]);
  });

  it('a JSON bot whose model is down: its esc_html text shown decoded ("Couldn\'t")', async () => {
    g4.configure({ faults: { emptyStream: true } });
    try {
      const outcome = await turn('hi', { site: g4.pages.plain });
      expect(outcome.error?.kind).toBe('upstream');
      expect(outcome.error?.message).toContain("Couldn't connect to server");
      expect(outcome.error?.message).not.toContain('&#039;');
    } finally {
      g4.configure({ faults: {} });
    }
  });

  it('an empty message on a legacy site: invalid-message, "It appears that nothing was inputted."', async () => {
    const outcome = await turn('   ', { site: g4.pages.shortcode });
    expect(outcome.error?.kind).toBe('invalid-message');
    expect(outcome.error?.message).toBe('It appears that nothing was inputted.');
  });

  it('an empty message on an AIPKit site (HTTP 400): invalid-message with its words', async () => {
    const outcome = await turn('0', { site: g5.pages.shortcode });
    expect(outcome.error?.kind).toBe('invalid-message');
    expect(outcome.error?.message).toBe('Data to cache (message or image) cannot be empty.');
  });
});

describe('AIPKit popup mode and the cache key', () => {
  let g5: TestSite;
  beforeAll(async () => {
    g5 = await startSite({ generation: 'G5' });
  });
  afterAll(async () => {
    await g5.close();
  });

  it('a bot shown in popup mode (data-config on the wrapper) answers', async () => {
    const outcome = await turn('Hello popup', { site: g5.pages.widget });
    expect(outcome.error).toBeUndefined();
    expect(echoedMessage(outcome.text)).toBe('Hello popup');
  });

  /** A fetch that replays the first step-2 GET (a proxy retrying it): the key is used by then. */
  function replayingFetch(): { fetch: typeof fetch; replayed: () => number } {
    let replayed = 0;
    const wrapped = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      if (replayed === 0 && url.includes('action=aipkit_frontend_chat_stream')) {
        replayed++;
        await (await fetch(url, init)).text();
      }
      return fetch(input, init);
    }) as typeof fetch;
    return { fetch: wrapped, replayed: () => replayed };
  }

  it('a cache key already used: step 1 is redone once, and the answer comes', async () => {
    const replaying = replayingFetch();
    g5.clearLog();
    const outcome = await turn('Hello again', { site: g5.pages.shortcode, fetch: replaying.fetch });
    expect(replaying.replayed()).toBe(1);
    expect(outcome.error).toBeUndefined();
    expect(echoedMessage(outcome.text)).toBe('Hello again');
    const actions = g5.log
      .filter((e) => e.path === '/wp-admin/admin-ajax.php')
      .map((e) => (e.method === 'GET' ? 'stream' : 'cache'));
    expect(actions).toEqual(['cache', 'stream', 'stream', 'cache', 'stream']);
  });
});

describe('≤1.8.95 (G2): the message as the site’s own chat sends it', () => {
  let g2: TestSite;
  beforeAll(async () => {
    g2 = await startSite({ generation: 'G2' });
  });
  afterAll(async () => {
    await g2.close();
  });

  it('a typed " and \' reach the model HTML-escaped, never with a backslash', async () => {
    const outcome = await turn(`Say "hi" and it's done`, { site: g2.pages.shortcode });
    expect(outcome.error).toBeUndefined();
    expect(echoedMessage(outcome.text)).toBe('Say &quot;hi&quot; and it&#039;s done');
  });
});
