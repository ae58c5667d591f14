import { describe, expect, it, vi } from 'vitest';
import { createRouter, type Handlers } from '../../../src/background/router/router';
import { classifySender, type SenderInfo } from '../../../src/background/router/trust';
import { REQUEST_VALIDATORS, isTurnCommand } from '../../../src/background/router/validate';
import { HandlerError, words } from '../../../src/background/errors';
import { tIn } from '../../../src/shared/i18n';
import type { RequestType } from '../../../src/shared/messages';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;

const popup: SenderInfo = { id: ID, url: `${ORIGIN}popup/popup.html` };
const optionsTab: SenderInfo = {
  id: ID,
  url: `${ORIGIN}options/options.html`,
  frameId: 0,
  tab: { id: 3, url: `${ORIGIN}options/options.html` },
};
const sidebarFrame: SenderInfo = {
  id: ID,
  url: `${ORIGIN}sidebar/sidebar.html#token`,
  frameId: 7,
  tab: { id: 12, url: 'https://news.example/article' },
};
const contentScript: SenderInfo = {
  id: ID,
  url: 'https://news.example/article',
  frameId: 0,
  tab: { id: 12, url: 'https://news.example/article' },
};
const otherExtension: SenderInfo = {
  id: 'someoneelse',
  url: 'chrome-extension://someoneelse/x.html',
};
const noTabNoOrigin: SenderInfo = { id: ID, url: 'https://evil.example/' };

/** Handlers that record who called them and answer their type. */
function recordingHandlers() {
  const calls: Array<{ type: string; payload: unknown; tabId?: number }> = [];
  const handlers = new Proxy({} as Handlers, {
    get: (_target, type: string) => async (payload: unknown, caller: { tabId?: number }) => {
      calls.push({ type, payload, ...(caller.tabId === undefined ? {} : { tabId: caller.tabId }) });
      if (type === 'conversations/get') throw new HandlerError('protocol', 'No such thing');
      if (type === 'storage/usage') throw new TypeError('kaboom');
      return { answered: type };
    },
  });
  return { calls, handlers };
}

function router() {
  const log = vi.fn();
  const { calls, handlers } = recordingHandlers();
  const route = createRouter({ handlers, extensionId: ID, origin: ORIGIN, log });
  return { route, calls, log };
}

const EVERY_TYPE = Object.keys(REQUEST_VALIDATORS) as RequestType[];

/** A valid payload for each type (the smallest). */
const VALID: Record<RequestType, unknown> = {
  ping: {},
  'conversations/list': {},
  'conversations/switchVersion': { id: 'c1', messageId: 'm1', step: 1 },
  'conversations/get': { id: 'c1' },
  'conversations/latest': {},
  'conversations/create': {},
  'conversations/update': { id: 'c1', title: 'x' },
  'conversations/adopt': { id: 'c1' },
  'conversations/delete': { id: 'c1' },
  'conversations/restore': {
    conversation: {
      id: 'c1',
      title: '',
      site: 's',
      model: 'gpt-4o',
      systemPrompt: '',
      createdAt: 1,
      updatedAt: 1,
    },
    messages: [],
  },
  'conversations/deleteAll': {},
  'content/settings': {},
  'content/actions': {},
  'content/toolbar': {},
  'content/sidebarWidth': { width: 420 },
  'conversations/export': { format: 'json' },
  'conversations/import': { json: '{}' },
  'import/begin': { bytes: 10 },
  'import/chunk': { importId: 'i1', text: '{' },
  'import/finish': { importId: 'i1' },
  'import/commit': { importId: 'i1' },
  'import/progress': { importId: 'i1' },
  'import/cancel': { importId: 'i1' },
  'turn/stop': { conversationId: 'c1' },
  'site/selfTest': { url: 'https://chatgptt.me' },
  'site/bots': { site: 'https://chatgptt.me' },
  'site/openCheck': { site: 'https://chatgptt.me' },
  'storage/usage': {},
  'sidebar/open': { selection: 'hi' },
  'sidebar/closed': {},
  'sidebar/takePending': { token: 'tok' },
  'settings/applied': {},
};

describe('trust tiers', () => {
  it('classifies each kind of sender', () => {
    expect(classifySender(popup, ID, ORIGIN)).toEqual({ tier: 'extension' });
    expect(classifySender(optionsTab, ID, ORIGIN)).toEqual({ tier: 'extension', tabId: 3 });
    expect(classifySender(sidebarFrame, ID, ORIGIN)).toEqual({ tier: 'sidebar', tabId: 12 });
    expect(classifySender(contentScript, ID, ORIGIN)).toEqual({ tier: 'content', tabId: 12 });
    expect(classifySender(otherExtension, ID, ORIGIN).tier).toBe('untrusted');
    expect(classifySender(noTabNoOrigin, ID, ORIGIN).tier).toBe('untrusted');
  });

  it('extension pages may send every request', async () => {
    const { route, calls } = router();
    for (const type of EVERY_TYPE) {
      if (type === 'conversations/get' || type === 'storage/usage') continue;
      expect(await route({ type, payload: VALID[type] }, popup)).toEqual({
        ok: true,
        value: { answered: type },
      });
    }
    expect(calls).toHaveLength(EVERY_TYPE.length - 2);
  });

  it('the sidebar frame may do what a page does, for its own tab', async () => {
    const { route, calls } = router();
    expect(
      await route({ type: 'sidebar/takePending', payload: { token: 't' } }, sidebarFrame),
    ).toMatchObject({
      ok: true,
    });
    expect(await route({ type: 'conversations/list', payload: {} }, sidebarFrame)).toMatchObject({
      ok: true,
    });
    expect(calls[0]).toEqual({ type: 'sidebar/takePending', payload: { token: 't' }, tabId: 12 });
  });

  it('content scripts may only open and close the sidebar of their own tab and read its settings', async () => {
    const { route, calls, log } = router();
    const allowed = [
      'sidebar/open',
      'sidebar/closed',
      'content/settings',
      'content/sidebarWidth',
      'content/actions',
      'content/toolbar',
    ];
    for (const type of EVERY_TYPE) {
      const reply = await route({ type, payload: VALID[type] }, contentScript);
      if (allowed.includes(type)) expect(reply).toMatchObject({ ok: true });
      else expect(reply).toMatchObject({ ok: false, error: { kind: 'protocol' } });
    }
    expect(calls.map((c) => [c.type, c.tabId]).sort()).toEqual(
      [
        ['sidebar/open', 12],
        ['sidebar/closed', 12],
        ['content/settings', 12],
        ['content/sidebarWidth', 12],
        ['content/actions', 12],
        ['content/toolbar', 12],
      ].sort(),
    );
    expect(log).toHaveBeenCalledWith(
      expect.stringContaining('refused conversations/list from a content sender'),
      expect.anything(),
    );
  });

  it('untrusted senders get nothing', async () => {
    const { route, calls } = router();
    for (const sender of [otherExtension, noTabNoOrigin]) {
      for (const type of EVERY_TYPE) {
        expect(await route({ type, payload: VALID[type] }, sender)).toMatchObject({ ok: false });
      }
    }
    expect(calls).toEqual([]);
  });
});

describe('malformed messages', () => {
  const malformed: Array<[string, unknown]> = [
    ['undefined', undefined],
    ['a string', 'ping'],
    ['an array', [{ type: 'ping' }]],
    ['no type', { payload: {} }],
    ['an unknown type', { type: 'conversations/drop', payload: {} }],
    ['a prototype key as type', { type: 'constructor', payload: {} }],
    ['no payload', { type: 'ping' }],
  ];
  it.each(malformed)('refuses %s with a protocol error, logged', async (_name, message) => {
    const { route, calls, log } = router();
    expect(await route(message, popup)).toEqual({
      ok: false,
      error: { kind: 'protocol', message: 'Malformed request.' },
    });
    expect(calls).toEqual([]);
    expect(log).toHaveBeenCalled();
  });

  const badPayloads: Array<[RequestType, unknown]> = [
    ['ping', { extra: 1 }],
    ['conversations/get', {}],
    ['conversations/get', { id: 42 }],
    ['conversations/list', { limit: -1 }],
    ['conversations/list', { offset: 'x' }],
    ['conversations/update', { id: 'c', model: 'gpt-99' }],
    ['conversations/export', { format: 'pdf' }],
    ['conversations/import', { json: {} }],
    ['import/begin', { bytes: -1 }],
    ['import/chunk', { importId: 'i1', text: 'x'.repeat(3 * 1024 * 1024) }],
    ['import/commit', {}],
    ['conversations/restore', { conversation: { id: 'c' }, messages: [] }],
    ['sidebar/open', { selection: 5 }],
    ['sidebar/takePending', {}],
    ['site/selfTest', { url: null }],
    ['site/bots', { site: 'javascript:alert(1)' }],
    ['site/openCheck', { site: 'https://chatgptt.me', messageId: '' }],
    ['conversations/update', { id: 'c1', bot: { id: '', name: 'x' } }],
    ['conversations/create', { bot: { id: '5', name: 'x', extra: 1 } }],
    ['site/selfTest', { url: 'javascript:alert(1)' }],
    ['conversations/create', { site: 'file:///etc/passwd' }],
    ['turn/stop', { conversationId: '' }],
  ];
  it.each(badPayloads)('refuses %s with payload %j', async (type, payload) => {
    const { route, calls } = router();
    const reply = await route({ type, payload }, popup);
    expect(reply).toEqual({
      ok: false,
      error: { kind: 'protocol', message: `Malformed "${type}" request.` },
    });
    expect(calls).toEqual([]);
  });

  it('handler failures come back as data, typed errors keep their kind', async () => {
    const { route } = router();
    expect(await route({ type: 'conversations/get', payload: { id: 'x' } }, popup)).toEqual({
      ok: false,
      error: { kind: 'protocol', message: 'No such thing' },
    });
    expect(await route({ type: 'storage/usage', payload: {} }, popup)).toEqual({
      ok: false,
      error: { kind: 'protocol', message: 'kaboom' },
    });
  });

  it("a refusal in the worker's own words is said in the settings' language as it is sent", async () => {
    let language: 'en' | 'ru' = 'ru';
    const handlers = new Proxy({} as Handlers, {
      get: () => async () => {
        throw new HandlerError('protocol', words('background_error_no_conversation'));
      },
    });
    const route = createRouter({
      handlers,
      extensionId: ID,
      origin: ORIGIN,
      language: async () => language,
    });
    const ask = () => route({ type: 'conversations/get', payload: { id: 'x' } }, popup);
    expect(await ask()).toEqual({
      ok: false,
      error: { kind: 'protocol', message: tIn('ru', 'background_error_no_conversation') },
    });
    language = 'en';
    expect(await ask()).toEqual({
      ok: false,
      error: { kind: 'protocol', message: tIn('en', 'background_error_no_conversation') },
    });
    expect(tIn('ru', 'background_error_no_conversation')).not.toBe(
      tIn('en', 'background_error_no_conversation'),
    );
  });
});

describe('turn commands', () => {
  it('accepts each valid command', () => {
    expect(isTurnCommand({ type: 'send', conversationId: null, text: 'hi' })).toBe(true);
    expect(
      isTurnCommand({
        type: 'send',
        conversationId: 'c',
        text: 'hi',
        context: { title: 't', url: 'u', text: 'x', kind: 'page' },
        model: 'gpt-4',
      }),
    ).toBe(true);
    expect(isTurnCommand({ type: 'regenerate', conversationId: 'c' })).toBe(true);
    expect(isTurnCommand({ type: 'edit', conversationId: 'c', messageId: 'm', text: 'x' })).toBe(
      true,
    );
    expect(isTurnCommand({ type: 'retry', conversationId: 'c', messageId: 'm' })).toBe(true);
    expect(isTurnCommand({ type: 'continue', conversationId: 'c', messageId: 'm' })).toBe(true);
  });
  it("accepts a video's or a PDF's summary, and no other source", () => {
    const summarize = (source: unknown) => ({
      type: 'summarize',
      conversationId: null,
      prompt: 'Summarize this video.',
      context: { title: 't', url: 'u', text: '[0:01] x', kind: 'page', source },
    });
    expect(isTurnCommand(summarize('video'))).toBe(true);
    expect(isTurnCommand(summarize('pdf'))).toBe(true);
    expect(isTurnCommand(summarize('podcast'))).toBe(false);
  });
  it('refuses bad ones', () => {
    expect(isTurnCommand({ type: 'send', conversationId: null, text: '   ' })).toBe(false);
    expect(isTurnCommand({ type: 'send', conversationId: null, text: 'x', model: 'gpt-99' })).toBe(
      false,
    );
    expect(
      isTurnCommand({ type: 'send', conversationId: null, text: 'x', context: { url: 1 } }),
    ).toBe(false);
    expect(isTurnCommand({ type: 'send', text: 'x' })).toBe(false);
    expect(isTurnCommand({ type: 'retry', conversationId: 'c' })).toBe(false);
    expect(isTurnCommand({ type: 'explode' })).toBe(false);
    expect(isTurnCommand(null)).toBe(false);
  });
});
