/**
 * What the tier's tests share: the sites under test, whether this run controls them (local) or
 * only talks to them (PLUGIN_SITE_*), the echo model's log, and a fetch that counts requests.
 * A test that needs local control and cannot have it says NOT RUN and why, never silently.
 */
import { existsSync, readFileSync } from 'node:fs';
import { tierInfo, type SiteName } from './config';
import type { ModelLogEntry } from './echo-model';
import { rotateNonce } from './wordpress';

export const tier = tierInfo();
export const local = tier.mode === 'local';

/** The site's origin (no trailing slash), or undefined when this run has no such site. */
export const siteUrl = (name: SiteName): string | undefined => tier.sites[name];

/** Says once why a group of tests does not run here; answers whether it does. */
export function runs(what: string, needs: { site?: SiteName; local?: boolean }): boolean {
  if (needs.site && !siteUrl(needs.site)) {
    console.log(
      `NOT RUN — ${what}: no site ${needs.site.toUpperCase()} (PLUGIN_SITE_${needs.site.toUpperCase()} unset)`,
    );
    return false;
  }
  if (needs.local && !local) {
    console.log(
      `NOT RUN — ${what}: needs the tier's own WordPress (nonce rotation / the echo model's log); PLUGIN_SITE_* sites are only talked to`,
    );
    return false;
  }
  return true;
}

/** Every request the echo model logged so far. */
export function modelLog(): ModelLogEntry[] {
  if (!tier.modelLog || !existsSync(tier.modelLog)) return [];
  return readFileSync(tier.modelLog, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ModelLogEntry);
}

/** The model calls whose last user message contains `marker` (markers are unique per test). */
export const modelSaw = (marker: string): ModelLogEntry[] =>
  modelLog().filter((entry) => entry.last.includes(marker));

/** A unique word, so a test finds its own model calls among everyone's. */
export const marker = (label: string): string =>
  `${label}${Math.random().toString(36).slice(2, 8)}`;

export { rotateNonce };

export interface SeenRequest {
  method: string;
  url: string;
  /** admin-ajax's `action`, from the query or the form body. */
  action?: string;
  status?: number;
}

/** A fetch that records every request (and can rewrite one before it goes out). */
export function countingFetch(
  rewrite?: (url: string, init: RequestInit) => [string, RequestInit],
): { fetch: typeof fetch; seen: SeenRequest[] } {
  const seen: SeenRequest[] = [];
  const wrapped = async (input: string | URL | Request, init: RequestInit = {}) => {
    let url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    let options = init;
    if (rewrite) [url, options] = rewrite(url, init);
    const body = options.body;
    const form =
      typeof body === 'string'
        ? new URLSearchParams(body)
        : body instanceof URLSearchParams
          ? body
          : body instanceof FormData
            ? body
            : undefined;
    const action = new URL(url).searchParams.get('action') ?? form?.get('action')?.toString();
    const request: SeenRequest = { method: options.method ?? 'GET', url, action };
    seen.push(request);
    const response = await fetch(url, options);
    request.status = response.status;
    return response;
  };
  return { fetch: wrapped as typeof fetch, seen };
}
