// What the simulated WordPress site contains: its pages (posts) and its chat bots.
// Post IDs, titles and bot settings follow the site the captures were recorded on.

export type ChatKind = 'shortcode' | 'bot' | 'bots' | 'widget-only' | 'params-only' | 'none';

export interface PageDef {
  key:
    | 'shortcode'
    | 'plain'
    | 'widget'
    | 'limited'
    | 'limitedStream'
    | 'bots'
    | 'paramsOnly'
    | 'nonChat';
  path: string;
  postId: number;
  title: string;
  /** The post excerpt; the plugin quotes title and excerpt in its preamble (content_aware). */
  intro: string;
  chat: ChatKind;
  /** Legacy bot rendered by the page's shortcode (0 = the default shortcode settings). */
  botId: number;
  /** AIPKit bot rendered on the page on a G5 site. */
  aipkitBotId: number;
  /** Whether the site-wide floating widget is printed (it is on every page of the captured site). */
  widget: boolean;
}

export const PAGES: readonly PageDef[] = [
  {
    key: 'shortcode',
    path: '/',
    postId: 9,
    title: 'Chat',
    intro: 'Default AI Power shortcode chat (streams SSE).',
    chat: 'shortcode',
    botId: 0,
    aipkitBotId: 5,
    widget: true,
  },
  {
    key: 'plain',
    path: '/plain/',
    postId: 10,
    title: 'Plain',
    intro: 'Custom bot with streaming off (JSON replies).',
    chat: 'bot',
    botId: 4,
    aipkitBotId: 7,
    widget: true,
  },
  {
    key: 'widget',
    path: '/widget/',
    postId: 11,
    title: 'Widget',
    intro: 'Only the floating chat widget is on this page.',
    chat: 'widget-only',
    botId: 0,
    aipkitBotId: 5,
    widget: true,
  },
  {
    key: 'limited',
    path: '/limited/',
    postId: 12,
    title: 'Limited',
    intro: 'Custom bot with a guest token limit (JSON replies).',
    chat: 'bot',
    botId: 5,
    aipkitBotId: 5,
    widget: true,
  },
  {
    key: 'limitedStream',
    path: '/limited-stream/',
    postId: 13,
    title: 'Limited Stream',
    intro: 'Custom bot with a guest token limit (streams SSE).',
    chat: 'bot',
    botId: 6,
    aipkitBotId: 5,
    widget: true,
  },
  {
    // Issue 16: one page, several bots (G4: custom bot shortcodes 7 and 8; G5: AIPKIT_BOTS).
    key: 'bots',
    path: '/bots/',
    postId: 15,
    title: 'Bots',
    intro: 'Several chat bots on one page, each with its own model.',
    chat: 'bots',
    botId: 7,
    aipkitBotId: 11,
    widget: true,
  },
  {
    key: 'paramsOnly',
    path: '/params-only/',
    postId: 14,
    title: 'Params Only',
    intro: 'No chat on this page; only the plugin scripts and their localized data.',
    chat: 'params-only',
    botId: 0,
    aipkitBotId: 5,
    widget: false,
  },
  {
    key: 'nonChat',
    path: '/about/',
    postId: 2,
    title: 'About',
    intro: 'A page without any chat.',
    chat: 'none',
    botId: 0,
    aipkitBotId: 5,
    widget: false,
  },
];

export function pageByPath(path: string): PageDef | undefined {
  const normal = path.endsWith('/') ? path : path + '/';
  return PAGES.find((p) => p.path === normal);
}

export function pageByPostId(postId: number): PageDef | undefined {
  return PAGES.find((p) => p.postId === postId);
}

/** A `wpaicg_chatbot` post (its post_content JSON, reduced to what the simulation needs). */
export interface BotDef {
  id: number;
  /** `openai_stream_nav`; 'site' = the default shortcode setting (site option `stream`). */
  stream: boolean | 'site';
  /** `chat_addition_text`, appended to the preamble. */
  addition?: string;
  /** `guest_limited` + `guest_tokens`. */
  guestTokens?: number;
  model: string;
}

export const DEFAULT_MODEL = 'gpt-4o-mini';

export const BOTS: readonly BotDef[] = [
  {
    id: 4,
    stream: false,
    addition: 'You are a helpful AI Assistant. Please be friendly.',
    model: DEFAULT_MODEL,
  },
  { id: 5, stream: false, guestTokens: 1, model: DEFAULT_MODEL },
  { id: 6, stream: true, guestTokens: 1, model: DEFAULT_MODEL },
  // The multi-bot page's bots (MULTI_BOT_IDS).
  { id: 7, stream: true, model: 'gpt-4o' },
  { id: 8, stream: false, model: 'gpt-5-nano' },
];

/** The legacy custom bots the multi-bot page shows, in page order. */
export const MULTI_BOT_IDS = [7, 8] as const;

/**
 * The AIPKit bots of a G5 site, as public sites show them: several on one page, each named by
 * its `headerName` and answering with its own model. Bot 5 is the site's default bot.
 */
export interface AipkitBotDef {
  id: number;
  headerName: string;
  model: string;
}

export const AIPKIT_BOTS: readonly AipkitBotDef[] = [
  { id: 11, headerName: 'GPT-4o mini', model: 'gpt-4o-mini' },
  { id: 12, headerName: 'GPT-5 nano', model: 'gpt-5-nano' },
  { id: 13, headerName: 'Gemini 2.5 Flash', model: 'gemini-2.5-flash' },
];

/** The model an AIPKit bot answers with (an unknown bot: the site's default model). */
export function aipkitModel(botId: number): string {
  return AIPKIT_BOTS.find((b) => b.id === botId)?.model ?? DEFAULT_MODEL;
}

export function botById(id: number): BotDef | undefined {
  return BOTS.find((b) => b.id === id);
}

/** Banned words configured on the captured site (`wpaicg_banned_words`). */
export const SITE_BANNED_WORDS = ['trigger_banned'];

export const SITE_NAME = 'AI Power test site (1.9.18)';
export const AIPKIT_SITE_NAME = 'AI Power test site (2.4.71)';
