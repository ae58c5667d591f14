/**
 * The library against the local test site over real HTTP: every generation and page kind,
 * warm tokens, memory that survives the plugin, the system message, single-prompt mode,
 * nonce expiry, and abort.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clearCookies,
  fetchTokens,
  memoryTokenCache,
  type ChatMessage,
  type SiteGeneration,
} from './provider-imports';
import { startSite, type TestSite } from '../site/server';
import { echoCount, echoedMessage, turn } from './provider-helpers';

const GENERATIONS: SiteGeneration[] = ['G1', 'G2', 'G3', 'G4', 'G5'];
const ajaxRequests = (site: TestSite) =>
  site.log.filter((e) => e.path === '/wp-admin/admin-ajax.php');
const pageRequests = (site: TestSite) =>
  site.log.filter((e) => e.path !== '/wp-admin/admin-ajax.php');

describe.each(GENERATIONS)('generation %s', (generation) => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startSite({ generation });
  });
  afterAll(async () => {
    await site.close();
  });

  const pageKinds =
    generation === 'G5'
      ? (['shortcode', 'plain', 'widget'] as const) // widget: the popup-mode bot
      : (['shortcode', 'plain', 'widget', 'paramsOnly'] as const);
  for (const kind of pageKinds) {
    it(`${kind} page: one answer, then a warm turn costs ${generation === 'G5' ? 'two requests' : 'one request'}`, async () => {
      const tokenCache = memoryTokenCache();
      site.clearLog();
      const first = await turn('Hello from the library', { site: site.pages[kind], tokenCache });
      expect(first.error).toBeUndefined();
      expect(echoedMessage(first.text)).toBe('Hello from the library');
      expect(first.text).toContain('жёлтый');
      const tokens = first.progress.find((e) => e.type === 'tokens');
      expect(tokens?.type === 'tokens' && tokens.cached).toBe(false);
      expect(tokens?.type === 'tokens' && tokens.tokens.generation).toBe(generation);
      expect(pageRequests(site)).toHaveLength(1);

      site.clearLog();
      const second = await turn('Again', { site: site.pages[kind], tokenCache });
      expect(second.error).toBeUndefined();
      expect(echoedMessage(second.text)).toBe('Again');
      expect(pageRequests(site)).toHaveLength(0);
      expect(ajaxRequests(site)).toHaveLength(generation === 'G5' ? 2 : 1);
    });
  }

  it('a page without a chat: not-a-chat-site naming the page', async () => {
    const outcome = await turn('hi', { site: site.pages.nonChat });
    expect(outcome.error?.kind).toBe('not-a-chat-site');
    expect(outcome.error?.message).toContain(site.pages.nonChat);
  });

  it('memory survives: 3 turns whose answers hold ", \\, newlines and emoji all reach the model', async () => {
    // G1 keeps memory in the site's cookies (per cookie jar, not per conversation): a new jar.
    clearCookies(new URL(site.url).origin);
    const tokenCache = memoryTokenCache();
    const messages: ChatMessage[] = [];
    // G1 keeps the memory itself, in a PHP-serialized cookie it strips of backslashes before
    // unserializing: a `\\` anywhere breaks the byte lengths and the site forgets. The client cannot
    // re-encode what the server writes, so on G1 the proof uses quotes, newlines and emoji only.
    const asks =
      generation === 'G1'
        ? ['First "quoted" 🎉', 'Second "tricky" turn 😀', 'Third turn']
        : ['First "quoted" C:\\dir\\file 🎉', 'Second \\"tricky\\" turn 😀', 'Third turn'];
    const counts: number[] = [];
    for (const ask of asks) {
      messages.push({ role: 'user', content: ask });
      const outcome = await turn([...messages], { site: site.pages.shortcode, tokenCache });
      expect(outcome.error).toBeUndefined();
      expect(outcome.text).toMatch(/"/);
      expect(outcome.text).toContain('\n');
      counts.push(echoCount(outcome.text) ?? -1);
      messages.push({ role: 'assistant', content: outcome.text });
    }
    // G1–G4: the plugin's preamble + every earlier turn + the message; G5: its system prompt instead.
    expect(counts).toEqual([2, 4, 6]);
    // ≤1.8.95 (G2, G3) reads the message slashed and never unslashes it: each `\` reaches the
    // model doubled, for the site's own visitors too (a `"` is sent HTML-escaped, so it has none).
    if (generation === 'G2' || generation === 'G3')
      expect(messages[1]?.content).toContain('First &quot;quoted&quot; C:\\\\dir\\\\file');
    else if (generation !== 'G1') expect(messages[1]?.content).toContain('C:\\dir\\file');
  });

  it('control: the naive encoding (raw JSON with \\") loses the whole history on this site', async () => {
    if (generation === 'G1' || generation === 'G5') return; // no client history there
    const tokens = await fetchTokens({ site: site.pages.shortcode });
    const naive = JSON.stringify([
      { id: '', text: 'Human: Say "hi"' },
      { id: '', text: 'AI: He said "hi".' },
    ]);
    const form = new URLSearchParams({
      _wpnonce: tokens.nonce,
      post_id: tokens.postId,
      url: tokens.url,
      action: 'wpaicg_chat_shortcode_message',
      message: 'naive',
      bot_id: '0',
      chatbot_identity: 'shortcode',
      wpaicg_chat_client_id: 'NaiveCli01',
      wpaicg_chat_history: naive,
    });
    const response = await fetch(tokens.ajaxUrl, { method: 'POST', body: form });
    expect(await response.text()).toContain('ECHO[n=2]: naive');
  });

  it('the system message reaches the model', async () => {
    const outcome = await turn(
      [
        { role: 'system', content: 'Answer like a pirate.' },
        { role: 'user', content: 'Ahoy?' },
      ],
      { site: site.pages.shortcode },
    );
    expect(outcome.error).toBeUndefined();
    expect(echoedMessage(outcome.text)).toContain('Answer like a pirate.');
    expect(echoedMessage(outcome.text)).toContain('Ahoy?');
  });

  it('single-prompt mode: the transcript in the message, no history', async () => {
    clearCookies(new URL(site.url).origin);
    const outcome = await turn(
      [
        { role: 'user', content: 'one' },
        { role: 'assistant', content: 'two' },
        { role: 'user', content: 'three' },
      ],
      { site: site.pages.shortcode, memoryMode: 'single-prompt' },
    );
    expect(outcome.error).toBeUndefined();
    expect(echoCount(outcome.text)).toBe(2);
    expect(outcome.text).toContain('User: one');
    expect(outcome.text).toContain('Assistant: two');
  });

  it('nonce expiry mid-conversation: one refresh, the answer still comes', async () => {
    const tokenCache = memoryTokenCache();
    const first = await turn('before expiry', { site: site.pages.shortcode, tokenCache });
    expect(first.error).toBeUndefined();
    site.expireNonces();
    site.clearLog();
    const second = await turn('after expiry', { site: site.pages.shortcode, tokenCache });
    expect(second.error).toBeUndefined();
    expect(echoedMessage(second.text)).toBe('after expiry');
    expect(second.progress.filter((e) => e.type === 'nonce-refresh')).toHaveLength(1);
    expect(pageRequests(site)).toHaveLength(1);
  });

  it('a nonce refused twice: a nonce error after exactly one retry', async () => {
    // Every page read is followed by a secret rotation, so every nonce is dead on arrival.
    const expiring: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if ((init?.method ?? 'GET') === 'GET' && !String(input).includes('admin-ajax'))
        site.expireNonces();
      return response;
    };
    site.clearLog();
    const outcome = await turn('doomed', { site: site.pages.shortcode, fetch: expiring });
    expect(outcome.error?.kind).toBe('nonce');
    expect(pageRequests(site)).toHaveLength(2);
    expect(outcome.progress.filter((e) => e.type === 'nonce-refresh')).toHaveLength(1);
  });
});

describe('abort and the model option', () => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startSite({ generation: 'G4', faults: { chunkDelayMs: 100 } });
  });
  afterAll(async () => {
    await site.close();
  });

  it('aborting mid-stream stops with kind "aborted" and keeps what arrived', async () => {
    const controller = new AbortController();
    const outcome = await turn('stop me', {
      site: site.pages.shortcode,
      signal: controller.signal,
      onProgress: (event) => {
        if (event.type === 'first-byte') setTimeout(() => controller.abort(), 250);
      },
    });
    expect(outcome.error?.kind).toBe('aborted');
    expect(outcome.text.startsWith('ECHO[n=2]: stop me')).toBe(true);
    expect(outcome.text).not.toContain('[model=');
  });

  it('an already aborted signal sends nothing', async () => {
    site.clearLog();
    const controller = new AbortController();
    controller.abort();
    const outcome = await turn('never', { site: site.pages.shortcode, signal: controller.signal });
    expect(outcome.error?.kind).toBe('aborted');
    expect(site.log).toHaveLength(0);
  });
});

describe('G5 conversations', () => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startSite({ generation: 'G5' });
  });
  afterAll(async () => {
    await site.close();
  });

  it('conversationId keeps two conversations with the same opening apart', async () => {
    const ask = async (conversationId: string, messages: ChatMessage[]) =>
      echoCount((await turn(messages, { site: site.pages.shortcode, conversationId })).text);
    const opening: ChatMessage[] = [{ role: 'user', content: 'hi' }];
    expect(await ask('one', opening)).toBe(2);
    expect(await ask('two', opening)).toBe(2);
    const followUp: ChatMessage[] = [
      ...opening,
      { role: 'assistant', content: 'x' },
      { role: 'user', content: 'again' },
    ];
    expect(await ask('one', followUp)).toBe(4);
  });
});
