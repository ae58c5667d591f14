/**
 * Drives the real extension for the hostile suite and the bench: points it at a local site,
 * sends a message from the popup (or the sidebar frame), waits for the answer's final state, and
 * asks the worker through the typed one-off requests. Selectors are the UI's accessible names
 * (textbox "Message", button "Send") and its `.cg-assistant[data-status]` answers.
 */
import type { Frame, Page, Worker } from 'playwright-core';
import type { ExtensionHarness } from '../e2e/harness';

export type Surface = Page | Frame;

interface ChromeLike {
  chrome: {
    runtime: { sendMessage(message: unknown): Promise<unknown> };
    storage: {
      local: {
        set(items: Record<string, unknown>): Promise<void>;
        get(key: string): Promise<Record<string, unknown>>;
      };
    };
  };
}

/** Settings that make every chat go to `siteUrl` (the rest keeps its defaults through migration). */
export async function useSite(
  page: Page,
  siteUrl: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const url = siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`;
  await page.evaluate(
    async ({ url, extra }) => {
      const { chrome } = globalThis as unknown as ChromeLike;
      const stored = (await chrome.storage.local.get('settings'))['settings'] as
        Record<string, unknown> | undefined;
      await chrome.storage.local.set({
        settings: {
          ...(stored ?? {}),
          sites: [{ url }],
          defaultSite: url,
          fallback: false,
          ...extra,
        },
      });
    },
    { url, extra },
  );
}

/** A one-off request to the worker from an extension page; unwraps the Reply envelope. */
export async function request<T>(
  page: Surface,
  type: string,
  payload: Record<string, unknown> = {},
): Promise<T> {
  const reply = (await page.evaluate(
    ({ type, payload }) =>
      (globalThis as unknown as ChromeLike).chrome.runtime.sendMessage({ type, payload }),
    { type, payload },
  )) as { ok: boolean; value?: T; error?: { kind: string; message: string } };
  if (!reply || !reply.ok)
    throw new Error(`${type} failed: ${JSON.stringify(reply?.error ?? reply)}`);
  return reply.value as T;
}

export interface StoredMessageLike {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  status: string;
  error?: { kind: string; message: string };
}

export async function latestConversation(
  page: Surface,
): Promise<{ id: string; messages: StoredMessageLike[] } | null> {
  const { id } = await request<{ id: string | null }>(page, 'conversations/latest');
  if (id === null) return null;
  const { messages } = await request<{ messages: StoredMessageLike[] }>(page, 'conversations/get', {
    id,
  });
  return { id, messages };
}

const FINAL = ['done', 'error', 'interrupted'];

/** Number of answers currently shown. */
export async function answerCount(surface: Surface): Promise<number> {
  return surface.locator('.cg-message.cg-assistant').count();
}

/** Types `text` into the composer and presses Send. */
export async function send(surface: Surface, text: string): Promise<void> {
  const box = surface.getByRole('textbox', { name: 'Message' });
  await box.waitFor({ state: 'visible' });
  await box.fill(text);
  await surface.getByRole('button', { name: 'Send', exact: true }).click();
}

/** Waits until the answer number `index` (0-based) exists and reached a final status; returns it. */
export async function waitAnswer(
  surface: Surface,
  index: number,
  timeoutMs = 30_000,
): Promise<string> {
  const answer = surface.locator('.cg-message.cg-assistant').nth(index);
  await answer.waitFor({ state: 'attached', timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = (await answer.getAttribute('data-status')) ?? '';
    if (FINAL.includes(status)) return status;
    if (Date.now() > deadline)
      throw new Error(`answer ${index} still "${status}" after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Sends `text` and waits for its answer's final status. */
export async function ask(surface: Surface, text: string, timeoutMs = 30_000): Promise<string> {
  const before = await answerCount(surface);
  await send(surface, text);
  return waitAnswer(surface, before, timeoutMs);
}

/** The worker's boot id (changes when the worker restarts). */
export async function bootId(page: Surface): Promise<string> {
  return (await request<{ bootId: string }>(page, 'ping')).bootId;
}

/** Evaluates in the service worker. */
export async function inWorker<T>(harness: ExtensionHarness, fn: () => T | Promise<T>): Promise<T> {
  const worker: Worker = await harness.worker();
  return worker.evaluate(fn);
}
