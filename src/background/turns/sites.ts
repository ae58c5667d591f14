/** Which sites an answer may come from, in order, and which failures move on to the next one. */
import type { ChatErrorKind } from '../../provider/types';
import type { Settings } from '../../shared/settings';

/** Failures of the site itself (not of the network or the user): another site may answer. */
export const FALLBACK_KINDS: ReadonlySet<ChatErrorKind> = new Set<ChatErrorKind>([
  'challenge',
  'plugin-missing',
  'not-a-chat-site',
  'nonce',
  'server',
  'quota',
  'refused',
]);

/** Compares site URLs loosely: a trailing slash does not make another site. */
export function sameSite(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

/** The conversation's site first, then (with fallback on) the other configured sites in order. */
export function candidateSites(primary: string, settings: Settings): string[] {
  if (!settings.fallback) return [primary];
  const others = settings.sites.map((s) => s.url).filter((url) => !sameSite(url, primary));
  return [primary, ...others];
}

/** The match pattern of a site's origin, as `permissions.contains` takes it. */
export function originPattern(site: string): string | undefined {
  try {
    const url = new URL(site);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return `${url.protocol}//${url.hostname}/*`;
  } catch {
    return undefined;
  }
}
