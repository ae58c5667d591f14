/** Reading tokens from pages: the real captures, attribute order/quotes/entities, fallbacks. */
import { describe, expect, it } from 'vitest';
import { discoverTokens, generationOfVersion } from '../../../src/provider/discovery';
import { MissingTokensError } from '../../../src/provider/errors';
import { decodeEntities } from '../../../src/provider/entities';
import {
  SCRIPT_OBJECT_MAX_CANDIDATES,
  SCRIPT_OBJECT_MAX_CHARS,
  scriptObject,
  startTags,
} from '../../../src/provider/html';
import { legacyFields, splitConversation } from '../../../src/provider/chat-request';
import { capturedFields, captureText } from './captures';

describe('HTML tokenizer', () => {
  it('reads attributes in any order, either quote, none, spaces around =, entities', () => {
    const html = `<p>x</p><DIV data-b = 'one &amp; two' class="a  b\tc" data-a=bare data-e="&#x3C;&#60;&quot;&lt;"data-f>`;
    const tag = [...startTags(html)].find((t) => t.name === 'div');
    expect(Object.fromEntries(tag?.attributes ?? [])).toEqual({
      'data-b': 'one & two',
      class: 'a  b\tc',
      'data-a': 'bare',
      'data-e': '<<"<',
      'data-f': '',
    });
  });

  it('skips comments and script bodies', () => {
    const html = `<!-- <div class="x"> --><script>if (a<div) "<div class='y'>"</script><div class="z">`;
    expect([...startTags(html)].map((t) => [t.name, t.attributes.get('class')])).toEqual([
      ['script', undefined],
      ['div', 'z'],
    ]);
  });

  it('wpaicgParams: found after unclosed decoys; many decoys or a huge object are given up on', () => {
    const real = 'var wpaicgParams = {"ajax_url":"/wp-admin/admin-ajax.php","search_nonce":"abc"};';
    expect(scriptObject('wpaicgParams = {"x": '.repeat(3) + real, 'wpaicgParams')).toEqual({
      ajax_url: '/wp-admin/admin-ajax.php',
      search_nonce: 'abc',
    });
    // Past the bounds the scan stops instead of rescanning the page per decoy (issue 22, item 3).
    expect(
      scriptObject('wpaicgParams = {'.repeat(SCRIPT_OBJECT_MAX_CANDIDATES) + real, 'wpaicgParams'),
    ).toBeUndefined();
    const huge = `var wpaicgParams = {"search_nonce":"abc","pad":"${'x'.repeat(SCRIPT_OBJECT_MAX_CHARS)}"};`;
    expect(scriptObject(huge, 'wpaicgParams')).toBeUndefined();
  });

  it('decodes numeric and named references, keeps unknown ones', () => {
    expect(decodeEntities('&#039;&apos;&#x1F600;&bogus;&amp;amp;')).toBe("''😀&bogus;&amp;");
  });
});

describe('token discovery', () => {
  it('a-01: the shortcode root (G4, plugin 1.9.18), with the fields of the real request', () => {
    const tokens = discoverTokens(captureText('a-01-get-front.html'), 'http://127.0.0.1:8081/', 1);
    expect(tokens).toEqual({
      generation: 'G4',
      pageUrl: 'http://127.0.0.1:8081/',
      ajaxUrl: 'http://127.0.0.1:8081/wp-admin/admin-ajax.php',
      nonce: '32387aba2d',
      postId: '9',
      botId: '0',
      chatType: 'shortcode',
      url: 'http://127.0.0.1:8081',
      memoryLimit: 100,
      streamHint: true,
      fetchedAt: 1,
      pluginVersion: '1.9.18',
    });
    // The request we would send is the real one of capture a-02, field for field.
    const real = capturedFields('a-02-shortcode-sse');
    const ours = legacyFields(
      tokens,
      splitConversation([{ role: 'user', content: real.get('message') ?? '' }], 'plugin'),
      {
        clientId: real.get('wpaicg_chat_client_id') ?? '',
        memoryLimit: 100,
        chatId: Number(real.get('chat_id')),
      },
    );
    expect(ours).toEqual([...real]);
  });

  it('a-05: the custom bot page (bot 4, JSON replies)', () => {
    const tokens = discoverTokens(
      captureText('a-05-get-plain.html'),
      'http://127.0.0.1:8081/plain/',
    );
    expect(tokens).toMatchObject({
      botId: '4',
      postId: '10',
      chatType: 'shortcode',
      streamHint: false,
    });
    const real = capturedFields('a-06-plain-json');
    const ours = new Map(
      legacyFields(tokens, { message: 'x', previous: [] }, { clientId: 'c', memoryLimit: 9 }),
    );
    for (const key of ['_wpnonce', 'post_id', 'url', 'action', 'bot_id', 'chatbot_identity'])
      expect(ours.get(key), key).toBe(real.get(key));
  });

  it('the widget alone: the stray "<" of its post id is dropped, the widget action is used', () => {
    const html = captureText('a-01-get-front.html').replace(
      /class="wpaicg-chat-shortcode"/,
      'class="something-else"',
    );
    const tokens = discoverTokens(html, 'http://127.0.0.1:8081/');
    expect(tokens).toMatchObject({ chatType: 'widget', postId: '9', botId: '0' });
    expect(
      new Map(
        legacyFields(tokens, { message: 'x', previous: [] }, { clientId: 'c', memoryLimit: 9 }),
      ).get('action'),
    ).toBe('wpaicg_chatbox_message');
  });

  it('b-01: the AIPKit container (G5)', () => {
    const tokens = discoverTokens(captureText('b-01-get-front.html'), 'http://127.0.0.1:8082/');
    expect(tokens).toMatchObject({
      generation: 'G5',
      chatType: 'aipkit',
      nonce: 'befeb1ef53',
      botId: '5',
      postId: '6',
      ajaxUrl: 'http://127.0.0.1:8082/wp-admin/admin-ajax.php',
      pluginVersion: '2.4.71',
    });
  });

  /**
   * b-01 with its bot shown in popup mode, as 2.4.71 renders it (renderer/methods.php
   * render_popup_mode_html_logic): data-config on div.aipkit_popup_wrapper, a trigger button, and
   * an aipkit_chat_container inside with no data-config.
   */
  function popupPage(): string {
    const html = captureText('b-01-get-front.html');
    const inline =
      /<div class="aipkit_chat_container [^"]*" id="aipkit_chat_container_5" data-bot-id="5" (data-config='[^']*')/;
    const match = inline.exec(html);
    expect(match).not.toBeNull();
    return html.replace(
      inline,
      `<div class="aipkit_popup_wrapper aipkit-popup-theme-custom aipkit-popup-standard" id="aipkit_popup_wrapper_5" ${match?.[1] ?? ''} data-bot-id="5" data-icon-size="medium" >` +
        `<button type="button" class="aipkit_popup_trigger aipkit_popup_position-bottom-right" id="aipkit_popup_trigger_5" aria-controls="aipkit_chat_container_5" aria-expanded="false"></button>` +
        `<div class="aipkit_chat_container aipkit_popup_content aipkit-theme-custom  aipkit_popup_position-bottom-right aipkit-sidebar-state-closed   " id="aipkit_chat_container_5" aria-hidden="true" inert`,
    );
  }

  it('AIPKit popup mode: data-config on the popup wrapper, not on the container inside it', () => {
    const html = popupPage();
    expect(html).toContain('class="aipkit_popup_wrapper');
    expect(html).not.toMatch(/aipkit_chat_container[^>]*data-config/);
    expect(discoverTokens(html, 'http://127.0.0.1:8082/')).toMatchObject({
      generation: 'G5',
      chatType: 'aipkit',
      nonce: 'befeb1ef53',
      botId: '5',
      postId: '6',
      ajaxUrl: 'http://127.0.0.1:8082/wp-admin/admin-ajax.php',
    });
  });

  it('an AIPKit container with no data-config anywhere still names data-config as missing', () => {
    const html = popupPage().replace(/ data-config='[^']*'/, '');
    expect(() => discoverTokens(html, 'http://127.0.0.1:8082/')).toThrow(/data-config/);
  });

  it('a page with no chat div falls back to wpaicgParams.search_nonce with bot 0', () => {
    const html = captureText('a-01-get-front.html')
      .replace(/wpaicg-chat-shortcode"/g, 'gone"')
      .replace(/class="wpaicg-chatbox /g, 'class="gone ');
    expect(discoverTokens(html, 'http://127.0.0.1:8081/')).toMatchObject({
      nonce: '32387aba2d',
      botId: '0',
      chatType: 'shortcode',
    });
  });

  it('no tokens at all: MissingTokensError naming what is missing and the page', () => {
    try {
      discoverTokens('<html><body><p>Hello</p></body></html>', 'https://example.org/page');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MissingTokensError);
      const missing = error as MissingTokensError;
      expect(missing.kind).toBe('not-a-chat-site');
      expect(missing.pageUrl).toBe('https://example.org/page');
      expect(missing.message).toContain('https://example.org/page');
      expect(missing.missing).toContain('div.wpaicg-chat-shortcode');
    }
  });

  it('a page without a version: G1 when the root lacks data-openai_stream_nav, else G4', () => {
    const plain = (attrs: string) =>
      `<div class="wpaicg-chat-shortcode" data-nonce="abc" data-post-id="1" ${attrs}></div>`;
    expect(discoverTokens(plain(''), 'http://x/').generation).toBe('G1');
    expect(discoverTokens(plain('data-openai_stream_nav="0"'), 'http://x/').generation).toBe('G4');
  });

  it('generations by plugin version', () => {
    expect(
      [
        '1.7.14',
        '1.7.86',
        '1.8.0',
        '1.8.79',
        '1.8.80',
        '1.8.90',
        '1.8.91',
        '2.2',
        '2.3',
        '2.4.71',
      ].map(generationOfVersion),
    ).toEqual(['G1', 'G1', 'G2', 'G2', 'G3', 'G3', 'G4', 'G4', 'G5', 'G5']);
  });
});
