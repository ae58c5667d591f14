/**
 * G5 nonce refresh in one POST: plugin ≥2.4 registers `aipkit_get_frontend_chat_nonce` for
 * guests (fn-ajax-get-frontend-chat-nonce.php answers `{"success":true,"data":{"nonce":…}}`),
 * the same call its own page script makes for long-lived tabs. Cheaper than re-reading a page
 * of 100 KB and more; a site without the action (2.3.x answers `400 0`) gets undefined and the
 * caller re-reads the page instead.
 */
import { bodyText, RequestGuard, siteFetch } from './http';
import { refuseRedirect } from './redirects';
import { ACTIONS, AIPKIT_FIELDS } from './site-knowledge';
import type { TurnContext } from './turn-context';
import type { SiteTokens } from './types';

/** A fresh nonce for `tokens`, or undefined when the site does not give one this way. */
export async function refreshAipkitNonce(
  tokens: SiteTokens,
  context: TurnContext,
): Promise<string | undefined> {
  const guard = new RequestGuard(context.guardOptions);
  try {
    const response = await siteFetch(
      tokens.ajaxUrl,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
        body: new URLSearchParams([
          [AIPKIT_FIELDS.action, ACTIONS.aipkitNonce],
          [AIPKIT_FIELDS.botId, tokens.botId],
        ]).toString(),
      },
      guard,
      context.http,
    );
    refuseRedirect(response, tokens.ajaxUrl);
    const body = await bodyText(response, guard);
    if (response.status !== 200) return undefined;
    return nonceFrom(body);
  } catch (error) {
    if (context.guardOptions.signal?.aborted) throw error;
    // Any other failure just means "re-read the page", which reports its own errors.
    return undefined;
  } finally {
    guard.dispose();
  }
}

/** The nonce of a `wp_send_json_success(['nonce' => …])` body; WordPress nonces are 10 hex. */
export function nonceFrom(body: string): string | undefined {
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value !== 'object' || value === null) return undefined;
    const { success, data } = value as { success?: unknown; data?: unknown };
    if (success !== true || typeof data !== 'object' || data === null) return undefined;
    const nonce = (data as { nonce?: unknown }).nonce;
    return typeof nonce === 'string' && /^[0-9a-f]{10}$/i.test(nonce) ? nonce : undefined;
  } catch {
    return undefined;
  }
}
