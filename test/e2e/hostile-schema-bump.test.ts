/**
 * Reliability, issue 21 case 4 (upgrade): a real version bump in real Chromium. Version A (the
 * test build) is installed from a folder of its own and given conversations; then that folder's
 * files are replaced by version B — the same code built with one more store migration
 * (CHATGPTT_TEST_SCHEMA_BUMP=1, a build-time define only this test uses) and a higher manifest
 * version — and the extension is reloaded, as an update does. The new worker upgrades the
 * database 5 → 6 over the old data: every message is there, in order, the popup shows them,
 * and a new turn goes on from them.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type TestSite } from '../site/server';
import { ask, latestConversation, request, useSite } from '../hostile/extension-driver';
import { launchExtension, ROOT, TEST_EXTENSION, type ExtensionHarness } from './harness';

interface DeveloperPrivate {
  updateProfileConfiguration(update: { inDeveloperMode: boolean }): Promise<void>;
}

/** The database's version and the bump step's record, read from an extension page. */
function readDatabase(page: Page): Promise<{ version: number; bump: unknown }> {
  return page.evaluate(
    () =>
      new Promise<{ version: number; bump: unknown }>((resolve, reject) => {
        const open = indexedDB.open('chatgptt');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('meta').objectStore('meta').get('test-bump');
          get.onsuccess = () => {
            resolve({ version: db.version, bump: get.result ?? null });
            db.close();
          };
        };
      }),
  );
}

describe('an update that changes the store schema', () => {
  let harness: ExtensionHarness;
  let site: TestSite;
  const work = mkdtempSync(join(tmpdir(), 'chatgptt-bump-'));
  const installed = join(work, 'installed');
  const versionB = join(work, 'version-b');
  let bumpedVersion = '';

  beforeAll(async () => {
    // Version B: the same sources with the extra migration, built beside the test build.
    execFileSync(
      'npx',
      ['tsx', 'scripts/build.ts', '--test', '--target=chrome', `--out=${versionB}`],
      { cwd: ROOT, env: { ...process.env, CHATGPTT_TEST_SCHEMA_BUMP: '1' }, stdio: 'pipe' },
    );
    const manifestB = join(versionB, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestB, 'utf8')) as { version: string };
    const [major, minor, patch] = manifest.version.split('.').map(Number);
    manifest.version = `${major}.${minor}.${(patch ?? 0) + 1}`;
    bumpedVersion = manifest.version;
    writeFileSync(manifestB, JSON.stringify(manifest, null, 2));
    cpSync(TEST_EXTENSION, installed, { recursive: true });
    site = await startSite({});
    harness = await launchExtension({ extensionDir: installed });
    const extensions = await harness.context.newPage();
    await extensions.goto('chrome://extensions');
    // Without developer mode Chromium disables a --load-extension extension when it reloads.
    await extensions.evaluate(() =>
      (
        globalThis as unknown as { chrome: { developerPrivate: DeveloperPrivate } }
      ).chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }),
    );
    await extensions.close();
  }, 120_000);
  afterAll(async () => {
    await harness?.close();
    await site?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it(
    'version A → B with one more migration: database 5 → 6, 2 conversations and 6 messages kept in order, a new turn after',
    { timeout: 120_000 },
    async () => {
      const popup = await harness.openPage('popup/popup.html');
      await useSite(popup, site.url);
      await popup.reload();
      expect(await ask(popup, 'version A, conversation 1, question 1')).toBe('done');
      await popup.getByRole('button', { name: 'New chat' }).click();
      for (const n of [1, 2])
        expect(await ask(popup, `version A, conversation 2, question ${n}`)).toBe('done');
      const before = await request<{ items: Array<{ id: string }> }>(
        popup,
        'conversations/list',
        {},
      );
      const shownBefore = await Promise.all(
        before.items.map((c) =>
          request<{ messages: Array<{ id: string; text: string }> }>(popup, 'conversations/get', {
            id: c.id,
          }),
        ),
      );
      expect((await readDatabase(popup)).version).toBe(5);

      // The update: version B's files in place of version A's, then the reload.
      for (const entry of ['assets', 'background.js', 'content', 'manifest.json'])
        rmSync(join(installed, entry), { recursive: true, force: true });
      cpSync(versionB, installed, { recursive: true });
      const sw: Worker = await harness.worker();
      const fresh = harness.context.waitForEvent('serviceworker', { timeout: 20_000 });
      await sw
        .evaluate(() =>
          (
            globalThis as unknown as { chrome: { runtime: { reload(): void } } }
          ).chrome.runtime.reload(),
        )
        .catch(() => undefined);
      const newWorker = await fresh;
      expect(
        await newWorker.evaluate(
          () =>
            (
              globalThis as unknown as {
                chrome: { runtime: { getManifest(): { version: string } } };
              }
            ).chrome.runtime.getManifest().version,
        ),
      ).toBe(bumpedVersion);

      const page = await harness.openPage('popup/popup.html');
      const after = await request<{ items: Array<{ id: string }> }>(page, 'conversations/list', {});
      expect(after.items.map((c) => c.id)).toEqual(before.items.map((c) => c.id));
      const shownAfter = await Promise.all(
        after.items.map((c) =>
          request<{ messages: Array<{ id: string; text: string }> }>(page, 'conversations/get', {
            id: c.id,
          }),
        ),
      );
      const ids = (shown: typeof shownAfter) =>
        shown.map((s) => s.messages.map((m) => [m.id, m.text]));
      expect(ids(shownAfter)).toEqual(ids(shownBefore));
      const messages = shownAfter.reduce((n, s) => n + s.messages.length, 0);
      expect(messages).toBe(6);
      expect(await readDatabase(page)).toEqual({
        version: 6,
        bump: { key: 'test-bump', conversations: 2 },
      });

      // The popup shows the newest conversation, and it goes on.
      await expect.poll(() => page.locator('.cg-message').count(), { timeout: 10_000 }).toBe(4);
      expect(await ask(page, 'version B, conversation 2, question 3')).toBe('done');
      const latest = await latestConversation(page);
      expect(latest?.messages.map((m) => m.text).filter((t) => t.startsWith('version'))).toEqual([
        'version A, conversation 2, question 1',
        'version A, conversation 2, question 2',
        'version B, conversation 2, question 3',
      ]);
      console.log(
        `schema bump A → B: database 5 → 6, ${after.items.length} conversations and ${messages} messages kept, a new turn after`,
      );
    },
  );
});
