/**
 * The built extension in real Chromium for benchmarks 3–7: our own build folder (parallel work
 * never clobbers it), the e2e harness, and a CDP bridge to the service worker (Playwright's
 * Worker has no CDP session of its own, so messages go through the browser target).
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { launchExtension, type ExtensionHarness } from '../../test/e2e/harness';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BENCH_EXTENSION = 'extension/h-bench';

export function buildExtension(): string {
  execFileSync(
    'npx',
    ['tsx', 'scripts/build.ts', '--test', '--target=chrome', `--out=${BENCH_EXTENSION}`],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  return resolve(ROOT, BENCH_EXTENSION);
}

export async function launch(extensionDir: string): Promise<ExtensionHarness> {
  return launchExtension({ extensionDir });
}

/** Points the extension at `siteUrl` from an extension page (settings migrate the rest). */
export async function setSettings(page: Page, patch: Record<string, unknown>): Promise<void> {
  await page.evaluate(async (patch) => {
    const api = (
      globalThis as unknown as {
        chrome: {
          storage: {
            local: {
              get(k: string): Promise<Record<string, unknown>>;
              set(v: object): Promise<void>;
            };
          };
        };
      }
    ).chrome;
    const stored = (await api.storage.local.get('settings'))['settings'] as
      Record<string, unknown> | undefined;
    await api.storage.local.set({ settings: { ...(stored ?? {}), ...patch } });
  }, patch);
}

/**
 * Sends CDP commands to the extension's service worker through a browser-level session
 * (Target.attachToTarget without flatten, then Target.sendMessageToTarget).
 */
export class WorkerCdp {
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    { resolve(v: unknown): void; reject(e: Error): void }
  >();

  private constructor(
    private readonly session: CDPSession,
    private readonly sessionId: string,
  ) {
    session.on(
      'Target.receivedMessageFromTarget',
      (event: { sessionId: string; message: string }) => {
        if (event.sessionId !== this.sessionId) return;
        const message = JSON.parse(event.message) as {
          id?: number;
          result?: unknown;
          error?: { message: string };
        };
        const waiter = message.id === undefined ? undefined : this.waiting.get(message.id);
        if (!waiter || message.id === undefined) return;
        this.waiting.delete(message.id);
        if (message.error) waiter.reject(new Error(message.error.message));
        else waiter.resolve(message.result);
      },
    );
  }

  static async attach(context: BrowserContext, extensionId: string): Promise<WorkerCdp> {
    const browser = context.browser();
    const page = context.pages()[0] ?? (await context.newPage());
    const session = browser
      ? await browser.newBrowserCDPSession()
      : await context.newCDPSession(page);
    const { targetInfos } = (await session.send('Target.getTargets')) as {
      targetInfos: Array<{ targetId: string; type: string; url: string }>;
    };
    const target = targetInfos.find(
      (t) => t.type === 'service_worker' && t.url.includes(extensionId),
    );
    if (!target) throw new Error('no service worker target');
    const { sessionId } = (await session.send('Target.attachToTarget', {
      targetId: target.targetId,
      flatten: false,
    })) as {
      sessionId: string;
    };
    return new WorkerCdp(session, sessionId);
  }

  send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    const result = new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
    });
    void this.session.send('Target.sendMessageToTarget', {
      sessionId: this.sessionId,
      message: JSON.stringify({ id, method, params }),
    });
    return result;
  }

  async detach(): Promise<void> {
    await this.session
      .send('Target.detachFromTarget', { sessionId: this.sessionId })
      .catch(() => undefined);
    await this.session.detach().catch(() => undefined);
  }
}
