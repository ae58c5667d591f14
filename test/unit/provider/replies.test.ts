/**
 * Every shared capture, fed through the real client (ChatGptt.createAsyncGenerator with a fetch
 * that answers from the capture), gives the right text or the right typed error.
 */
import { describe, expect, it } from 'vitest';
import { ChatError, ChatGptt, memoryTokenCache, type ChatErrorKind } from '../../../src/provider';
import { capturedFields, capturedModelMessages } from './captures';
import { fakeSite, type Reply } from './fake-site';

/** The mock model's answer (captures/README.md): an oracle independent of the parser. */
function echo(n: number, last: string): string {
  return (
    `ECHO[n=${n}]: ${last}\n\nThis is the "mock-llm" peer speaking. It quotes "double quotes" on purpose.` +
    '\n\n```js\nconsole.log("hello from mock");\n```\n'
  );
}

interface Outcome {
  text: string;
  error?: { kind: ChatErrorKind; message: string; detail?: string | undefined };
  calls: ReturnType<typeof fakeSite>['calls'];
}

async function run(
  page: string,
  replies: Reply[],
  message = 'hi',
  site?: string,
): Promise<Outcome> {
  const fake = fakeSite(page, replies, site);
  let text = '';
  try {
    for await (const piece of ChatGptt.createAsyncGenerator(
      'gpt-4o',
      [{ role: 'user', content: message }],
      {
        site: fake.site,
        fetch: fake.fetch,
        tokenCache: memoryTokenCache(),
        clientId: 'PeerCli001',
      },
    ))
      text += piece;
  } catch (error) {
    if (!(error instanceof ChatError)) throw error;
    return {
      text,
      error: { kind: error.kind, message: error.message, detail: error.detail },
      calls: fake.calls,
    };
  }
  return { text, calls: fake.calls };
}

const lastUser = (name: string): string => capturedFields(name).get('message') ?? '';
const modelCount = (name: string): number => capturedModelMessages(name).length;

describe('legacy (G4) captures', () => {
  for (const name of [
    'a-02-shortcode-sse',
    'a-03-shortcode-sse-history',
    'a-04-shortcode-sse-history-with-quote',
  ]) {
    it(`${name}: the streamed answer, whole`, async () => {
      const outcome = await run('a-01-get-front.html', [name]);
      expect(outcome.error).toBeUndefined();
      expect(outcome.text).toBe(echo(modelCount(name), lastUser(name)));
    });
  }

  for (const name of ['a-06-plain-json', 'a-07-plain-json-multipart-history']) {
    it(`${name}: JSON data`, async () => {
      const outcome = await run('a-05-get-plain.html', [name], 'x', 'http://127.0.0.1:8081/plain/');
      expect(outcome.error).toBeUndefined();
      expect(outcome.text).toBe(echo(modelCount(name), lastUser(name)));
    });
  }

  it('a-23 (upstream dropped, no [DONE]): the partial answer, no error', async () => {
    const outcome = await run('a-01-get-front.html', ['a-23-trigger-drop-sse']);
    expect(outcome.error).toBeUndefined();
    expect(echo(2, 'TRIGGER_DROP').startsWith(outcome.text)).toBe(true);
    expect(outcome.text.length).toBeGreaterThan(20);
  });

  const errors: [string, ChatErrorKind, RegExp][] = [
    [
      'a-10-trigger429-sse',
      'upstream',
      /^Rate limit reached for gpt-4o-mini in organization org-mockpeer .* to learn more\.$/,
    ],
    [
      'a-22-trigger401-sse',
      'upstream',
      /^Incorrect API key provided: sk-mock\*\*\*\*\. .*api-keys\.$/,
    ],
    ['a-13-limited-turn2', 'quota', /^You have reached your token limit\.$/],
    ['a-13-limited-stream-turn2', 'quota', /^You have reached your token limit\.$/],
    ['a-16-empty-message', 'upstream', /^It appears that nothing was inputted\.$/],
    ['a-17-banned-word-sse', 'banned', /^Your message contains prohibited words/],
    ['a-20-json-request-body-400', 'plugin-missing', /400/],
    ['a-27-upstream-down-sse', 'upstream', /did not answer/],
  ];
  for (const [name, kind, message] of errors) {
    it(`${name}: ${kind} error`, async () => {
      const outcome = await run('a-01-get-front.html', [name]);
      expect(outcome.error?.kind).toBe(kind);
      expect(outcome.error?.message).toMatch(message);
      expect(outcome.text).toBe('');
    });
  }

  it('a-10: the per-word frames are joined once, not repeated', async () => {
    const outcome = await run('a-01-get-front.html', ['a-10-trigger429-sse']);
    expect(outcome.error?.message.match(/Rate limit/g)).toHaveLength(1);
  });

  for (const name of ['a-08-bad-nonce-403', 'a-09-bad-nonce-403-with-referer']) {
    it(`${name}: refreshes the tokens and retries exactly once, then 'nonce'`, async () => {
      const outcome = await run('a-01-get-front.html', [name, name]);
      expect(outcome.error?.kind).toBe('nonce');
      expect(outcome.calls.map((c) => c.method)).toEqual(['GET', 'POST', 'GET', 'POST']);
    });
  }

  it('a nonce failure followed by a good reply: the answer, after one refresh', async () => {
    const outcome = await run('a-01-get-front.html', ['a-08-bad-nonce-403', 'a-02-shortcode-sse']);
    expect(outcome.error).toBeUndefined();
    expect(outcome.text).toBe(echo(2, 'Hello peer, first turn'));
    expect(outcome.calls.map((c) => c.method)).toEqual(['GET', 'POST', 'GET', 'POST']);
  });
});

describe('AIPKit (G5) captures', () => {
  const site = 'http://127.0.0.1:8082/';
  it('b-02 + b-03: two steps, the streamed answer', async () => {
    const outcome = await run(
      'b-01-get-front.html',
      ['b-02-cache-sse-message', 'b-03-frontend-chat-stream'],
      'x',
      site,
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.text).toBe(echo(2, 'Hello AIPKit peer'));
    const [, cache, stream] = outcome.calls;
    expect(cache?.body?.get('action')).toBe('aipkit_cache_sse_message');
    expect(cache?.body?.get('_ajax_nonce')).toBe('befeb1ef53');
    const query = new URL(stream?.url ?? '').searchParams;
    expect(query.get('action')).toBe('aipkit_frontend_chat_stream');
    expect(query.get('cache_key')).toBe('aipkit_sse_HZkue4tM3zlp7ngHjuLdLodcT6t2ALtZ');
    expect(query.get('bot_id')).toBe('5');
    expect(query.get('post_id')).toBe('6');
  });

  it('b-06 (step 1 bad nonce, 403 JSON): one refresh, then nonce', async () => {
    const outcome = await run(
      'b-01-get-front.html',
      ['b-06-cache-sse-bad-nonce-403', 'b-06-cache-sse-bad-nonce-403'],
      'x',
      site,
    );
    expect(outcome.error?.kind).toBe('nonce');
    expect(outcome.calls.map((c) => c.method)).toEqual(['GET', 'POST', 'GET', 'POST']);
  });

  it('b-07 (step 2 bad nonce, SSE event: error): one refresh, then nonce', async () => {
    const outcome = await run(
      'b-01-get-front.html',
      [
        'b-02-cache-sse-message',
        'b-07-frontend-chat-stream-bad-nonce',
        'b-02-cache-sse-message',
        'b-07-frontend-chat-stream-bad-nonce',
      ],
      'x',
      site,
    );
    expect(outcome.error?.kind).toBe('nonce');
    expect(outcome.calls.map((c) => c.method)).toEqual([
      'GET',
      'POST',
      'GET',
      'GET',
      'POST',
      'GET',
    ]);
  });

  it('b-08 (legacy action on an AIPKit site): plugin-missing', async () => {
    const outcome = await run('a-01-get-front.html', ['b-08-legacy-action-400']);
    expect(outcome.error?.kind).toBe('plugin-missing');
  });
});
