/**
 * Export files for the import e2e tests, written by streaming (a conversation at a time, never
 * held whole): conversation `i` has one question and one answer, ids `conv-<i>`.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';

export const SITE = DEFAULT_SETTINGS.sites[0]?.url ?? 'https://chatgptt.me/';
export const T0 = Date.UTC(2025, 5, 1);

export function conversation(i: number, answer = `Answer ${i}.`): Record<string, unknown> {
  const id = `conv-${i}`;
  const at = T0 + i;
  const message = (n: number, role: string, text: string, parentId: string | null) => ({
    id: `${id}-${n}`,
    conversationId: id,
    role,
    text,
    status: 'done',
    parentId,
    seq: n,
    createdAt: at,
    updatedAt: at,
  });
  return {
    id,
    title: `Conversation ${i}`,
    site: SITE,
    model: 'gpt-4o',
    systemPrompt: '',
    createdAt: at,
    updatedAt: at,
    messages: [
      message(0, 'user', `Question ${i}?`, null),
      message(1, 'assistant', answer, `${id}-0`),
    ],
  };
}

export const HEAD =
  '{"format":"chatgptt-export","version":2,"exportedAt":1750000000000,"conversations":[';

/** Writes an export of `count` conversations by streaming, a conversation at a time. */
export async function writeExport(
  path: string,
  count: number,
  make: (i: number) => Record<string, unknown> = (i) => conversation(i),
): Promise<void> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(HEAD);
  for (let i = 0; i < count; i += 1) await write((i ? ',' : '') + JSON.stringify(make(i)));
  await write(']}');
  out.end();
  await once(out, 'finish');
}

/** Polls `probe` until it answers something (usable in hooks, unlike expect.poll). */
export async function until<T>(probe: () => Promise<T | undefined>, timeout: number): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`nothing after ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
