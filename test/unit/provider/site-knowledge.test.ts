/**
 * Each item of site-knowledge.ts against the fixture pages and captures it must match
 * (design habit 5: site knowledge as data, each paired with its fixtures).
 */
import { describe, expect, it } from 'vitest';
import { hasClass, scriptObject, startTags } from '../../../src/provider/html';
import * as knowledge from '../../../src/provider/site-knowledge';
import { isNonceText } from '../../../src/provider/reply';
import { captureResponse, capturedFields, captureText } from './captures';

const G4_PAGES = ['a-01-get-front.html', 'a-05-get-plain.html'];
const G5_PAGE = 'b-01-get-front.html';
const body = (name: string): string => new TextDecoder().decode(captureResponse(name).body);
const divs = (page: string) => [...startTags(captureText(page))].filter((t) => t.name === 'div');

describe('site knowledge matches the real plugin', () => {
  for (const page of G4_PAGES) {
    it(`${page}: the shortcode root and the widget root with every protocol attribute`, () => {
      for (const className of Object.values(knowledge.CHAT_ROOT_CLASSES)) {
        const root = divs(page).find((t) => hasClass(t, className));
        expect(root, className).toBeDefined();
        for (const attribute of Object.values(knowledge.ROOT_ATTRIBUTES))
          expect(root?.attributes.has(attribute), `${className} ${attribute}`).toBe(true);
      }
    });

    it(`${page}: wpaicgParams.search_nonce and ajax_url`, () => {
      const params = scriptObject(captureText(page), knowledge.PARAMS_VARIABLE);
      expect(params?.[knowledge.PARAMS_NONCE_KEY]).toMatch(/^[0-9a-f]{10}$/);
      expect(String(params?.[knowledge.PARAMS_AJAX_URL_KEY])).toMatch(
        new RegExp(`${knowledge.AJAX_PATH.replace(/\./g, '\\.')}$`),
      );
    });

    it(`${page}: the stray "<" of the widget's post id is junk`, () => {
      const widget = divs(page).find((t) => hasClass(t, knowledge.CHAT_ROOT_CLASSES.widget));
      const raw = widget?.attributes.get(knowledge.ROOT_ATTRIBUTES.postId) ?? '';
      expect(raw.startsWith('<')).toBe(true);
      expect(raw.replace(knowledge.POST_ID_JUNK, '')).toMatch(/^\d+$/);
    });

    it(`${page}: the plugin version from the asset URLs`, () => {
      const versions = [...captureText(page).matchAll(knowledge.PLUGIN_ASSET_VERSION)].map(
        (m) => m[1],
      );
      expect(versions).toContain('1.9.18');
    });

    it(`${page}: no AIPKit container`, () => {
      expect(divs(page).some((t) => hasClass(t, knowledge.AIPKIT_CONTAINER_CLASS))).toBe(false);
    });
  }

  it(`${G5_PAGE}: the AIPKit container, its data-config keys, the version`, () => {
    const container = divs(G5_PAGE).find((t) => hasClass(t, knowledge.AIPKIT_CONTAINER_CLASS));
    const config = JSON.parse(
      container?.attributes.get(knowledge.AIPKIT_CONFIG_ATTRIBUTE) ?? '{}',
    ) as Record<string, unknown>;
    const expected = JSON.parse(captureText('b-01-data-config.json')) as Record<string, unknown>;
    for (const key of Object.values(knowledge.AIPKIT_CONFIG_KEYS))
      expect(config[key]).toEqual(expected[key]);
    const versions = [...captureText(G5_PAGE).matchAll(knowledge.PLUGIN_ASSET_VERSION)].map(
      (m) => m[1],
    );
    expect(versions).toContain('2.4.71');
    for (const className of Object.values(knowledge.CHAT_ROOT_CLASSES))
      expect(divs(G5_PAGE).some((t) => hasClass(t, className))).toBe(false);
  });

  it('the field names and actions are those of the real requests', () => {
    const g4 = capturedFields('a-02-shortcode-sse');
    const legacy = Object.values(knowledge.FIELDS).filter(
      (f) => f !== knowledge.FIELDS.shortcodeModel,
    );
    expect(new Set(g4.keys())).toEqual(new Set(legacy));
    expect(g4.get(knowledge.FIELDS.action)).toBe(knowledge.ACTIONS.shortcode);
    expect(g4.get(knowledge.FIELDS.identity)).toBe(knowledge.chatbotIdentity('shortcode', '0'));
    expect(capturedFields('a-06-plain-json').get(knowledge.FIELDS.identity)).toBe(
      knowledge.chatbotIdentity('shortcode', '4'),
    );
    const g5 = capturedFields('b-02-cache-sse-message');
    expect(g5.get(knowledge.AIPKIT_FIELDS.action)).toBe(knowledge.ACTIONS.aipkitCache);
    for (const field of ['action', 'nonce', 'botId', 'message', 'clientMessageId'] as const)
      expect(g5.has(knowledge.AIPKIT_FIELDS[field]), field).toBe(true);
    const stream = capturedFields('b-03-frontend-chat-stream');
    expect(stream.get(knowledge.AIPKIT_FIELDS.action)).toBe(knowledge.ACTIONS.aipkitStream);
    for (const field of [
      'cacheKey',
      'nonce',
      'botId',
      'sessionId',
      'conversationId',
      'postId',
      'timestamp',
    ] as const)
      expect(stream.has(knowledge.AIPKIT_FIELDS[field]), field).toBe(true);
  });

  it('the history prefixes are those the model saw split into roles (a-03)', () => {
    const history = capturedFields('a-03-shortcode-sse-history').get('wpaicg_chat_history') ?? '';
    expect(history).toContain(`"${knowledge.HISTORY_PREFIX.user}`);
    expect(history).toContain(`"${knowledge.HISTORY_PREFIX.assistant}`);
  });

  it('the nonce texts match the real nonce failures', () => {
    expect(isNonceText(body('a-08-bad-nonce-403'))).toBe(true);
    expect(isNonceText(body('a-09-bad-nonce-403-with-referer'))).toBe(true);
    expect(body('b-06-cache-sse-bad-nonce-403')).toContain(
      `"code":"${knowledge.AIPKIT_NONCE_CODE_PREFIX}`,
    );
    expect(isNonceText(body('b-07-frontend-chat-stream-bad-nonce'))).toBe(true);
    expect(isNonceText(body('a-02-shortcode-sse'))).toBe(false);
  });

  it('flags, banned texts, the unknown-action reply and the content types', () => {
    expect(body('a-13-limited-turn2')).toContain('"tokenLimitReached":true');
    expect(body('a-17-banned-word-sse')).toContain('"messageFlagged":true');
    expect(Object.keys(knowledge.FLAG_KINDS)).toEqual(
      expect.arrayContaining(['tokenLimitReached', 'messageFlagged']),
    );
    expect(knowledge.BANNED_TEXTS.some((t) => body('a-17-banned-word-sse').includes(t))).toBe(true);
    for (const name of ['a-13-limited-turn2', 'a-13-limited-stream-turn2'])
      expect(
        knowledge.QUOTA_TEXTS.some((t) => body(name).includes(t)),
        name,
      ).toBe(true);
    for (const name of ['a-20-json-request-body-400', 'b-08-legacy-action-400']) {
      const reply = captureResponse(name);
      expect(reply.status).toBe(knowledge.UNKNOWN_ACTION_STATUS);
      expect(body(name).trim()).toBe(knowledge.UNKNOWN_ACTION_BODY);
    }
    expect(captureResponse('a-02-shortcode-sse').headers.get('content-type')).toMatch(
      new RegExp(`^${knowledge.CONTENT_TYPES.sse}`),
    );
    expect(captureResponse('a-06-plain-json').headers.get('content-type')).toMatch(
      new RegExp(`^${knowledge.CONTENT_TYPES.json}`),
    );
    expect(body('a-02-shortcode-sse')).toContain(`data: ${knowledge.SSE_DONE}`);
    expect(body('a-10-trigger429-sse')).toContain(`event: ${knowledge.UPSTREAM_ERROR_EVENT}\n`);
    expect(body('b-03-frontend-chat-stream')).toContain(`event: ${knowledge.AIPKIT_EVENTS.done}\n`);
    expect(body('b-07-frontend-chat-stream-bad-nonce')).toContain(
      `event: ${knowledge.AIPKIT_EVENTS.error}\n`,
    );
  });
});
