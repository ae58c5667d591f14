// Which configuration a legacy chat request runs under (protocol §2.1, §6): the settings branch
// (shortcode, widget or bot post), the model, whether the reply streams, and the preamble.
import { botById, pageByPostId, DEFAULT_MODEL, SITE_BANNED_WORDS, type BotDef } from './catalog';
import type { ResolvedOptions, SiteGeneration } from './options';

export interface ChatSettings {
  /** The bot post chosen by `bot_id`, if any (overrides the shortcode/widget settings). */
  bot: BotDef | undefined;
  /** `bot_id` as a number (0 when absent or not numeric). */
  botId: number;
  /** The usage/log source: `shortcode`, `widget`, `Shortcode ID: N` or `Widget ID: N`. */
  source: string;
  model: string;
  streams: boolean;
}

/**
 * @param fields  what the handler reads its fields from ($_POST in G4, $_REQUEST before)
 * @param request $_REQUEST (client model override up to 1.8.90)
 */
export function resolveSettings(
  gen: SiteGeneration,
  action: string,
  fields: Record<string, string>,
  request: Record<string, string>,
  options: ResolvedOptions,
): ChatSettings {
  const botId = /^\d+$/.test(fields['bot_id'] ?? '') ? Number(fields['bot_id']) : 0;
  // Any existing post is accepted as a bot: one that is not a bot decodes to null and runs with
  // defaults (no limits, no addition, `openai_stream_nav` unset so no streaming). A post id that
  // does not exist falls back to the shortcode/widget settings.
  const bot: BotDef | undefined =
    botId > 0
      ? (botById(botId) ??
        (pageByPostId(botId) ? { id: botId, stream: false, model: DEFAULT_MODEL } : undefined))
      : undefined;
  const widget = action === 'wpaicg_chatbox_message';
  const kind = widget ? 'widget' : 'shortcode';
  const source = bot ? `${widget ? 'Widget' : 'Shortcode'} ID: ${bot.id}` : kind;

  let model = bot?.model ?? (gen === 'G1' ? 'text-davinci-003' : DEFAULT_MODEL);
  // ≤1.8.90: the client may merge wpaicg_chat_shortcode_options[...] over the shortcode settings.
  const clientModel = request['wpaicg_chat_shortcode_options[model]'];
  if (gen !== 'G4' && !widget && !bot && clientModel) model = clientModel;

  // The server decides: G1 never streams; bots carry `openai_stream_nav`; the default shortcode
  // and widget follow their options (both '1' on a fresh install, whatever the widget template says).
  const botStreams = bot && (bot.stream === true || (bot.stream === 'site' && options.stream));
  const streams = gen !== 'G1' && (bot ? Boolean(botStreams) : options.stream);
  return { bot, botId, source, model, streams };
}

/** The preamble ("greeting") the plugin sends as the first user message; content_aware quotes the post. */
export function preamble(postIdField: string | undefined, bot: BotDef | undefined): string {
  const page = /^\d+$/.test(postIdField ?? '') ? pageByPostId(Number(postIdField)) : undefined;
  let text = page
    ? `Converse as if you were an AI assistant. Answer the question as truthfully as possible using the provided context. Tone: Friendly.\n, Current context: "${page.title}\n${page.intro}"`
    : 'Converse as if you were an AI assistant. Answer the question as truthfully as possible using the provided text. Tone: Friendly.';
  if (bot?.addition) text += ` Additional context: ${bot.addition}`;
  return text;
}

/** `check_banned_words`: whole space-separated words, case-insensitive; one hit per matching word. */
export function bannedWordsIn(message: string, extra: string | undefined): string[] {
  const banned = [...SITE_BANNED_WORDS, ...(extra ? [extra] : [])].map((w) => w.toLowerCase());
  return message
    .split(' ')
    .map((w) => w.toLowerCase())
    .filter((w) => banned.includes(w));
}
