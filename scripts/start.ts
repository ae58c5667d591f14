/**
 * `npm start`: builds the extension and opens Chromium with it loaded, in a persistent profile
 * (.profile/chrome, git-ignored), on chatgptt.me.
 * `npm run demo`: builds the test build (which may reach 127.0.0.1), starts the local test site,
 * and opens Chromium (profile .profile/demo) with the extension already pointed at that site,
 * so every flow can be tried offline.
 * Both need a display; without one they say how to get one and exit non-zero.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const demo = process.argv.includes('--demo');
const command = demo ? 'npm run demo' : 'npm start';

function say(text: string): void {
  console.log(`[${demo ? 'demo' : 'start'}] ${text}`);
}

function fail(text: string): never {
  console.error(`\n[${demo ? 'demo' : 'start'}] ${text}\n`);
  process.exit(1);
}

function requireDisplay(): void {
  if (process.platform !== 'linux') return;
  if (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return;
  fail(
    `There is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so no browser window can open.\n` +
      `  Run it under a virtual display:   xvfb-run -a ${command}\n` +
      `  (Debian/Ubuntu: sudo apt-get install xvfb), or run it from a desktop session.\n` +
      `  To only build: npm run build, then load extension/chrome by hand (see README).`,
  );
}

function findChromium(): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) fail(`CHROME_PATH=${fromEnv} does not exist.`);
    return fromEnv;
  }
  const found = [
    '/usr/bin/chromium',
    '/usr/lib/chromium/chromium',
    '/usr/bin/chromium-browser',
  ].find((path) => existsSync(path));
  if (!found)
    fail(
      'No Chromium found. Install it (Debian/Ubuntu: sudo apt-get install chromium) ' +
        'or set CHROME_PATH to a Chromium or Chrome binary.',
    );
  return found;
}

function build(args: string[]): void {
  say(`building: tsx scripts/build.ts ${args.join(' ')}`);
  const result = spawnSync('npx', ['tsx', 'scripts/build.ts', ...args], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) fail('The build failed (see above).');
}

/** Flags for a window a person uses: no first-run dialogs, our extension loaded. */
function browserArgs(extensionDir: string): string[] {
  // Chromium refuses to start as root with its sandbox on (containers, CI boxes).
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return [
    ...(root ? ['--no-sandbox'] : []),
    '--no-first-run',
    '--no-default-browser-check',
    // Chrome-branded builds ignore --load-extension unless this feature is off; Chromium keeps it.
    '--disable-features=DisableLoadExtensionCommandLineSwitch',
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
  ];
}

async function start(): Promise<void> {
  requireDisplay();
  const chromium = findChromium();
  const extensionDir = join(ROOT, 'extension/chrome');
  build(['--target=chrome']);
  const profile = join(ROOT, '.profile/chrome');
  mkdirSync(profile, { recursive: true });
  say(`opening ${chromium} with ${extensionDir} loaded`);
  say(`profile: ${profile} (kept between runs; delete it to start fresh)`);
  say('close the browser window (or press Ctrl+C here) to stop.');
  const child = spawn(
    chromium,
    [`--user-data-dir=${profile}`, ...browserArgs(extensionDir), 'https://chatgptt.me'],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}

async function startDemo(): Promise<void> {
  requireDisplay();
  const chromium = findChromium();
  const extensionDir = join(ROOT, 'extension/demo-chrome');
  build(['--test', '--target=chrome', `--out=${extensionDir}`]);

  const { startSite } = await import('../test/site/server');
  const port = Number(process.env.PORT ?? 0);
  const site = await startSite({ port });
  const siteUrl = `${site.url.replace(/\/$/, '')}/`;
  say(`local test site (a stand-in for a WordPress site with the AI Power chat): ${siteUrl}`);

  const { chromium: playwright } = await import('playwright-core');
  const profile = join(ROOT, '.profile/demo');
  mkdirSync(profile, { recursive: true });
  say(`opening ${chromium} with ${extensionDir} loaded, profile ${profile}`);
  const context = await playwright.launchPersistentContext(profile, {
    executablePath: chromium,
    headless: false,
    viewport: null,
    args: browserArgs(extensionDir),
  });
  const worker =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;

  // The extension's settings live in its storage: point them at the test site, already default.
  await worker.evaluate(async (url) => {
    type Storage = {
      get(key: string): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
    };
    const storage = (globalThis as unknown as { chrome: { storage: { local: Storage } } }).chrome
      .storage.local;
    const current = ((await storage.get('settings')).settings ?? {}) as Record<string, unknown>;
    await storage.set({
      settings: { version: 1, ...current, sites: [{ url }], defaultSite: url, fallback: true },
    });
  }, siteUrl);
  say(`extension ${extensionId}: chat site set to ${siteUrl} (added and default)`);

  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(siteUrl);
  say('');
  say('Try it:');
  say('  - click the ChatGptt toolbar button (puzzle piece → pin it) and ask something;');
  say('  - select text on the page, right-click → "Ask ChatGptt about …" or a quick action;');
  say('  - press Alt+Shift+G for the sidebar (keys: chrome://extensions/shortcuts);');
  say(`  - settings: chrome-extension://${extensionId}/options/options.html`);
  say(`  - other test pages: ${siteUrl}plain/ (JSON replies), ${siteUrl}about/ (no chat)`);
  say('The site answers by echoing; nothing leaves this computer.');
  say('Close the browser window (or press Ctrl+C here) to stop.');

  let closing = false;
  const shutdown = async (): Promise<void> => {
    if (closing) return;
    closing = true;
    await context.close().catch(() => undefined);
    await site.close();
    process.exit(0);
  };
  context.on('close', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

await (demo ? startDemo() : start()).catch((error: unknown) =>
  fail(error instanceof Error ? (error.stack ?? error.message) : String(error)),
);
