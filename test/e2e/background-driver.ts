/**
 * Drives the background worker the way a view does, from a real extension page: one-off
 * requests with runtime.sendMessage, turns and watches over runtime.connect ports. Events a
 * page receives are kept on `window.__chatgptt` so a test can read them while the turn runs.
 */
import type { Page } from 'playwright-core';
import type {
  RequestOf,
  RequestType,
  ResponseOf,
  TurnCommand,
  WatchEvent,
} from '../../src/shared/messages';

interface Port {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}
interface PageChrome {
  runtime: {
    sendMessage(message: unknown): Promise<unknown>;
    connect(info: { name: string }): Port;
  };
  storage: { local: { set(items: Record<string, unknown>): Promise<void> } };
}
interface PageState {
  streams: Record<string, { events: WatchEvent[]; closed: boolean }>;
}
type PageGlobals = typeof globalThis & { chrome: PageChrome; __chatgptt?: PageState };

export async function request<K extends RequestType>(
  page: Page,
  type: K,
  payload: RequestOf<K>,
): Promise<ResponseOf<K>> {
  const reply = (await page.evaluate(
    ([t, p]) => (globalThis as PageGlobals).chrome.runtime.sendMessage({ type: t, payload: p }),
    [type, payload] as const,
  )) as
    { ok: true; value: ResponseOf<K> } | { ok: false; error: { kind: string; message: string } };
  if (!reply.ok) throw new Error(`${type} failed: ${reply.error.kind}: ${reply.error.message}`);
  return reply.value;
}

/** Sends a raw message and answers the raw reply (for refusal tests). */
export async function rawMessage(page: Page, message: unknown): Promise<unknown> {
  return page.evaluate((m) => (globalThis as PageGlobals).chrome.runtime.sendMessage(m), message);
}

/** Opens a port on the page and keeps its events under `name`. */
async function openStream(page: Page, name: string, portName: 'turn' | 'watch', first: unknown) {
  await page.evaluate(
    ([streamName, port, message]) => {
      const g = globalThis as PageGlobals;
      g.__chatgptt ??= { streams: {} };
      const stream = { events: [] as WatchEvent[], closed: false };
      g.__chatgptt.streams[streamName] = stream;
      const p = g.chrome.runtime.connect({ name: port });
      p.onMessage.addListener((event) => stream.events.push(event as WatchEvent));
      p.onDisconnect.addListener(() => (stream.closed = true));
      p.postMessage(message);
    },
    [name, portName, first] as const,
  );
}

export function startTurn(page: Page, name: string, command: TurnCommand): Promise<void> {
  return openStream(page, name, 'turn', command);
}

export function watch(page: Page, name: string, conversationId: string): Promise<void> {
  return openStream(page, name, 'watch', { type: 'watch', conversationId });
}

export async function events(page: Page, name: string): Promise<WatchEvent[]> {
  return page.evaluate(
    (n) => (globalThis as PageGlobals).__chatgptt?.streams[n]?.events ?? [],
    name,
  );
}

/** Polls until the stream has an event matching `predicate`; answers all events so far. */
export async function waitForEvent(
  page: Page,
  name: string,
  predicate: (event: WatchEvent) => boolean,
  timeoutMs = 30_000,
): Promise<WatchEvent[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await events(page, name);
    if (got.some(predicate)) return got;
    if (Date.now() > deadline)
      throw new Error(`no matching event on ${name}; got ${JSON.stringify(got).slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs a whole turn and answers its events. */
export async function runTurn(
  page: Page,
  name: string,
  command: TurnCommand,
): Promise<WatchEvent[]> {
  await startTurn(page, name, command);
  return waitForEvent(page, name, (e) => e.type === 'finished' || e.type === 'rejected');
}

/** Points the extension at the local test site (the default chatgptt.me is unreachable here). */
export async function useSite(page: Page, siteUrl: string, extra: Record<string, unknown> = {}) {
  await page.evaluate(
    ([url, more]) =>
      (globalThis as PageGlobals).chrome.storage.local.set({
        settings: { version: 1, sites: [{ url }], defaultSite: url, ...more },
      }),
    [siteUrl, extra] as const,
  );
}

/** The text a view rebuilds from delta events (applied by offset, so repeats are harmless). */
export function textFromDeltas(list: WatchEvent[], messageId: string): string {
  let text = '';
  for (const event of list) {
    if (event.type !== 'delta' || event.messageId !== messageId) continue;
    text = text.slice(0, event.offset) + event.text;
  }
  return text;
}
