/**
 * The declarativeNetRequest rules that make the worker's requests to a chat site look like the
 * site's own page made them: `Origin` = the site's origin on POSTs (none on GETs, as a browser
 * sends none on a same-origin GET), `Referer` = the chat page. AI Power ≥ 2.3 refuses the first
 * AIPKit step from any other Origin ("Embed feature is not available with your current plan."),
 * and a worker's own Origin is `chrome-extension://<id>` / `moz-extension://<uuid>`.
 *
 * Each rule matches only requests that our extension itself makes (`initiatorDomains`), outside
 * any tab (`tabIds: [-1]`, the worker), to that one origin (`requestDomains` + a `urlFilter`
 * anchored at `scheme://host:port/`), so no page's request is ever touched.
 */
import type { DeclarativeNetRequest } from '../shared/browser';

type Rule = DeclarativeNetRequest.Rule;

/** Requests that do not come from a tab: the service worker / background page. */
const NO_TAB = -1;

interface SitePage {
  origin: string;
  host: string;
  page: string;
}

/** The configured sites as origin + page, one per origin (the first page listed wins). */
export function sitePages(urls: readonly string[]): SitePage[] {
  const byOrigin = new Map<string, SitePage>();
  for (const raw of urls) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      continue; // A malformed site URL gets no rule.
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') continue;
    if (byOrigin.has(url.origin)) continue;
    url.hash = '';
    byOrigin.set(url.origin, { origin: url.origin, host: url.hostname, page: url.href });
  }
  return [...byOrigin.values()];
}

/**
 * Two rules per site origin: POST & co. get the site's Origin, GET/HEAD lose ours; both get the
 * chat page as Referer. `initiator` is our extension's host (`runtime.getURL('')`'s host).
 */
export function siteHeaderRules(urls: readonly string[], initiator: string): Rule[] {
  return sitePages(urls).flatMap((site, index): Rule[] => {
    const condition = {
      urlFilter: `|${site.origin}/`,
      // An IPv6 literal is no domain: its urlFilter alone pins it.
      ...(site.host.startsWith('[') ? {} : { requestDomains: [site.host] }),
      initiatorDomains: [initiator],
      tabIds: [NO_TAB],
      resourceTypes: ['xmlhttprequest' as const],
    };
    const referer = { header: 'referer', operation: 'set' as const, value: site.page };
    return [
      {
        id: index * 2 + 1,
        condition: { ...condition, excludedRequestMethods: ['get', 'head'] },
        action: {
          type: 'modifyHeaders',
          requestHeaders: [{ header: 'origin', operation: 'set', value: site.origin }, referer],
        },
      },
      {
        id: index * 2 + 2,
        condition: { ...condition, requestMethods: ['get', 'head'] },
        action: {
          type: 'modifyHeaders',
          requestHeaders: [{ header: 'origin', operation: 'remove' }, referer],
        },
      },
    ];
  });
}
