/**
 * Injected on demand (activeTab + scripting.executeScript) into the top frame of a tab. It obeys
 * only the extension: commands arrive through runtime.onMessage, which web pages cannot reach.
 * Injecting it again is harmless: the first copy keeps the job (the guard below lives in our
 * isolated world, which the page cannot see). When the extension is reloaded or updated, this
 * copy finds its runtime gone and leaves its open sidebar saying so, until its Close (below).
 */
import browser, { type Runtime } from '../../shared/browser';
import type { ContentCommand } from '../../shared/messages';
import { ORPHAN_CLOSE } from '../../shared/orphan-close';
import { request } from '../../shared/rpc';
import { SidebarHost } from '../sidebar/host';
import { setContentLanguage } from '../sidebar/strings';

const GUARD = '__chatgpttSidebarHost';
/** The teardown of an orphaned copy (the extension was reloaded), for the next copy to call. */
const ORPHAN = '__chatgpttOrphanedSidebar';
/** How often an open sidebar checks that the extension is still there (reload, update). */
const ALIVE_CHECK_MS = 1000;

type Guarded = typeof globalThis & { [GUARD]?: true; [ORPHAN]?: () => void };

function isCommand(message: unknown): message is ContentCommand {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'sidebar/toggle' || type === 'sidebar/show' || type === 'sidebar/close';
}

function extensionAlive(): boolean {
  try {
    return Boolean(browser.runtime.id);
  } catch {
    return false;
  }
}

function install(): void {
  let host: SidebarHost | null = null;
  let aliveTimer: number | undefined;

  // Close from the sidebar's own frame without the worker (a page cannot post as that window).
  // Heard at all times, not only once this script noticed the extension went: the frame notices
  // first (its port drops at once; this script checks every second), and a Close clicked in
  // between used to be lost for good.
  window.addEventListener('message', (event: MessageEvent) => {
    const type = (event.data as { type?: unknown } | null)?.type;
    if (type !== ORPHAN_CLOSE || !host?.isOwnFrame(event.source)) return;
    if (extensionAlive()) close();
    else teardown();
  });

  async function show(token: string): Promise<void> {
    if (host?.isOpen) {
      host.retarget(token);
      return;
    }
    host?.destroy();
    // From the worker: this world may not read the extension's storage (index.ts).
    const settings = await request('content/settings', {});
    setContentLanguage(settings.language);
    host = new SidebarHost({
      width: settings.sidebarWidth,
      mode: settings.sidebarMode,
      onResized: (width) =>
        void request('content/sidebarWidth', { width: Math.round(width) }).catch(() => undefined),
      // The page kept restyling the sidebar (host.ts): it is gone; tell the worker it closed.
      onTampered: () => {
        teardown();
        if (extensionAlive()) void request('sidebar/closed', {}).catch(() => undefined);
      },
    });
    host.open(token);
    aliveTimer = window.setInterval(() => {
      if (!extensionAlive()) orphaned();
    }, ALIVE_CHECK_MS);
  }

  function close(): void {
    if (!host) return;
    const wasOpen = host.isOpen;
    teardown();
    if (wasOpen && extensionAlive()) void request('sidebar/closed', {}).catch(() => undefined);
  }

  /**
   * The extension was reloaded, updated, turned off or removed: nothing here reaches a worker.
   * The sidebar stays, so its page can say which instead of vanishing; its Close posts
   * ORPHAN_CLOSE from its own frame (heard above), the one close that needs no worker.
   */
  function orphaned(): void {
    window.clearInterval(aliveTimer);
    aliveTimer = undefined;
    // If the new version's copy is injected into this same world, it takes over: it removes
    // this sidebar and installs itself (the guard would otherwise keep it out for good).
    const scope = globalThis as Guarded;
    delete scope[GUARD];
    scope[ORPHAN] = teardown;
  }

  /** Removes everything, without telling the worker (which may be gone). */
  function teardown(): void {
    window.clearInterval(aliveTimer);
    aliveTimer = undefined;
    host?.destroy();
    host = null;
  }

  browser.runtime.onMessage.addListener(
    (message: unknown, sender: Runtime.MessageSender): Promise<{ open: boolean }> | undefined => {
      // Only the extension itself (worker or sidebar page) may command the sidebar.
      if (sender.id !== browser.runtime.id || !isCommand(message)) return undefined;
      switch (message.type) {
        case 'sidebar/show':
          return show(message.token).then(() => ({ open: true }));
        case 'sidebar/toggle':
          if (host?.isOpen) {
            close();
            return Promise.resolve({ open: false });
          }
          return show(message.token).then(() => ({ open: true }));
        case 'sidebar/close':
          close();
          return Promise.resolve({ open: false });
      }
    },
  );
}

const scope = globalThis as Guarded;
// Own property only: a page element with id="__chatgpttSidebarHost" shows as a window property.
if (!Object.hasOwn(scope, GUARD)) {
  scope[GUARD] = true;
  if (Object.hasOwn(scope, ORPHAN)) {
    scope[ORPHAN]?.();
    delete scope[ORPHAN];
  }
  install();
}
