/** Which sites an answer may come from, in order, and which failures move on to the next one. */
import type { ChatErrorKind } from '../../provider/types';
import type { Settings } from '../../shared/settings';
import { sameSite } from '../../shared/site-url';

/**
 * Failures where another site may answer: the site's own failures, and the site being down or
 * silent (`network`, `timeout`). The runner moves on only while no text of the answer has
 * arrived; a failure after some text is a cut answer, never mixed with another site's words.
 */
export const FALLBACK_KINDS: ReadonlySet<ChatErrorKind> = new Set<ChatErrorKind>([
  'network',
  'timeout',
  'challenge',
  'plugin-missing',
  'not-a-chat-site',
  'nonce',
  'server',
  'quota',
  'refused',
]);

/**
 * The conversation's site first, then (with fallback on) the other configured sites in order.
 * A site whose last connection check failed is no fallback at all until a later check passes
 * (it is still asked when it is the conversation's own site). Sites that `isFailing` (failed a
 * moment ago) go last: the next message goes straight to one that works, and they are still
 * tried if none does.
 */
export function candidateSites(
  primary: string,
  settings: Settings,
  isFailing: (site: string) => boolean = () => false,
): string[] {
  if (!settings.fallback) return [primary];
  const others = settings.sites
    .filter((s) => !sameSite(s.url, primary) && s.check?.ok !== false)
    .map((s) => s.url);
  const all = [primary, ...others];
  return [...all.filter((url) => !isFailing(url)), ...all.filter((url) => isFailing(url))];
}
