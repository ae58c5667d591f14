/** Small helpers the in-browser benchmarks share: file sizes, sending from the popup, requests. */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';

export function fileSizes(files: string[]): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const data = readFileSync(file);
    raw += data.byteLength;
    gzip += gzipSync(data, { level: 9 }).byteLength;
  }
  return { raw, gzip };
}

export async function request<T>(
  page: Page,
  type: string,
  payload: Record<string, unknown> = {},
): Promise<T> {
  const reply = (await page.evaluate(
    ({ type, payload }) =>
      (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
        }
      ).chrome.runtime.sendMessage({ type, payload }),
    { type, payload },
  )) as { ok: boolean; value?: T; error?: unknown };
  if (!reply?.ok) throw new Error(`${type} failed: ${JSON.stringify(reply?.error ?? reply)}`);
  return reply.value as T;
}

/** Sends from the popup's composer and waits for that answer's final status. */
export async function askInPopup(page: Page, text: string, timeoutMs = 30_000): Promise<string> {
  const answers = page.locator('.cg-message.cg-assistant');
  const before = await answers.count();
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const answer = answers.nth(before);
  await answer.waitFor({ state: 'attached', timeout: timeoutMs });
  const handle = await answer.elementHandle();
  const status = await page.waitForFunction(
    (el) => {
      const s = el?.getAttribute('data-status') ?? '';
      return ['done', 'error', 'interrupted'].includes(s) ? s : false;
    },
    handle,
    { timeout: timeoutMs, polling: 20 },
  );
  return String(await status.jsonValue());
}
