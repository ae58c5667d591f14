/**
 * Issue 21, case 5 at scale: chat while a big file is imported, in real Chromium. 20,000
 * conversations are chosen through the options page's file input and confirmed, while another
 * extension page opens a conversation and renames it (a write to the same stores as a send's
 * first transaction) every 200 ms, timing each round trip. The figures are printed per phase
 * (reading and writing the file, then the commit); nothing is asserted on time. What is
 * asserted: every chat request is answered, the import is invisible until it is confirmed and
 * then whole.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../hostile/extension-driver';
import { launchExtension, type ExtensionHarness } from './harness';
import { until, writeExport } from './import-files';

const COUNT = 20_000;

interface Sample {
  phase: string;
  open: number;
  write: number;
}

interface ChatLoop {
  __phase: string;
  __samples: Sample[];
  __stop: boolean;
  chrome: { runtime: { sendMessage(message: unknown): Promise<{ ok: boolean }> } };
}

/** Opens and renames `id` every 200 ms until told to stop, timing each round trip. */
function startChatLoop(page: Page, id: string): Promise<void> {
  return page.evaluate(async (id) => {
    const self = globalThis as unknown as ChatLoop;
    self.__samples = [];
    self.__stop = false;
    const timed = async (type: string, payload: unknown): Promise<number> => {
      const start = performance.now();
      const reply = await self.chrome.runtime.sendMessage({ type, payload });
      if (!reply.ok) throw new Error(`${type} failed: ${JSON.stringify(reply)}`);
      return performance.now() - start;
    };
    for (let n = 0; !self.__stop; n += 1) {
      const phase = self.__phase;
      const open = await timed('conversations/get', { id });
      const write = await timed('conversations/update', { id, title: `Renamed ${n}` });
      self.__samples.push({ phase, open, write });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, id);
}

function figures(samples: Sample[], phase: string): string {
  const of = samples.filter((s) => s.phase === phase);
  const stat = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    return `median ${median.toFixed(0)} ms, worst ${(sorted.at(-1) ?? 0).toFixed(0)} ms`;
  };
  return (
    `${phase}: ${of.length} rounds; open ${stat(of.map((s) => s.open))}; ` +
    `write ${stat(of.map((s) => s.write))}`
  );
}

describe('chat while 20,000 conversations are imported', () => {
  let harness: ExtensionHarness;
  let options: Page;
  let chat: Page;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatgptt-import-chat-'));
    harness = await launchExtension();
    options = await harness.openPage('options/options.html');
    chat = await harness.openPage('options/options.html');
  });
  afterAll(async () => {
    await harness?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens and writes keep being answered; the import shows whole only once confirmed', async () => {
    const path = join(dir, 'twenty-thousand.json');
    await writeExport(path, COUNT);
    const mine = await request<{ id: string }>(chat, 'conversations/create', {});
    const setPhase = (phase: string) =>
      chat.evaluate((phase) => {
        (globalThis as unknown as ChatLoop).__phase = phase;
      }, phase);
    await setPhase('idle');
    const loop = startChatLoop(chat, mine.id);
    await new Promise((resolve) => setTimeout(resolve, 2000));

    await setPhase('reading and writing the file');
    const started = Date.now();
    await options.locator('input[type="file"]').setInputFiles(path);
    const summary = options.locator('#import-summary');
    await until(async () => ((await summary.count()) ? true : undefined), 600_000);
    const staged = Date.now();
    expect(await summary.innerText()).toContain('20,000 conversations with 40,000 messages');
    // Written, but not seen: only the one conversation of the user's.
    expect((await request<{ total: number }>(chat, 'conversations/list', { limit: 1 })).total).toBe(
      1,
    );

    await setPhase('commit');
    await options.getByRole('button', { name: 'Import', exact: true }).click();
    const status = options.locator('#data .status');
    const done = await until(async () => {
      const text = await status.innerText();
      return /Imported|interrupted|cannot|full/.test(text) ? text : undefined;
    }, 900_000);
    const committed = Date.now();
    expect(done).toContain('Imported 20,000 conversations with 40,000 messages.');
    await setPhase('after');
    await new Promise((resolve) => setTimeout(resolve, 2000));

    await chat.evaluate(() => {
      (globalThis as unknown as ChatLoop).__stop = true;
    });
    await loop;
    const samples = await chat.evaluate(() => (globalThis as unknown as ChatLoop).__samples);
    console.log(
      [
        `20,000 conversations: file read and written in ${((staged - started) / 1000).toFixed(1)} s, ` +
          `committed in ${((committed - staged) / 1000).toFixed(1)} s (from the click)`,
        ...['idle', 'reading and writing the file', 'commit', 'after'].map((phase) =>
          figures(samples, phase),
        ),
      ].join('\n'),
    );
    expect(
      samples.filter((s) => s.phase === 'reading and writing the file').length,
    ).toBeGreaterThan(0);
    expect((await request<{ total: number }>(chat, 'conversations/list', { limit: 1 })).total).toBe(
      COUNT + 1,
    );
  }, 1_200_000);
});
