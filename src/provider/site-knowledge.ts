/**
 * Everything the client knows about AI Power (wpaicg) pages and replies, as data.
 * One place to change when the plugin changes; every item is tested against the fixture pages
 * and captures it must match (test/unit/provider/site-knowledge.test.ts).
 * Sources: docs/protocol.md (the headings cited below) and test/fixtures/captures/.
 */

/** docs/protocol.md#legacy-chat-roots: chat roots. The shortcode root and the widget root share the same data-* attributes. */
export const CHAT_ROOT_CLASSES = {
  shortcode: 'wpaicg-chat-shortcode',
  widget: 'wpaicg-chatbox',
} as const;

/** docs/protocol.md#aipkit-config: the ≥2.3 AIPKit container; its `data-config` holds a JSON object. */
export const AIPKIT_CONTAINER_CLASS = 'aipkit_chat_container';
/**
 * 2.4.71 popup mode (the default for a site-wide bot; renderer/methods.php
 * render_popup_mode_html_logic): `data-config` sits on this wrapper, and the
 * `aipkit_chat_container` inside it has none.
 */
export const AIPKIT_POPUP_CLASS = 'aipkit_popup_wrapper';
export const AIPKIT_CONFIG_ATTRIBUTE = 'data-config';
/** Keys of the AIPKit data-config JSON that a request needs. */
export const AIPKIT_CONFIG_KEYS = {
  botId: 'botId',
  nonce: 'nonce',
  postId: 'postId',
  ajaxUrl: 'ajaxUrl',
} as const;

/** docs/protocol.md#legacy-chat-roots: data-* attributes on the legacy chat root. */
export const ROOT_ATTRIBUTES = {
  nonce: 'data-nonce',
  postId: 'data-post-id',
  url: 'data-url',
  botId: 'data-bot-id',
  type: 'data-type',
  streamNav: 'data-openai_stream_nav',
  memoryLimit: 'data-memory-limit',
} as const;

/**
 * docs/protocol.md#legacy-chat-roots: the 1.9.18/2.2 widget template writes a stray `<` before the post id (`data-post-id="<9"`,
 * capture a-01). Everything that is not a digit is dropped.
 */
export const POST_ID_JUNK = /[^0-9]/g;

/** docs/protocol.md#the-wpaicgparams-fallback: `var wpaicgParams = {...}` on every front-end page; its search_nonce is the chat nonce. */
export const PARAMS_VARIABLE = 'wpaicgParams';
export const PARAMS_NONCE_KEY = 'search_nonce';
export const PARAMS_AJAX_URL_KEY = 'ajax_url';

/**
 * WordPress enqueues the plugin's assets with `?ver=<plugin version>` (capture a-01:
 * `wp-ai-content-generator-public.css?ver=1.9.18`; b-01: `public-main.bundle.js?ver=2.4.71`).
 * The plugin folder name is the same in every version.
 */
export const PLUGIN_ASSET_VERSION =
  // The path is bounded ({0,256}, real ones are < 100): unbounded, every occurrence of the folder
  // name backtracked over the rest of its run, quadratic on a page that repeats it (issue 22).
  /gpt3-ai-content-generator\/[^"'\s?]{0,256}?\.(?:js|css)\?ver=(\d+(?:\.\d+){1,3})/g;

/** docs/protocol.md#plugin-version-and-generation: the last plugin version of each generation (inclusive), in order. */
export const GENERATION_BY_VERSION: readonly (readonly [string, 'G1' | 'G2' | 'G3' | 'G4'])[] = [
  ['1.7.86', 'G1'],
  ['1.8.79', 'G2'],
  ['1.8.90', 'G3'],
  ['2.2.999', 'G4'],
];

/** G1 templates lack the G2+ attribute `data-openai_stream_nav` (docs/protocol.md#plugin-version-and-generation). */
export const G2_PLUS_ATTRIBUTE = ROOT_ATTRIBUTES.streamNav;

/** docs/protocol.md#legacy-request: the endpoint, relative to the site's origin. */
export const AJAX_PATH = '/wp-admin/admin-ajax.php';

/** docs/protocol.md#legacy-fields: actions of the legacy handler, by chat type. */
export const ACTIONS = {
  shortcode: 'wpaicg_chat_shortcode_message',
  widget: 'wpaicg_chatbox_message',
  aipkitCache: 'aipkit_cache_sse_message',
  aipkitStream: 'aipkit_frontend_chat_stream',
  /** ≥2.4: a fresh nonce in one POST (fn-ajax-get-frontend-chat-nonce.php), no page needed. */
  aipkitNonce: 'aipkit_get_frontend_chat_nonce',
  /** The non-streaming AIPKit action (ajax_frontend_chat_message.php): one JSON `reply`. */
  aipkitMessage: 'aipkit_frontend_chat_message',
} as const;

/** docs/protocol.md#legacy-fields: field names of the legacy request. */
export const FIELDS = {
  action: 'action',
  nonce: '_wpnonce',
  message: 'message',
  postId: 'post_id',
  url: 'url',
  botId: 'bot_id',
  identity: 'chatbot_identity',
  clientId: 'wpaicg_chat_client_id',
  history: 'wpaicg_chat_history',
  chatId: 'chat_id',
  /** ≤1.8.90 only: shortcode options merged over the site's settings (docs/protocol.md#model-choice). */
  shortcodeModel: 'wpaicg_chat_shortcode_options[model]',
} as const;

/** docs/protocol.md#g5-two-step-stream: AIPKit request fields. */
export const AIPKIT_FIELDS = {
  action: 'action',
  nonce: '_ajax_nonce',
  botId: 'bot_id',
  message: 'message',
  clientMessageId: 'user_client_message_id',
  cacheKey: 'cache_key',
  sessionId: 'session_id',
  conversationId: 'conversation_uuid',
  postId: 'post_id',
  timestamp: '_ts',
} as const;

/** docs/protocol.md#legacy-fields: `chatbot_identity` values. */
export function chatbotIdentity(chatType: 'shortcode' | 'widget', botId: string): string {
  return botId !== '' && botId !== '0' ? `custom_bot_${botId}` : chatType;
}

/** docs/protocol.md#legacy-history-field: history entry prefixes; the server maps `Human: ` to user and strips `AI: `. */
export const HISTORY_PREFIX = { user: 'Human: ', assistant: 'AI: ' } as const;

/** docs/protocol.md#plugin-flag-frames: flag keys of plugin-generated frames; each ends the answer with its `msg`. */
export const FLAG_KINDS = {
  tokenLimitReached: 'quota',
  messageFlagged: 'banned',
  ipBanned: 'banned',
  pineconeError: 'upstream',
  modflag: 'banned',
} as const;

/** docs/protocol.md#nonce-life-and-refresh: nonce failures in every generation's shape. */
export const NONCE_ERROR_TEXTS = [
  'The link you followed has expired', // G4: HTTP 403 text/html (captures a-08, a-09)
  'Nonce verification failed', // G2/G3: HTTP 200 JSON
  'Invalid nonce', // G1: HTTP 200 JSON
] as const;
/** docs/protocol.md#nonce-life-and-refresh: AIPKit nonce failures (capture b-06 JSON code; b-07 SSE event: error text). */
export const AIPKIT_NONCE_CODE_PREFIX = 'nonce_failure';
export const AIPKIT_NONCE_ERROR_TEXTS = ['Security check failed', 'session has expired'] as const;

/** docs/protocol.md#quota-and-bans: banned IP / banned word JSON texts (plugin defaults; the quota text is configurable). */
export const BANNED_TEXTS = [
  'You are not allowed to access this feature',
  'Your message contains prohibited words',
] as const;

/**
 * docs/protocol.md#quota-and-bans: the default `limited_message`. G1 sends it as a plain JSON error and AIPKit as an SSE
 * `event: error`, without the `tokenLimitReached` flag, so the text is all there is.
 */
export const QUOTA_TEXTS = ['You have reached your token limit'] as const;

/**
 * The site refused the message itself (docs/protocol.md#invalid-message, capture a-16; 1.8.79 and 2.4.71 have the same
 * text). AIPKit says it with HTTP 400 JSON instead (`empty_data_to_cache`, `json_encode_failed`).
 */
export const INVALID_MESSAGE_TEXTS = ['It appears that nothing was inputted'] as const;

/**
 * 2.4.71 refuses this client, not the message: step 1 `embed_not_available` / `cors_denied` (HTTP
 * 403 JSON) when the request's Origin is not the site's own; step 2 the same as an SSE error.
 */
export const AIPKIT_REFUSAL_CODES = ['embed_not_available', 'cors_denied'] as const;
export const AIPKIT_REFUSAL_TEXTS = [
  'Embed feature is not available with your current plan',
  'This domain is not permitted to access the chatbot',
] as const;

/**
 * 2.4.71 step 2 for a cache key it does not hold (never cached, already used, expired; cache/fn-get.php,
 * request/fn-process-initial-request.php): an SSE `event: error` with one of these, then `done`.
 */
export const AIPKIT_CACHE_MISS_TEXTS = [
  'Message not found in cache',
  'Cached message has expired',
  'Message cache key is missing',
  'Cache key cannot be empty',
] as const;

/** docs/protocol.md#http-failures: `admin-ajax.php` answers `400` with body `0` when the action has no hook (captures a-20, b-08). */
export const UNKNOWN_ACTION_STATUS = 400;
export const UNKNOWN_ACTION_BODY = '0';

/** docs/protocol.md#content-type-decides: content types (match the prefix: the plugin adds `;charset=UTF-8`). */
export const CONTENT_TYPES = { sse: 'text/event-stream', json: 'application/json' } as const;

/** docs/protocol.md#legacy-stream: end of a legacy stream. */
export const SSE_DONE = '[DONE]';
/** docs/protocol.md#upstream-errors-in-a-legacy-stream: the plugin's per-word upstream-error frames are the only legacy frames with an event name. */
export const UPSTREAM_ERROR_EVENT = 'message';
/** docs/protocol.md#legacy-stream: exceptions end with this frame. */
export const SSE_LIMITED = '[LIMITED]';

/** docs/protocol.md#aipkit-stream-events: AIPKit named events. */
export const AIPKIT_EVENTS = {
  error: 'error',
  done: 'done',
  warning: 'warning',
  citations: 'citations',
  status: 'status',
} as const;

/**
 * A Cloudflare-style browser check instead of the site. Header `cf-mitigated: challenge` is the
 * documented signal; the page texts cover proxies that drop it.
 */
export const CHALLENGE_HEADER = 'cf-mitigated';
export const CHALLENGE_TEXTS = [
  'Just a moment...',
  'Checking your browser',
  'cf-browser-verification',
  'challenge-platform',
  'Attention Required! | Cloudflare',
] as const;

/** WordPress body classes name the post being shown: `page-id-9`, `postid-12`. */
export const BODY_POST_ID = /(?:^|\s)(?:page-id|postid)-(\d+)(?:\s|$)/;

/** What one generation of the plugin accepts in a turn (docs/protocol.md#message-and-history-limits). */
export interface SiteLimits {
  /** The longest message the plugin itself accepts, in characters; null: it checks none. */
  messageChars: number | null;
  /** Whether the plugin flattens line breaks of the message (`sanitize_text_field`). */
  flattensLineBreaks: boolean;
  /** How many earlier entries reach the model when the page names no limit. */
  historyEntries: number;
  /** Whether the history is cut on the server (G1, G5) rather than by the client (G2–G4). */
  historyCutOnServer: boolean;
  /**
   * G1 only: the reply sets the conversation as cookies, so a long turn makes long Set-Cookie
   * headers. Node's own fetch refuses reply headers over 16 KiB, so the library reads them with a
   * browser's limit (http.ts); a browser keeps no cookie over 4 KB and neither does the library,
   * so the site forgets such a turn. Null where nothing is known.
   */
  replyHeaderBytes: number | null;
}

/**
 * docs/protocol.md#message-and-history-limits: read from the plugin's code (1.8.79, 1.9.18,
 * 2.4.71: no maxlength, no length check in any handler) and measured against the test site
 * (test/integration/site-limits.test.ts). The practical ceiling is outside the plugin: PHP's
 * post_max_size (8 MB by default) and the model's context window.
 */
export const SITE_LIMITS: Readonly<Record<'G1' | 'G2' | 'G3' | 'G4' | 'G5', SiteLimits>> = {
  G1: {
    messageChars: null,
    flattensLineBreaks: true,
    historyEntries: 10,
    historyCutOnServer: true,
    replyHeaderBytes: 16 * 1024,
  },
  G2: {
    messageChars: null,
    flattensLineBreaks: true,
    historyEntries: 10,
    historyCutOnServer: false,
    replyHeaderBytes: null,
  },
  G3: {
    messageChars: null,
    flattensLineBreaks: true,
    historyEntries: 100,
    historyCutOnServer: false,
    replyHeaderBytes: null,
  },
  G4: {
    messageChars: null,
    flattensLineBreaks: false,
    historyEntries: 100,
    historyCutOnServer: false,
    replyHeaderBytes: null,
  },
  // 2.4.71 BotSettingsManager::DEFAULT_MAX_MESSAGES, clamped to 1…1024 by the bot settings.
  G5: {
    messageChars: null,
    flattensLineBreaks: false,
    historyEntries: 15,
    historyCutOnServer: true,
    replyHeaderBytes: null,
  },
};

/** PHP's default post_max_size: a larger request body reaches the plugin with an empty $_POST. */
export const PHP_POST_MAX_BYTES = 8 * 1024 * 1024;
