/**
 * The floor: one bare POST with tokens already known, and the least reading that works. No
 * cache look-up, no history, no error classification: the cost of the network round trip and
 * the site itself, which no client can beat.
 */
import { ajaxUrl, nineFields, type ScrapedTokens } from './original-flow';
import { replyText } from './stream-text';

export async function* floorPost(
  pageUrl: string,
  tokens: ScrapedTokens,
  message: string,
): AsyncGenerator<string> {
  const response = await fetch(ajaxUrl(pageUrl), {
    method: 'POST',
    body: nineFields(tokens, pageUrl, message),
  });
  yield* replyText(response);
}
