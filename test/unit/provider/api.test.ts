/** The original provider's API surface: static fields, getModel, formatPrompt, client ids, model choice. */
import { describe, expect, it } from 'vitest';
import {
  ChatGptt,
  formatPrompt,
  generateClientId,
  memoryTokenCache,
  selfTest,
} from '../../../src/provider';
import { discoverTokens } from '../../../src/provider/discovery';
import { legacyFields } from '../../../src/provider/chat-request';
import { captureText } from './captures';
import { fakeSite } from './fake-site';

describe('ChatGptt', () => {
  it('keeps the original static fields', () => {
    expect(ChatGptt.url).toBe('https://chatgptt.me');
    expect(ChatGptt.apiEndpoint).toBe('https://chatgptt.me/wp-admin/admin-ajax.php');
    expect([
      ChatGptt.working,
      ChatGptt.supportsStream,
      ChatGptt.supportsSystemMessage,
      ChatGptt.supportsMessageHistory,
    ]).toEqual([true, true, true, true]);
    expect(ChatGptt.defaultModel).toBe('gpt-4o');
    expect(ChatGptt.models).toEqual(['gpt-4', 'gpt-4o', 'gpt-4o-mini']);
  });

  it('getModel: names, aliases, default; an unknown name lists the models', () => {
    expect(ChatGptt.getModel('gpt-4o-mini')).toBe('gpt-4o-mini');
    expect(ChatGptt.getModel('GPT-4O')).toBe('gpt-4o');
    expect(ChatGptt.getModel('4o')).toBe('gpt-4o');
    expect(ChatGptt.getModel('mini')).toBe('gpt-4o-mini');
    expect(ChatGptt.getModel('')).toBe('gpt-4o');
    expect(ChatGptt.getModel()).toBe('gpt-4o');
    expect(() => ChatGptt.getModel('claude')).toThrow(/gpt-4, gpt-4o, gpt-4o-mini/);
  });
});

describe('formatPrompt', () => {
  it('one message: its content', () => {
    expect(formatPrompt([{ role: 'user', content: 'only' }])).toBe('only');
  });
  it('several: Role: content lines, then \\nAssistant:', () => {
    expect(
      formatPrompt([
        { role: 'system', content: 's' },
        { role: 'user', content: 'u' },
        { role: 'assistant', content: 'a' },
      ]),
    ).toBe('System: s\nUser: u\nAssistant: a\nAssistant:');
  });
});

describe('generateClientId', () => {
  it('10 characters [A-Za-z0-9], different every time, every character used', () => {
    const ids = Array.from({ length: 2000 }, () => generateClientId());
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]{10}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids.join('')).size).toBe(62);
  });
});

describe('choosing the model', () => {
  const page = (version: string) =>
    captureText('a-01-get-front.html').replaceAll('ver=1.9.18', `ver=${version}`);
  const modelField = (version: string, html = page(version)) =>
    new Map(
      legacyFields(
        discoverTokens(html, 'http://127.0.0.1:8081/'),
        { message: 'x', previous: [] },
        { clientId: 'c', memoryLimit: 9, model: 'gpt-4' },
      ),
    ).get('wpaicg_chat_shortcode_options[model]');

  it('is sent on plugin versions up to 1.8.90 (the default shortcode only)', () => {
    expect(modelField('1.8.85')).toBe('gpt-4');
    expect(modelField('1.8.79')).toBe('gpt-4');
    expect(modelField('1.7.14')).toBe('gpt-4');
  });

  it('is not sent from 1.8.91 on, nor to a custom bot', () => {
    expect(modelField('1.8.91')).toBeUndefined();
    expect(modelField('1.9.18')).toBeUndefined();
    const bot = captureText('a-05-get-plain.html').replaceAll('ver=1.9.18', 'ver=1.8.85');
    expect(modelField('1.8.85', bot)).toBeUndefined();
  });
});

describe("the message field, as the site's own chat sends it", () => {
  const page = (version: string) =>
    captureText('a-01-get-front.html').replaceAll('ver=1.9.18', `ver=${version}`);
  const messageField = (version: string, message: string) =>
    new Map(
      legacyFields(
        discoverTokens(page(version), 'http://127.0.0.1:8081/'),
        { message, previous: [] },
        { clientId: 'c', memoryLimit: 9 },
      ),
    ).get('message');
  const typed = `Say "hi" & <b>it's</b> 100%25 done`;

  it('up to 1.8.95 (no wp_unslash): HTML-escaped like wpaicgescapeHtml, so no quote gets a backslash', () => {
    // 1.8.79 public/js/wpaicg-chat.js:666-673 and :1017.
    expect(messageField('1.8.79', typed)).toBe(
      'Say &quot;hi&quot; &amp; &lt;b&gt;it&#039;s&lt;/b&gt; 100\uFF0525 done',
    );
    expect(messageField('1.8.85', typed)).toBe(messageField('1.8.79', typed));
  });

  it('from 1.8.96 (unslashed, taken raw): sent as typed', () => {
    expect(messageField('1.8.96', typed)).toBe(typed);
    expect(messageField('1.9.18', typed)).toBe(typed);
  });
});

describe('selfTest', () => {
  it('times every step and reports the generation and the reply', async () => {
    const fake = fakeSite('a-01-get-front.html', ['a-02-shortcode-sse']);
    const result = await selfTest(fake.site, { fetch: fake.fetch, tokenCache: memoryTokenCache() });
    expect(result.ok).toBe(true);
    expect(result.generation).toBe('G4');
    expect(result.steps.map((s) => [s.step, s.ok])).toEqual([
      ['page', true],
      ['tokens', true],
      ['generation', true],
      ['message', true],
      ['reply', true],
    ]);
    expect(result.reply).toMatch(/^ECHO\[n=2\]/);
  });

  it('never throws: a failed step carries its typed error', async () => {
    const fake = fakeSite('a-01-get-front.html', [
      'a-20-json-request-body-400',
      'a-20-json-request-body-400',
    ]);
    const result = await selfTest(fake.site, { fetch: fake.fetch });
    expect(result.ok).toBe(false);
    expect(result.steps.at(-1)).toMatchObject({
      step: 'message',
      ok: false,
      error: { kind: 'plugin-missing' },
    });
    const nowhere = await selfTest('http://127.0.0.1:1/');
    expect(nowhere.ok).toBe(false);
    expect(nowhere.steps[0]).toMatchObject({ step: 'page', ok: false, error: { kind: 'network' } });
    const bad = await selfTest('ftp://x');
    expect(bad.steps[0]?.ok).toBe(false);
  });

  it('a page without a chat: the page loads, the tokens step fails', async () => {
    const fake = fakeSite('a-20-json-request-body-400.request.txt', []);
    const result = await selfTest(fake.site, { fetch: fake.fetch });
    expect(result.steps.map((s) => [s.step, s.ok])).toEqual([
      ['page', true],
      ['tokens', false],
    ]);
    expect(result.steps[1]?.error?.kind).toBe('not-a-chat-site');
  });
});
