/**
 * Launches real Chromium with the built test extension (extension/test-chrome) and gives the
 * tests the worker, the extension id and helpers. Recipe: test/e2e/README.md.
 */
import { mkdirSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { findChromium } from './browser';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The built test extension; CHATGPTT_TEST_EXTENSION points elsewhere (parallel work). */
export const TEST_EXTENSION = process.env.CHATGPTT_TEST_EXTENSION
  ? resolve(ROOT, process.env.CHATGPTT_TEST_EXTENSION)
  : join(ROOT, 'extension/test-chrome');
/** The test build of the Chrome package with the `proxy` permission (chatgptt-<v>-chrome-proxy.zip). */
export const TEST_EXTENSION_PROXY = process.env.CHATGPTT_TEST_EXTENSION
  ? `${TEST_EXTENSION}-proxy`
  : join(ROOT, 'extension/test-chrome-proxy');
export const SCREENSHOTS = join(ROOT, 'test-results/screenshots');

export interface ExtensionHarness {
  context: BrowserContext;
  extensionId: string;
  /** The extension's service worker; the same handle keeps working after a restart. */
  worker(): Promise<Worker>;
  /** Opens an extension page (e.g. `popup/popup.html`) in a normal tab. */
  openPage(path: string): Promise<Page>;
  /** Stops the service worker through CDP, as the browser does when it is idle. */
  stopWorker(): Promise<void>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  extensionDir?: string;
  args?: string[];
  headless?: boolean;
  colorScheme?: 'light' | 'dark';
  locale?: string;
  /** A profile to keep: used as is and not deleted on close (browser restarts). */
  userDataDir?: string;
}

export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionHarness> {
  const extensionDir = builtExtension(options);
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'chatgptt-e2e-'));
  const context = await launchChromium(userDataDir, options, [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
  ]);
  const fresh = !options.userDataDir;
  return harnessFor(context, fresh ? userDataDir : null)
    .then(async (harness) => {
      if (fresh) await onboardingOpened(harness);
      return harness;
    })
    .catch(async (error: unknown) => {
      await context.close();
      throw error;
    });
}

/**
 * A fresh profile is a first install, which opens the onboarding tab a moment after the worker
 * starts. Waiting for it here keeps that tab from turning up later in front of a test's own
 * page (the page then loses focus: a sidebar focus check failed in CI that way).
 */
async function onboardingOpened(harness: ExtensionHarness): Promise<void> {
  const url = `chrome-extension://${harness.extensionId}/onboarding/onboarding.html`;
  // Polled: a new tab's page event may come before its URL is known.
  for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
    if (harness.context.pages().some((page) => page.url() === url)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the onboarding page ${url} did not open on install`);
}

/**
 * Closes the install greeting tab. Headful tests do this first: a tab of its own would take the
 * focus (and the keys) from the test's page. On a fresh profile `launchExtension` has already
 * waited for it; on a kept one this waits for it to open.
 */
export async function closeOnboarding(harness: ExtensionHarness): Promise<void> {
  const isOnboarding = (page: Page) => page.url().endsWith('/onboarding/onboarding.html');
  const onboarding =
    harness.context.pages().find(isOnboarding) ??
    (await harness.context.waitForEvent('page', { predicate: isOnboarding, timeout: 15_000 }));
  await onboarding.close();
}

export interface LateInstall {
  context: BrowserContext;
  /** Installs the extension into the running browser, as a user does from the store. */
  install(): Promise<ExtensionHarness>;
}

/**
 * Starts Chromium with no extension, so a test can open pages first and install afterwards
 * (CDP `Extensions.loadUnpacked`, which needs the pipe Playwright uses and the flag below).
 */
export async function launchThenInstall(options: LaunchOptions = {}): Promise<LateInstall> {
  const extensionDir = builtExtension(options);
  const userDataDir = mkdtempSync(join(tmpdir(), 'chatgptt-e2e-'));
  const context = await launchChromium(userDataDir, options, [
    '--enable-unsafe-extension-debugging',
  ]);
  // A test may close the browser without installing: the profile goes with it all the same.
  return {
    context,
    async install() {
      const browser = context.browser();
      if (!browser) throw new Error('no browser handle to install the extension through');
      const cdp = await browser.newBrowserCDPSession();
      const installed = context.waitForEvent('serviceworker');
      await cdp.send('Extensions.loadUnpacked', { path: extensionDir });
      await installed;
      await cdp.detach();
      return harnessFor(context, userDataDir);
    },
  };
}

function builtExtension(options: LaunchOptions): string {
  const extensionDir = options.extensionDir ?? TEST_EXTENSION;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`${extensionDir} is not built: run \`npm run build:test\` first.`);
  }
  return extensionDir;
}

/**
 * Chromium on the profile `userDataDir`, which is removed when the browser closes (however the
 * test closes it) or when it fails to start, unless the caller passed its own profile to keep
 * (a browser restart reopens it).
 */
async function launchChromium(
  userDataDir: string,
  options: LaunchOptions,
  extensionArgs: string[],
): Promise<BrowserContext> {
  const removeProfile = () => {
    if (!options.userDataDir) removeDir(userDataDir);
  };
  const context = await startChromium(userDataDir, options, extensionArgs).catch(
    (error: unknown) => {
      removeProfile();
      throw error;
    },
  );
  context.on('close', removeProfile);
  return context;
}

function startChromium(
  userDataDir: string,
  options: LaunchOptions,
  extensionArgs: string[],
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: options.headless ?? true,
    // Playwright starts Chromium with --disable-extensions unless it sees --load-extension.
    ignoreDefaultArgs: ['--disable-extensions'],
    colorScheme: options.colorScheme ?? 'light',
    locale: options.locale ?? 'en-US',
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...extensionArgs,
      ...(options.locale ? [`--lang=${options.locale}`] : []),
      ...(options.args ?? []),
    ],
  });
}

/** `userDataDir`: the throwaway profile to delete on close (null: the caller keeps it). */
async function harnessFor(
  context: BrowserContext,
  userDataDir: string | null,
): Promise<ExtensionHarness> {
  let sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(sw.url()).host;

  return {
    context,
    extensionId,
    async worker() {
      sw = context.serviceWorkers().find((w) => w.url().includes(extensionId)) ?? sw;
      return sw;
    },
    async openPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async stopWorker() {
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
    },
    async screenshot(page, name) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      const file = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async close() {
      await context.close();
      if (userDataDir) removeDir(userDataDir);
    },
  };
}

/**
 * Removes a profile folder. Chromium may still be writing into it for a moment after the close
 * event (ENOTEMPTY), so removal retries; a folder that still cannot go is left for the run's
 * temp-folder check to report, never thrown from an event handler.
 */
function removeDir(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  } catch {
    // Reported by test/temp-check.ts if it is still there at the end of the run.
  }
}
