import { describe, expect, it } from 'vitest';
import { botForModel, discoverBots } from '../../../src/provider/bots';
import { discoverTokens } from '../../../src/provider/discovery';

/** A public G5 page: 8 AIPKit containers sharing one nonce, as renderer/methods.php writes them. */
const NAMES = [
  'GPT-4o mini',
  'GPT-5 nano',
  'Gemini',
  'DeepSeek',
  'Claude',
  'Grok',
  'Meta AI',
  'Qwen',
];
function container(id: number, name: string, extra: Record<string, unknown> = {}): string {
  const config = { botId: id, nonce: 'abcdef0123', postId: 9, headerName: name, ...extra };
  const attr = JSON.stringify(config).replace(/"/g, '&quot;');
  return `<div class="aipkit_chat_container aipkit-theme-light" id="aipkit_chat_container_${id}" data-bot-id="${id}" data-config="${attr}"><div class="aipkit_chat_main"></div></div>`;
}
const MULTI = `<html><body>${NAMES.map((n, i) =>
  container(100 + i, n, i === 1 ? { imageUploadEnabledUI: true, allowWebSearchTool: true } : {}),
).join('\n')}</body></html>`;

describe('discoverBots', () => {
  it('lists every AIPKit container of a page with its header name and flags', () => {
    const bots = discoverBots(MULTI);
    expect(bots.map((b) => b.name)).toEqual(NAMES);
    expect(bots.map((b) => b.id)).toEqual(NAMES.map((_, i) => String(100 + i)));
    expect(bots[0]).toMatchObject({ kind: 'aipkit', isDefault: true, streaming: true });
    expect(bots[1]).toMatchObject({ isDefault: false, imageInput: true, webSearch: true });
    expect(bots[2]?.imageInput).toBeUndefined();
  });

  it('a popup wrapper is one bot (its inner container has no config)', () => {
    const attr = JSON.stringify({ botId: 7, nonce: 'abcdef0123', headerName: 'Helper' }).replace(
      /"/g,
      '&quot;',
    );
    const html = `<div class="aipkit_popup_wrapper" id="aipkit_popup_wrapper_7" data-config="${attr}"><div class="aipkit_chat_container"></div></div>`;
    expect(discoverBots(html)).toEqual([
      { id: '7', name: 'Helper', kind: 'aipkit', isDefault: true, streaming: true },
    ]);
  });

  it('lists a legacy shortcode, custom bots and the widget', () => {
    const html = `
      <div class="wpaicg-chat-shortcode" data-nonce="n" data-bot-id="0" data-openai_stream_nav="1"></div>
      <div class="wpaicg-chat-shortcode" data-nonce="n" data-bot-id="4" data-bot-name="Support"></div>
      <div class="wpaicg-chatbox" data-nonce="n" data-bot-id="0"></div>`;
    expect(discoverBots(html).map((b) => [b.id, b.name, b.kind, b.streaming])).toEqual([
      ['0', 'Chat', 'shortcode', true],
      ['4', 'Support', 'shortcode', false],
      ['widget:0', 'Widget', 'widget', false],
    ]);
  });
});

describe('choosing a bot', () => {
  const bots = discoverBots(MULTI);
  it('maps the original model names onto a bot of that name, else the default bot', () => {
    expect(botForModel(bots, 'gpt-4o-mini')?.name).toBe('GPT-4o mini');
    expect(botForModel(bots, 'gpt-4o')?.name).toBe('GPT-4o mini');
    expect(botForModel(bots, 'gpt-4')?.name).toBe('GPT-4o mini');
    expect(botForModel(bots, 'claude')?.id).toBe('104');
    expect(botForModel(bots, '105')?.name).toBe('Grok');
    expect(botForModel(bots, 'no such bot')).toBeUndefined();
  });

  it('an original name never lands on another variant of its model (issue 16: gpt-4o is not "GPT-4o mini")', () => {
    const page = `<html><body>${[
      container(1, 'GPT-5 nano'),
      container(2, 'GPT-4o mini'),
      container(3, 'GPT-4o'),
      container(4, 'Gemini 2.5 Flash'),
    ].join('')}</body></html>`;
    const choices = discoverBots(page);
    expect(botForModel(choices, 'gpt-4o-mini')?.id).toBe('2');
    expect(botForModel(choices, 'gpt-4o')?.id).toBe('3');
    // No GPT-4 bot: the site's default bot, not the first name containing "gpt-4".
    expect(botForModel(choices, 'gpt-4')?.id).toBe('1');
    expect(botForModel(choices, 'gemini')?.id).toBe('4');
    const noPlain4o = choices.filter((b) => b.id !== '3');
    expect(botForModel(noPlain4o, 'gpt-4o')?.id).toBe('1');
  });

  it("the tokens of a chosen bot are that container's, not the first one's", () => {
    expect(discoverTokens(MULTI, 'https://s.example/').botId).toBe('100');
    expect(discoverTokens(MULTI, 'https://s.example/', 0, '103').botId).toBe('103');
    expect(() => discoverTokens(MULTI, 'https://s.example/', 0, '999')).toThrow(/bot 999/);
  });
});
