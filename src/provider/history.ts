/**
 * Conversation memory for G2–G4 (docs/protocol.md#legacy-history-field): `wpaicg_chat_history` is a JSON array of
 * `{"id","text":"Human: …"|"AI: …"}` entries, without the current turn.
 *
 * Why the texts are re-encoded: the server runs `sanitize_textarea_field`, then strips EVERY
 * backslash, then `json_decode`s. JSON can only carry `"`, `\` and control characters as
 * backslash escapes, so one quote in an old answer makes the whole array invalid and the site
 * silently forgets the conversation (capture a-04: the model got 2 messages instead of 4).
 * So no text we send may need a backslash escape:
 *  - `"` becomes U+FF02 `＂` and `\` becomes U+29F5 `⧵`: look-alikes the model reads as what
 *    they are. HTML entities (`&quot;`) would survive too, but cost more tokens and read worse.
 *  - line breaks become U+2028 LINE SEPARATOR, which JSON carries raw (JSON.stringify does not
 *    escape it and PHP's json_decode accepts it); tabs become two spaces; other C0 controls go.
 *  - `sanitize_textarea_field` also strips anything that looks like a tag and drops `%XX`
 *    octets, so `<` becomes U+FF1C `＜` and a `%` before two hex digits becomes U+FF05 `％`.
 *  - a lone UTF-16 surrogate would be escaped as `\udXXX`: it becomes U+FFFD.
 *  - the server removes every `AI: ` from assistant entries; inside texts it becomes `AI∶ `.
 * The texts the user sees are untouched: only what goes to the site is re-encoded.
 */
import { HISTORY_PREFIX } from './site-knowledge';
import type { ChatMessage } from './types';

export interface HistoryEntry {
  id: string;
  text: string;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex -- control characters are exactly what we remove
const OTHER_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** One text made safe for the plugin's backslash stripping and textarea sanitizing. */
export function encodeHistoryText(text: string): string {
  return text
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/\r\n?|\n/g, '\u2028')
    .replace(/\t/g, '  ')
    .replace(OTHER_CONTROLS, '')
    .replace(/\\/g, '\u29F5')
    .replace(/"/g, '\uFF02')
    .replace(/</g, '\uFF1C')
    .replace(/%(?=[0-9a-fA-F]{2})/g, '\uFF05')
    .replace(/AI: /g, 'AI\u2236 ');
}

/**
 * The history entries for the turns before the current one, newest `limit` kept.
 * System messages are not history: the caller puts them in the message (see chat-request.ts).
 */
export function historyEntries(previous: readonly ChatMessage[], limit: number): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  for (const message of previous) {
    if (message.role === 'system') continue;
    const prefix = message.role === 'user' ? HISTORY_PREFIX.user : HISTORY_PREFIX.assistant;
    entries.push({ id: '', text: prefix + encodeHistoryText(message.content) });
  }
  return limit <= 0 ? [] : entries.slice(-limit);
}

/** The field value; its JSON never contains a backslash (asserted by the unit tests). */
export function encodeHistory(entries: readonly HistoryEntry[]): string {
  return JSON.stringify(entries);
}
