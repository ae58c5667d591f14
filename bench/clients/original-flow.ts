/**
 * The original provider's flow, as the Python g4f `ChatGptt` does it (protocol §8, first row):
 * for EVERY message, GET the page, regex the chat's data-nonce / data-post-id / data-bot-id out
 * of the HTML, POST the 9 form fields to admin-ajax.php, read the reply. Written for the bench
 * only; it is the baseline our warm-token provider is compared with.
 *
 * One generosity: the Python provider calls `response.json()`, which cannot read a streamed
 * site at all; here it reads the SSE body as it arrives, so its first-token time is not
 * penalised for that.
 */
import { replyText } from './stream-text';

const NONCE = /data-nonce=["']([^"']+)["']/;
const POST_ID = /data-post-id=["']([^"']+)["']/;
const BOT_ID = /data-bot-id=["']([^"']+)["']/;

function randomHex(bytes: number): string {
  const data = crypto.getRandomValues(new Uint8Array(bytes));
  return [...data].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export interface ScrapedTokens {
  nonce: string;
  postId: string;
  botId: string;
}

/** GET the page and regex the three tokens out of it, like the original. */
export async function scrapeTokens(pageUrl: string): Promise<ScrapedTokens> {
  const html = await (await fetch(pageUrl)).text();
  const nonce = NONCE.exec(html)?.[1];
  const postId = POST_ID.exec(html)?.[1];
  const botId = BOT_ID.exec(html)?.[1];
  if (!nonce || !postId || botId === undefined) throw new Error(`no chat tokens on ${pageUrl}`);
  return { nonce, postId: postId.replace(/[^0-9]/g, ''), botId };
}

/** The 9 fields the original sends (`format_prompt` of one user message is the message itself). */
export function nineFields(
  tokens: ScrapedTokens,
  pageUrl: string,
  message: string,
): URLSearchParams {
  return new URLSearchParams({
    _wpnonce: tokens.nonce,
    post_id: tokens.postId,
    url: pageUrl,
    action: 'wpaicg_chat_shortcode_message',
    message,
    bot_id: tokens.botId,
    chatbot_identity: 'shortcode',
    wpaicg_chat_client_id: randomHex(5),
    wpaicg_chat_history: '',
  });
}

export function ajaxUrl(pageUrl: string): string {
  return new URL('/wp-admin/admin-ajax.php', pageUrl).href;
}

/** One message the original way: page GET + regex + POST + read. */
export async function* originalFlow(pageUrl: string, message: string): AsyncGenerator<string> {
  const tokens = await scrapeTokens(pageUrl);
  const response = await fetch(ajaxUrl(pageUrl), {
    method: 'POST',
    body: nineFields(tokens, pageUrl, message),
  });
  yield* replyText(response);
}
