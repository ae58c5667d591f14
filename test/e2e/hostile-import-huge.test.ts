/**
 * Reliability, issue 21 case 5: huge and hostile import files, each chosen through the options
 * page's real file input in real Chromium. The files are generated here, in a temp folder
 * removed afterwards (the big ones by streaming writes, never held whole). Each is refused with
 * its sentence and leaves the store exactly as it was, or is imported whole; the page keeps
 * answering while a 100 MB file is read; stopping the worker in the middle of writing 100,000
 * conversations leaves the old history (the rows written are hidden until the one-record
 * commit, and the next worker deletes them), and importing again then brings all of them.
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../hostile/extension-driver';
import { launchExtension, type ExtensionHarness } from './harness';
import { HEAD, T0, conversation, until, writeExport } from './import-files';

const HUGE = 100_000;

/** Words that differ from one answer to the next (a long answer, not one phrase repeated). */
function longAnswer(i: number, length: number): string {
  const words = ['river', 'lamp', 'orbit', 'cedar', 'quartz', 'meadow', 'signal', 'harbor'];
  let seed = i + 1;
  const out: string[] = [];
  let size = 0;
  while (size < length) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const word = `${words[seed % words.length]}${seed % 1000}`;
    out.push(word);
    size += word.length + 1;
  }
  return out.join(' ');
}

describe('huge and hostile import files through the options page', () => {
  let harness: ExtensionHarness;
  let options: Page;
  let dir: string;
  let baseline: string;

  async function exportAll(): Promise<string> {
    return (await request<{ content: string }>(options, 'conversations/export', { format: 'json' }))
      .content;
  }
  async function total(): Promise<number> {
    return (await request<{ total: number }>(options, 'conversations/list', { limit: 1 })).total;
  }
  /** The conversation rows in IndexedDB, hidden ones included (read straight from the page). */
  function storedRows(): Promise<number> {
    return options.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('chatgptt');
          open.onerror = () => reject(open.error ?? new Error('open failed'));
          open.onsuccess = () => {
            const db = open.result;
            const count = db.transaction('conversations').objectStore('conversations').count();
            count.onsuccess = () => {
              db.close();
              resolve(count.result);
            };
            count.onerror = () => reject(count.error ?? new Error('count failed'));
          };
        }),
    );
  }
  /** The export without its own time: what the store holds. */
  const held = (content: string) => content.replace(/"exportedAt": \d+/, '');

  async function choose(path: string): Promise<void> {
    await options.locator('input[type="file"]').setInputFiles(path);
  }
  /** Chooses a file, and answers the summary shown, or the refusal (a new one). */
  async function check(path: string): Promise<{ summary?: string; refusal?: string }> {
    const summary = options.locator('#import-summary');
    const refusal = options.locator('#data .status.error');
    const previous = (await refusal.count()) ? await refusal.innerText() : '';
    await choose(path);
    return until(async () => {
      if (await summary.count()) return { summary: await summary.innerText() };
      if (await refusal.count()) {
        const text = await refusal.innerText();
        if (text && text !== previous) return { refusal: text };
      }
      return undefined;
    }, 240_000);
  }
  async function confirm(): Promise<string> {
    await options.getByRole('button', { name: 'Import', exact: true }).click();
    const status = options.locator('#data .status');
    return until(async () => {
      const text = await status.innerText();
      return /Imported|interrupted|cannot|full/.test(text) ? text : undefined;
    }, 600_000);
  }
  async function refusedAndUnchanged(path: string, words: RegExp): Promise<void> {
    const { refusal, summary } = await check(path);
    expect(summary).toBeUndefined();
    expect(refusal).toMatch(words);
    expect(refusal).toContain('Nothing was changed');
    expect(held(await exportAll())).toBe(baseline);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatgptt-import-'));
    harness = await launchExtension();
    options = await harness.openPage('options/options.html');
    // What the store holds before the hostile files: three conversations, imported.
    const seed = join(dir, 'seed.json');
    await writeExport(seed, 3);
    expect((await check(seed)).summary).toContain('3 conversations with 6 messages');
    expect(await confirm()).toContain('Imported 3 conversations with 6 messages');
    baseline = held(await exportAll());
  });
  afterAll(async () => {
    await harness?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a file nested 1,000,000 levels deep is refused at level 21; store unchanged', async () => {
    const path = join(dir, 'deep.json');
    const out = createWriteStream(path);
    out.write(HEAD + JSON.stringify(conversation(9)).replace(/}$/, ',"extra":'));
    for (let i = 0; i < 1000; i += 1) out.write('['.repeat(1000));
    for (let i = 0; i < 1000; i += 1) out.write(']'.repeat(1000));
    out.end('}]}');
    await once(out, 'finish');
    await refusedAndUnchanged(path, /more than 20 levels deep/);
  });

  it('2 conversations sharing one id: refused, store unchanged', async () => {
    const path = join(dir, 'same-id.json');
    await writeExport(path, 5, (i) => conversation(i === 4 ? 7 : i + 7));
    await refusedAndUnchanged(path, /Conversation 5 in this file has the same id \(conv-7\)/);
  });

  it('a message id used in 2 conversations: refused, store unchanged', async () => {
    const path = join(dir, 'same-message-id.json');
    await writeExport(path, 2, (i) => {
      const c = conversation(i + 20);
      if (i === 1) (c.messages as Array<{ id: string }>)[1]!.id = 'conv-20-1';
      return c;
    });
    await refusedAndUnchanged(path, /message of conversation 2 .*same id \(conv-20-1\)/);
  });

  it('valid JSON in export version 3 (a newer ChatGptt): refused, store unchanged', async () => {
    const path = join(dir, 'future.json');
    writeFileSync(
      path,
      JSON.stringify({
        format: 'chatgptt-export',
        version: 3,
        exportedAt: T0,
        conversations: [{ ...conversation(30), reactions: ['👍'] }],
      }),
    );
    await refusedAndUnchanged(path, /newer ChatGptt \(export version 3; this one reads up to/);
  });

  it('a 300 MB file is refused before a byte is read (cap 256 MB); store unchanged', async () => {
    const path = join(dir, 'too-big.json');
    writeFileSync(path, '');
    truncateSync(path, 300 * 1024 * 1024); // sparse: no disk used
    await refusedAndUnchanged(path, /This file is 300 MB; ChatGptt imports files up to 256 MB/);
  });

  it('a file cut off half-way and a file not UTF-8: refused, store unchanged', async () => {
    const cut = join(dir, 'cut.json');
    await writeExport(cut, 50);
    const whole = await import('node:fs').then((fs) => fs.readFileSync(cut));
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    await refusedAndUnchanged(cut, /ends early/);
    const latin = join(dir, 'latin1.json');
    writeFileSync(latin, Buffer.concat([Buffer.from(HEAD), Buffer.from([0xe9, 0xff, 0xfe])]));
    await refusedAndUnchanged(latin, /not UTF-8 text/);
  });

  it('lone surrogates: imported whole, 2 replaced with U+FFFD and said so', async () => {
    const path = join(dir, 'surrogates.json');
    // Written as JSON escapes, as JSON.stringify writes them: valid JSON, invalid text.
    writeFileSync(
      path,
      `${HEAD}${JSON.stringify(conversation(40, 'half a pair: X, and another: Y')).replace('X', '\\ud83d').replace('Y', '\\udc00')}]}`,
    );
    const { summary } = await check(path);
    expect(summary).toContain('Broken characters to be replaced with “�”: 2.');
    expect(await confirm()).toContain('Broken characters replaced with “�”: 2.');
    const view = await request<{ messages: Array<{ text: string }> }>(
      options,
      'conversations/get',
      { id: 'conv-40' },
    );
    expect(view.messages[1]?.text).toBe('half a pair: \ufffd, and another: \ufffd');
    await request(options, 'conversations/delete', { id: 'conv-40' });
    expect(held(await exportAll())).toBe(baseline);
  });

  it('ids already here: 2 identical skipped, 1 changed comes in under new ids, nothing overwritten', async () => {
    const path = join(dir, 'again.json');
    const again = [
      conversation(0),
      conversation(2),
      conversation(1, 'A different answer.'),
      conversation(50),
    ];
    await writeExport(path, again.length, (i) => again[i]!);
    const { summary } = await check(path);
    expect(summary).toContain('2 conversations already here will be skipped.');
    expect(summary).toContain(
      '1 conversation with an id already taken will come in under new ids.',
    );
    const done = await confirm();
    expect(done).toContain('Imported 2 conversations with 4 messages.');
    expect(done).toContain('2 conversations already here were skipped.');
    expect(done).toContain('1 conversation with an id already taken came in under new ids.');
    expect(await total()).toBe(5);
    const original = await request<{ messages: Array<{ text: string }> }>(
      options,
      'conversations/get',
      { id: 'conv-1' },
    );
    expect(original.messages[1]?.text).toBe('Answer 1.');
    await harness.screenshot(options, 'import-collisions-result');
  });

  it('a 100 MB file (2,000 conversations of 50 KB) imported in one go, 0 lost, page answering while it is read', async () => {
    const path = join(dir, 'hundred-mb.json');
    const COUNT = 2_000;
    await writeExport(path, COUNT, (i) => conversation(1000 + i, longAnswer(i, 50_000)));
    const before = await total();
    const used = await options.getByTestId('storage-used').innerText();
    await choose(path);
    await expect.poll(() => options.getByTestId('import-progress').count()).toBe(1);
    await options.locator('#data').scrollIntoViewIfNeeded();
    await harness.screenshot(options, 'import-100mb-progress');
    // While the file is read: frames keep coming and a click on the page is handled at once.
    const gaps = await options.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let last = performance.now();
          let worst = 0;
          const end = last + 2000;
          const frame = (now: number) => {
            worst = Math.max(worst, now - last);
            last = now;
            if (now < end) requestAnimationFrame(frame);
            else resolve(worst);
          };
          requestAnimationFrame(frame);
        }),
    );
    const clicked = Date.now();
    await options.locator('nav a[href="#chat"]').click();
    await expect.poll(() => options.evaluate(() => location.hash)).toBe('#chat');
    const clickMs = Date.now() - clicked;
    expect(await options.getByTestId('import-progress').count()).toBe(1);
    console.log(
      `while reading 100 MB: longest frame gap ${gaps.toFixed(0)} ms, click ${clickMs} ms`,
    );
    expect(gaps).toBeLessThan(500);
    expect(clickMs).toBeLessThan(1000);

    const summary = options.locator('#import-summary');
    await expect.poll(() => summary.count(), { timeout: 240_000 }).toBe(1);
    expect(await summary.innerText()).toContain('2,000 conversations with 4,000 messages');
    expect(await confirm()).toContain('Imported 2,000 conversations with 4,000 messages.');
    expect(await total()).toBe(before + COUNT);
    for (const i of [0, 999, COUNT - 1]) {
      const view = await request<{ messages: Array<{ text: string }> }>(
        options,
        'conversations/get',
        { id: `conv-${1000 + i}` },
      );
      expect(view.messages[1]?.text).toBe(longAnswer(i, 50_000));
    }
    // The space used and the largest conversations are read again after the import.
    await expect
      .poll(() => options.getByTestId('storage-used').innerText(), { timeout: 60_000 })
      .not.toBe(used);
    await options.locator('#data').scrollIntoViewIfNeeded();
    await harness.screenshot(options, 'import-100mb-done');
  }, 900_000);

  it('100,000 conversations: the worker stopped mid-write keeps the old history (its rows swept at the next start); imported again in one go, 0 lost', async () => {
    const path = join(dir, 'hundred-thousand.json');
    await writeExport(path, HUGE, (i) => conversation(200_000 + i));
    const before = await total();

    // Stop the worker while the file is being written (hidden, a few hundred per transaction).
    await choose(path);
    await expect
      .poll(() => options.getByTestId('import-progress').innerText(), { timeout: 300_000 })
      .toMatch(/Checking .*… [1-9]\d%/);
    await options.locator('#data').scrollIntoViewIfNeeded();
    await harness.screenshot(options, 'import-100k-writing');
    await harness.stopWorker();
    const status = options.locator('#data .status');
    await expect.poll(() => status.innerText(), { timeout: 60_000 }).toMatch(/interrupted/);
    expect(await total()).toBe(before);
    // What it wrote is in the store but hidden; the new worker deletes it in small steps.
    const written = await storedRows();
    // (A request each time keeps the worker awake; one stopped mid-sweep resumes at its start.)
    const swept = async () => (await total()) === before && storedRows();
    await expect.poll(swept, { timeout: 300_000, interval: 1000 }).toBe(before);
    console.log(`cut off after ${written - before} conversations written (hidden), all swept`);

    const again = await check(path);
    expect(again.summary).toContain('100,000 conversations with 200,000 messages');
    const started = Date.now();
    expect(await confirm()).toContain('Imported 100,000 conversations with 200,000 messages.');
    console.log(`100,000 conversations written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(await total()).toBe(before + HUGE);
    for (const i of [0, 50_000, HUGE - 1]) {
      const view = await request<{ messages: Array<{ text: string }> }>(
        options,
        'conversations/get',
        { id: `conv-${200_000 + i}` },
      );
      expect(view.messages.map((m) => m.text)).toEqual([
        `Question ${200_000 + i}?`,
        `Answer ${200_000 + i}.`,
      ]);
    }
    await harness.screenshot(options, 'import-100k-done');
  }, 1_500_000);
});
