/**
 * What one chat turn sends: the current message, the memory, and the legacy form fields
 * (protocol §2.1: the 9 fields the plugin's own JS sends, plus `chat_id`).
 */
import { compareVersions } from './discovery';
import { formatPrompt } from './format';
import { encodeHistory, historyEntries } from './history';
import { ACTIONS, FIELDS, chatbotIdentity } from './site-knowledge';
import type { ChatMessage, MemoryMode, SiteTokens } from './types';

export interface TurnInput {
  /** The text for the `message` field. */
  message: string;
  /** Earlier turns (history), oldest first; empty in single-prompt mode. */
  previous: ChatMessage[];
}

/**
 * Splits a conversation into the current message and its history.
 *
 * The system message is put in front of the current message ("System instructions: …"), not
 * in the history: the history is only read when the site has `remember_conversation=yes`, is cut
 * to the page's memory limit, and is absent on G1 and G5, while the message always reaches the
 * model. It is sent again on every turn, so it keeps applying as the conversation grows.
 */
export function splitConversation(messages: readonly ChatMessage[], mode: MemoryMode): TurnInput {
  if (mode === 'single-prompt') return { message: formatPrompt([...messages]), previous: [] };
  let lastUser = -1;
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]?.role === 'user') {
      lastUser = i;
      break;
    }
  }
  const current = lastUser < 0 ? '' : (messages[lastUser]?.content ?? '');
  const system = messages
    .filter((m) => m.role === 'system' && m.content.trim() !== '')
    .map((m) => m.content.trim())
    .join('\n\n');
  const previous = messages.filter((m, i) => i < lastUser && m.role !== 'system');
  return {
    message: system === '' ? current : `System instructions: ${system}\n\n${current}`,
    previous,
  };
}

export interface LegacyRequestOptions {
  clientId: string;
  memoryLimit: number;
  /** Sent as shortcode options where the plugin honours them (≤1.8.90, default shortcode). */
  model?: string;
  /** The official JS uses Math.random()*100000; tests pass a fixed one. */
  chatId?: number;
}

/** The legacy (G1–G4) form fields, in the order the plugin's JS appends them. */
export function legacyFields(
  tokens: SiteTokens,
  turn: TurnInput,
  options: LegacyRequestOptions,
): [string, string][] {
  const chatType = tokens.chatType === 'widget' ? 'widget' : 'shortcode';
  const limit = Math.min(options.memoryLimit, tokens.memoryLimit);
  const fields: [string, string][] = [
    [FIELDS.nonce, tokens.nonce],
    [FIELDS.postId, tokens.postId],
    [FIELDS.url, tokens.url],
    [FIELDS.action, ACTIONS[chatType]],
    [FIELDS.message, protectMessage(tokens, turn.message)],
    [FIELDS.botId, tokens.botId],
  ];
  if (tokens.generation !== 'G1') {
    fields.push(
      [FIELDS.identity, chatbotIdentity(chatType, tokens.botId)],
      [FIELDS.clientId, options.clientId],
      [FIELDS.history, encodeHistory(historyEntries(turn.previous, limit))],
      [FIELDS.chatId, String(options.chatId ?? Math.floor(Math.random() * 100000))],
    );
  }
  if (options.model !== undefined && honoursShortcodeOptions(tokens))
    fields.push([FIELDS.shortcodeModel, options.model]);
  return fields;
}

/** §2.1, §6: ≤1.8.90 merges `wpaicg_chat_shortcode_options` over the default shortcode's settings. */
export function honoursShortcodeOptions(tokens: SiteTokens): boolean {
  return (
    (tokens.generation === 'G1' || tokens.generation === 'G2' || tokens.generation === 'G3') &&
    tokens.chatType === 'shortcode' &&
    (tokens.botId === '0' || tokens.botId === '')
  );
}

/**
 * §2.1: before 1.8.96 the server took the message as `sanitize_text_field($_REQUEST['message'])`,
 * with no `wp_unslash`: WordPress slashes request data, so a `"` reached the model as `\"`, and
 * anything shaped like a tag and every `%XX` octet was deleted. The site's own chat HTML-escapes
 * the message before sending it (1.8.79 `wpaicgescapeHtml`, public/js/wpaicg-chat.js:666), so
 * there are no quotes left to slash and no tags to strip: the model sees `&quot;` as it does for
 * every visitor of that site. We send the same; `%XX` still gets a look-alike (see history.ts).
 * From 1.8.96 (G4) the message is unslashed and taken raw (1.9.18 wpaicg_chat.php:692; 2.4.71
 * `wp_unslash($_POST)`): sent as typed.
 */
function protectMessage(tokens: SiteTokens, message: string): string {
  const raw =
    tokens.pluginVersion !== undefined
      ? compareVersions(tokens.pluginVersion, '1.8.96') >= 0
      : tokens.generation === 'G4';
  if (raw) return message;
  return escapeLikeThePage(message).replace(/%(?=[0-9a-fA-F]{2})/g, '\uFF05');
}

/** The plugin's `wpaicgescapeHtml`, character for character. */
function escapeLikeThePage(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#039;');
}
