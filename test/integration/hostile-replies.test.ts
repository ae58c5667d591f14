/**
 * Hostile-input suite, bad replies (issue 8): the provider over real HTTP against a hostile
 * server (test/hostile/hostile-server.ts). Every bad reply must end as the right text or a
 * ChatError of an expected kind, within a bound derived from the timeouts the client was given;
 * a hang is a failure, not a slow pass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatGptt, isChatError, memoryTokenCache } from '../../src/provider/index';
import { BAD_REPLIES, type BadReply } from '../hostile/bad-replies';
import { startHostileServer, type HostileServer } from '../hostile/hostile-server';

const DEFAULT_TIMEOUT_MS = 5_000;

interface Outcome {
  text: string;
  error?: unknown;
}

async function ask(server: HostileServer, c: BadReply): Promise<Outcome> {
  const controller = new AbortController();
  const firstByte = c.firstByteTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const idle = c.idleTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Page GET + POST + a nonce refresh (GET + POST) may each wait out a timeout: bound it.
  const bound = 4 * (firstByte + idle) + 5_000;
  let text = '';
  const run = (async (): Promise<Outcome> => {
    try {
      for await (const piece of ChatGptt.createAsyncGenerator(
        '',
        [{ role: 'user', content: `case ${c.name}` }],
        {
          site: server.pageOf(c.name),
          tokenCache: memoryTokenCache(),
          firstByteTimeoutMs: firstByte,
          idleTimeoutMs: idle,
          signal: controller.signal,
        },
      )) {
        text += piece;
      }
      return { text };
    } catch (error) {
      return { text, error };
    }
  })();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`${c.name}: neither text nor a typed error within ${bound} ms`));
    }, bound);
  });
  try {
    return await Promise.race([run, hang]);
  } finally {
    clearTimeout(timer);
  }
}

describe('bad replies over real HTTP: the right text or a typed error', () => {
  let server: HostileServer;
  beforeAll(async () => {
    server = await startHostileServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('has at least 40 bad replies', () => {
    expect(BAD_REPLIES.length).toBeGreaterThanOrEqual(40);
  });

  for (const c of BAD_REPLIES) {
    it(`${c.name}: ${c.what}`, { timeout: 60_000 }, async () => {
      const outcome = await ask(server, c);
      if (outcome.error === undefined) {
        expect(c.expect.text, `${c.name} answered text, but an error was expected`).toBeDefined();
        expect(outcome.text.length).toBe(c.expect.text?.length);
        expect(outcome.text === c.expect.text, `${c.name}: text differs`).toBe(true);
        return;
      }
      const error = outcome.error;
      expect(isChatError(error), `${c.name}: not a ChatError: ${String(error)}`).toBe(true);
      if (!isChatError(error)) return;
      expect(c.expect.errors ?? [], `${c.name}: ${error.kind}: ${error.message}`).toContain(
        error.kind,
      );
      expect(error.message.length).toBeGreaterThan(0);
      if (error.kind === 'cut')
        expect(outcome.text, `${c.name}: the text kept`).toBe(c.expect.partial);
    });
  }
});

describe('a chat site that redirects elsewhere (issue 22, item 1)', () => {
  let server: HostileServer;
  beforeAll(async () => {
    server = await startHostileServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  const byName = (name: string): BadReply => {
    const c = BAD_REPLIES.find((r) => r.name === name);
    if (!c) throw new Error(`no case ${name}`);
    return c;
  };
  const reachedOther = () => server.requests.filter((r) => r.origin === server.otherOrigin);

  it('the page redirects to another origin: an error naming both hosts, and that origin hears nothing', async () => {
    server.requests.length = 0;
    const outcome = await ask(server, byName('page-redirect-cross-origin'));
    const error = outcome.error;
    expect(isChatError(error) && error.kind).toBe('not-a-chat-site');
    const message = isChatError(error) ? error.message : '';
    expect(message).toContain(new URL(server.origin).host);
    expect(message).toContain(new URL(server.otherOrigin).host);
    expect(reachedOther()).toEqual([]);
    expect(server.requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('admin-ajax answers 307 to another origin: the message is never re-sent there', async () => {
    server.requests.length = 0;
    const outcome = await ask(server, byName('ajax-redirect-cross-origin'));
    expect(isChatError(outcome.error) && outcome.error.kind).toBe('protocol');
    expect(reachedOther()).toEqual([]);
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('a same-origin page redirect is followed, and the chat goes to that same origin', async () => {
    server.requests.length = 0;
    const outcome = await ask(server, byName('page-redirect-same-origin'));
    expect(outcome.error).toBeUndefined();
    expect(outcome.text).toBe('target answered');
    expect(reachedOther()).toEqual([]);
  });
});
