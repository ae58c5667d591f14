/**
 * Every shared capture, fed through the real client (ChatGptt.createAsyncGenerator with a fetch
 * that answers from the capture), gives the right text or the right typed error.
 */
import { describe, expect, it } from 'vitest';
import { ChatError, ChatGptt, memoryTokenCache, type ChatErrorKind } from '../../../src/provider';
import { captureResponse, capturedFields, capturedModelMessages, responseOf } from './captures';
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

const PLAIN = 'http://127.0.0.1:8081/plain/';
const jsonReply =
  (value: unknown, status = 200) =>
  () =>
    new Response(JSON.stringify(value), {
      status,
      headers: { 'content-type': 'application/json; charset=UTF-8' },
    });
const sse = (body: string) =>
  new Response(body, {
    status: 200,
    headers: { 'content-type': 'text/event-stream; charset=utf-8' },
  });

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

  it('a-23 (upstream dropped, no [DONE]): the partial answer is yielded, then a cut error', async () => {
    const outcome = await run('a-01-get-front.html', ['a-23-trigger-drop-sse']);
    expect(outcome.error?.kind).toBe('cut');
    expect(outcome.error?.message).toMatch(/part of the answer/);
    expect(echo(2, 'TRIGGER_DROP').startsWith(outcome.text)).toBe(true);
    expect(outcome.text).toBe('ECHO[n=2]: TRIGGER_DROP\n\nThis is the "mock-ll');
  });

  it('a-02 without its [DONE] but with the finish_reason frame: still complete', async () => {
    const whole = captureResponse('a-02-shortcode-sse');
    const body = new TextDecoder().decode(whole.body).replace(/data: \[DONE\]\s*$/, '');
    expect(body).toContain('"finish_reason":"stop"');
    const outcome = await run('a-01-get-front.html', [
      () => responseOf({ ...whole, body: new TextEncoder().encode(body) }),
    ]);
    expect(outcome.error).toBeUndefined();
    expect(outcome.text).toBe(echo(2, 'Hello peer, first turn'));
  });

  it('the connection breaks after part of a stream: the text so far, then cut', async () => {
    const whole = captureResponse('a-02-shortcode-sse');
    const half = whole.body.subarray(0, Math.floor(whole.body.length / 2));
    let sent = false;
    const outcome = await run('a-01-get-front.html', [
      () =>
        new Response(
          // error() drops queued chunks: the half is read first, the break comes on the next pull.
          new ReadableStream<Uint8Array>({
            pull(controller) {
              if (sent) controller.error(new TypeError('network error'));
              else controller.enqueue(half);
              sent = true;
            },
          }),
          { status: 200, headers: { 'content-type': 'text/event-stream;charset=UTF-8' } },
        ),
    ]);
    expect(outcome.error?.kind).toBe('cut');
    expect(outcome.error?.detail).toMatch(/network error/);
    expect(outcome.text.length).toBeGreaterThan(5);
    expect(echo(2, 'Hello peer, first turn').startsWith(outcome.text)).toBe(true);
  });

  it('a JSON error text with character references is shown decoded, the raw text kept', async () => {
    const raw =
      'cURL error 7: Failed to connect to api.openai.com port 443 after 2 ms: Couldn&#039;t connect to server';
    const outcome = await run(
      'a-05-get-plain.html',
      [jsonReply({ status: 'error', msg: raw })],
      'x',
      PLAIN,
    );
    expect(outcome.error?.kind).toBe('upstream');
    expect(outcome.error?.message).toBe(
      "cURL error 7: Failed to connect to api.openai.com port 443 after 2 ms: Couldn't connect to server",
    );
    expect(outcome.error?.detail).toContain('Couldn&#039;t');
  });

  it('an SSE error frame with character references is shown decoded', async () => {
    const outcome = await run('a-01-get-front.html', [
      () =>
        sse(
          'data: {"error":{"message":"Model &quot;gpt-x&quot; can&#039;t answer &amp; stopped"}}\n\n',
        ),
    ]);
    expect(outcome.error?.kind).toBe('upstream');
    expect(outcome.error?.message).toBe('Model "gpt-x" can\'t answer & stopped');
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
    ['a-16-empty-message', 'invalid-message', /^It appears that nothing was inputted\.$/],
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

  /** b-03 with its ending replaced: what the plugin sends when the model's stream breaks. */
  const b03Ending = (ending: string) => () => {
    const whole = captureResponse('b-03-frontend-chat-stream');
    const text = new TextDecoder().decode(whole.body);
    const at = text.indexOf('event: openai_response_id');
    expect(at).toBeGreaterThan(0);
    return responseOf({ ...whole, body: new TextEncoder().encode(text.slice(0, at) + ending) });
  };
  const B03_TEXT = echo(2, 'Hello AIPKit peer');

  it('step 2 ends after text with no done event: the text, then cut', async () => {
    const outcome = await run(
      'b-01-get-front.html',
      ['b-02-cache-sse-message', b03Ending('')],
      'x',
      site,
    );
    expect(outcome.error?.kind).toBe('cut');
    expect(outcome.text).toBe(B03_TEXT);
  });

  it("step 2 after text: the plugin's curl error event (start-stream.php), then nothing: cut with its words", async () => {
    const ending =
      'event: error\nid: err-1795468907\ndata: {"error":"Connection Error: Recv failure: Connection reset by peer"}\n\n';
    const outcome = await run(
      'b-01-get-front.html',
      ['b-02-cache-sse-message', b03Ending(ending)],
      'x',
      site,
    );
    expect(outcome.error?.kind).toBe('cut');
    expect(outcome.error?.message).toContain(
      'Connection Error: Recv failure: Connection reset by peer',
    );
    expect(outcome.text).toBe(B03_TEXT);
  });

  it('step 2 error event before any text keeps its own kind, its words decoded', async () => {
    const stream = () =>
      sse(
        ':' +
          ' '.repeat(4096) +
          '\n\nevent: error\nid: err-1\ndata: {"error":"API Error: The model can&#039;t be reached &amp; failed."}\n\nevent: done\ndata: {"finished":true}\n\n',
      );
    const outcome = await run('b-01-get-front.html', ['b-02-cache-sse-message', stream], 'x', site);
    expect(outcome.error?.kind).toBe('upstream');
    expect(outcome.error?.message).toBe("API Error: The model can't be reached & failed.");
  });

  const EMBED = {
    success: false,
    data: {
      message: 'Embed feature is not available with your current plan.',
      code: 'embed_not_available',
    },
  };
  it("step 1 refused for the Origin (403 embed_not_available): refused, the site's words, no refresh", async () => {
    const outcome = await run('b-01-get-front.html', [jsonReply(EMBED, 403)], 'x', site);
    expect(outcome.error?.kind).toBe('refused');
    expect(outcome.error?.message).toBe('Embed feature is not available with your current plan.');
    expect(outcome.calls.map((c) => c.method)).toEqual(['GET', 'POST']);
  });

  it('step 1 refuses an empty message (400 empty_data_to_cache): invalid-message, its words', async () => {
    const empty = {
      success: false,
      data: {
        message: 'Data to cache (message or image) cannot be empty.',
        code: 'empty_data_to_cache',
      },
    };
    const outcome = await run('b-01-get-front.html', [jsonReply(empty, 400)], 'x', site);
    expect(outcome.error?.kind).toBe('invalid-message');
    expect(outcome.error?.message).toBe('Data to cache (message or image) cannot be empty.');
  });

  const cacheMiss = () =>
    sse(
      ':' +
        ' '.repeat(4096) +
        '\n\nevent: error\nid: err-1\ndata: {"error":"Message not found in cache."}\n\nevent: done\ndata: {"finished":true}\n\n',
    );
  it('an unknown cache key in step 2: step 1 is redone once with a fresh key, then the answer', async () => {
    const outcome = await run(
      'b-01-get-front.html',
      ['b-02-cache-sse-message', cacheMiss, 'b-02-cache-sse-message', 'b-03-frontend-chat-stream'],
      'x',
      site,
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.text).toBe(B03_TEXT);
    expect(outcome.calls.map((c) => c.method)).toEqual(['GET', 'POST', 'GET', 'POST', 'GET']);
  });

  it("the cache key unknown twice: a server error with the site's words, no third try", async () => {
    const outcome = await run(
      'b-01-get-front.html',
      ['b-02-cache-sse-message', cacheMiss, 'b-02-cache-sse-message', cacheMiss],
      'x',
      site,
    );
    expect(outcome.error?.kind).toBe('server');
    expect(outcome.error?.message).toContain('Message not found in cache.');
    expect(outcome.calls.map((c) => c.method)).toEqual(['GET', 'POST', 'GET', 'POST', 'GET']);
  });

  it('b-08 (legacy action on an AIPKit site): plugin-missing', async () => {
    const outcome = await run('a-01-get-front.html', ['b-08-legacy-action-400']);
    expect(outcome.error?.kind).toBe('plugin-missing');
  });
});
