/**
 * Passing a site's browser check once (issue 16 item 2). The challenge notice opens the site in
 * a normal tab; the user passes the check there, and the browser keeps the site's clearance
 * cookie, which the worker's requests carry too (credentials: 'include'). Each time that tab
 * finishes loading, the worker probes the site; once the probe gets the page instead of the
 * check, the question that met the check is asked again by itself.
 *
 * The watched tabs live in storage.session: a worker stopped while the user solves the check
 * wakes on the tab's next load and still knows what to retry.
 */
import { ChatError } from '../provider/errors';

/** A tab opened to pass a site's check, and the answer to retry when it has. */
export interface PendingCheck {
  tabId: number;
  site: string;
  conversationId?: string;
  messageId?: string;
  openedAt: number;
}

/** A check not passed within this long is forgotten (the Retry button still works). */
const WATCH_MS = 30 * 60_000;
const STORAGE_KEY = 'siteChecks';

export interface SiteCheckDeps {
  openTab: (url: string) => Promise<number | undefined>;
  /** Reads the site's page as the worker does; throws a ChatError while the check stands. */
  probe: (site: string) => Promise<unknown>;
  /** Asks the answer again, as the Retry button does. */
  retry: (conversationId: string, messageId: string) => Promise<void>;
  session: {
    get(key: string): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>): Promise<void>;
  };
  now?: () => number;
  log?: (message: string, error?: unknown) => void;
}

export class SiteChecks {
  private readonly now: () => number;
  /** Tabs being probed right now: a burst of load events probes once. */
  private readonly probing = new Set<number>();

  constructor(private readonly deps: SiteCheckDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Opens the site in a normal tab and watches it for the check being passed. */
  async open(site: string, answer: { conversationId?: string; messageId?: string }): Promise<void> {
    const tabId = await this.deps.openTab(site);
    if (tabId === undefined) return;
    const pending: PendingCheck = { tabId, site, openedAt: this.now(), ...answer };
    const others = (await this.read()).filter((p) => p.tabId !== tabId);
    await this.write([...others, pending]);
  }

  /** tabs.onUpdated: a watched tab finished loading; has the check been passed? */
  async tabLoaded(tabId: number): Promise<void> {
    if (this.probing.has(tabId)) return;
    const pending = (await this.read()).find((p) => p.tabId === tabId);
    if (!pending) return;
    this.probing.add(tabId);
    try {
      await this.deps.probe(pending.site);
    } catch (error) {
      // Still the check (or the site is down): keep watching; the next load probes again.
      if (!(error instanceof ChatError) || error.kind === 'challenge') return;
      this.deps.log?.('site check probe failed', error);
      return;
    } finally {
      this.probing.delete(tabId);
    }
    await this.forget(tabId);
    const { conversationId, messageId } = pending;
    if (conversationId !== undefined && messageId !== undefined)
      await this.deps.retry(conversationId, messageId);
  }

  /** tabs.onRemoved: the user closed the tab; nothing to wait for any more. */
  async tabClosed(tabId: number): Promise<void> {
    if ((await this.read()).some((p) => p.tabId === tabId)) await this.forget(tabId);
  }

  private async forget(tabId: number): Promise<void> {
    await this.write((await this.read()).filter((p) => p.tabId !== tabId));
  }

  private async read(): Promise<PendingCheck[]> {
    const stored = (await this.deps.session.get(STORAGE_KEY))[STORAGE_KEY];
    if (!Array.isArray(stored)) return [];
    const now = this.now();
    return stored.filter(
      (p): p is PendingCheck =>
        typeof p === 'object' &&
        p !== null &&
        typeof (p as PendingCheck).tabId === 'number' &&
        typeof (p as PendingCheck).site === 'string' &&
        typeof (p as PendingCheck).openedAt === 'number' &&
        now - (p as PendingCheck).openedAt < WATCH_MS,
    );
  }

  private write(pending: PendingCheck[]): Promise<void> {
    return this.deps.session.set({ [STORAGE_KEY]: pending });
  }
}
