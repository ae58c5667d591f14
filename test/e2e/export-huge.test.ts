/**
 * Issue 21, case 5 (the other way): exporting a history bigger than Chrome's 64 MiB message
 * limit, in real Chromium, from the options page's "Export all conversations" button. Three
 * conversations with one 24 Mi-character answer each (emoji in them, so pieces are cut next to
 * surrogate pairs) are written straight into IndexedDB by the page (an import of them would
 * take minutes), then exported: the file saved is the whole history, every character in place.
 * On a build that answers the export in one message, no file comes (the answer is too long).
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../hostile/extension-driver';
import { launchExtension, type ExtensionHarness } from './harness';

const COUNT = 3;
const ANSWER_CHARS = 24 * 1024 * 1024;

/** The answer of conversation `n`: 1 KiB blocks of numbered words and emoji, `chars` long. */
function answer(n: number, chars: number): string {
  const block = (i: number) => `${n}:${i} 😀 naïve words, "quoted" \\ line\n`.padEnd(1024, 'x');
  const blocks: string[] = [];
  for (let i = 0, size = 0; size < chars; i += 1) {
    const b = block(i);
    blocks.push(b);
    size += b.length;
  }
  return blocks.join('').slice(0, chars);
}

/** Writes a question and its long answer into conversation `id`, straight into IndexedDB. */
function writeMessages(page: Page, id: string, n: number): Promise<void> {
  return page.evaluate(
    async ({ id, n, chars, source }) => {
      // The same generator as the test's (passed as text: the page has no access to node code).
      const make = new Function(`return ${source}`)() as (n: number, chars: number) => string;
      const open = indexedDB.open('chatgptt');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error ?? new Error('open failed'));
      });
      const tx = db.transaction('messages', 'readwrite');
      const at = Date.now();
      const row = (seq: number, role: string, text: string) => ({
        id: `${id}-${seq}`,
        conversationId: id,
        parentId: seq === 0 ? null : `${id}-${seq - 1}`,
        role,
        text,
        status: 'done',
        seq,
        createdAt: at,
        updatedAt: at,
      });
      tx.objectStore('messages').put(row(0, 'user', `Question ${n}?`));
      tx.objectStore('messages').put(row(1, 'assistant', make(n, chars)));
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('write failed'));
      });
      db.close();
    },
    { id, n, chars: ANSWER_CHARS, source: answer.toString() },
  );
}

describe('an export over the 64 MiB message limit', () => {
  let harness: ExtensionHarness;
  let options: Page;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatgptt-export-'));
    harness = await launchExtension();
    options = await harness.openPage('options/options.html');
  });
  afterAll(async () => {
    await harness?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`${COUNT} conversations of 24 Mi characters: one file over 64 MiB, every character in place`, async () => {
    const ids: string[] = [];
    for (let n = 0; n < COUNT; n += 1) {
      const { id } = await request<{ id: string }>(options, 'conversations/create', {});
      await writeMessages(options, id, n);
      ids.push(id);
    }
    const started = Date.now();
    const download = options.waitForEvent('download', { timeout: 120_000 });
    const refusal = options.locator('#data .status.error');
    await options.getByRole('button', { name: 'Export all conversations' }).click();
    // The file, or the error the page shows instead (what a one-message export gets).
    const outcome = await Promise.race([
      download.then((file) => ({ file, error: undefined })),
      refusal
        .waitFor({ timeout: 120_000 })
        .then(async () => ({ file: undefined, error: await refusal.innerText() })),
    ]);
    expect(outcome.error).toBeUndefined();
    const saved = join(dir, 'export.json');
    await outcome.file?.saveAs(saved);
    const seconds = (Date.now() - started) / 1000;
    const bytes = statSync(saved).size;
    console.log(
      `export of ${COUNT} × 24 Mi characters: ${(bytes / 1024 / 1024).toFixed(1)} MiB file in ${seconds.toFixed(1)} s`,
    );
    expect(bytes).toBeGreaterThan(64 * 1024 * 1024);
    await expect
      .poll(() => options.locator('#data .status').innerText())
      .toMatch(/chatgptt-all-.*\.json/);

    const file = JSON.parse(readFileSync(saved, 'utf8')) as {
      format: string;
      conversations: Array<{ id: string; messages: Array<{ text: string }> }>;
    };
    expect(file.format).toBe('chatgptt-export');
    expect(file.conversations.map((c) => c.id).sort()).toEqual([...ids].sort());
    for (const [n, id] of ids.entries()) {
      const texts = file.conversations.find((c) => c.id === id)?.messages.map((m) => m.text);
      expect(texts?.[0]).toBe(`Question ${n}?`);
      // Compared whole, not printed: a mismatch says only that it differs.
      expect(texts?.[1] === answer(n, ANSWER_CHARS)).toBe(true);
    }
  }, 300_000);
});
