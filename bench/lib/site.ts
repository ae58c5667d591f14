/**
 * The local test site (test/site/server.ts), loaded lazily so a bench whose site is missing
 * reports "not measured" instead of failing to start. Typed by the part of its contract the
 * bench uses.
 */
export interface SiteFaults {
  firstByteDelayMs?: number;
  chunkDelayMs?: number;
  stall?: boolean;
  dropMidStream?: boolean;
  httpError?: number | boolean;
  garbage?: boolean;
  hugeReply?: boolean;
  invalidUtf8?: boolean;
  splitMultibyte?: boolean;
  challenge?: boolean;
  emptyStream?: boolean;
  upstreamError?: boolean | string;
  quota?: boolean;
  bannedWord?: boolean | string;
}

export interface SiteOptions {
  port?: number;
  generation?: string;
  faults?: SiteFaults;
  reply?: string | null;
  pageRenderDelayMs?: number;
  pagePaddingKb?: number;
}

export interface TestSite {
  url: string;
  pages: { shortcode: string; plain: string; widget: string; paramsOnly: string; nonChat: string };
  log: unknown[];
  configure(patch: Partial<SiteOptions>): void;
  expireNonces(): void;
  clearLog(): void;
  close(): Promise<void>;
}

type StartSite = (options?: SiteOptions) => Promise<TestSite>;

export async function loadSite(): Promise<StartSite> {
  const path = '../../test/site/server';
  const module = (await import(/* @vite-ignore */ path)) as { startSite?: StartSite };
  if (typeof module.startSite !== 'function')
    throw new Error('test/site/server.ts has no startSite()');
  return module.startSite;
}
