// Small client-side helpers for the site's own tests: read tokens from pages, post chat turns,
// split SSE bodies. Deliberately independent of src/provider so the site is tested on its own.

export interface PageTokens {
  nonce: string;
  postId: string;
  botId: string;
  url: string;
  type: string;
  streamNav: string;
}

/** The attributes of the first element with class `rootClass` (data-* only, quotes as written). */
export function rootAttributes(html: string, rootClass: string): Record<string, string> | null {
  const start = html.search(new RegExp(`<div class="${rootClass}[ "]`));
  if (start < 0) return null;
  const end = html.indexOf('>', html.indexOf('data-type', start));
  const tag = html.slice(start, end + 1);
  const attrs: Record<string, string> = {};
  for (const m of tag.matchAll(/(data-[\w-]+)\s*=\s*"([^"]*)"/g)) attrs[m[1]!] = m[2]!;
  return attrs;
}

export function legacyTokens(html: string, rootClass = 'wpaicg-chat-shortcode'): PageTokens | null {
  const a = rootAttributes(html, rootClass);
  if (!a) return null;
  return {
    nonce: a['data-nonce'] ?? '',
    postId: a['data-post-id'] ?? '',
    botId: a['data-bot-id'] ?? '',
    url: a['data-url'] ?? '',
    type: a['data-type'] ?? '',
    streamNav: a['data-openai_stream_nav'] ?? '',
  };
}

export function searchNonce(html: string): string | null {
  return /var wpaicgParams = \{[^\n]*"search_nonce":"([a-f0-9]+)"/.exec(html)?.[1] ?? null;
}

/** The data-config of the AIPKit container (inline) or of its popup wrapper (popup mode), decoded. */
export function aipkitConfig(html: string): Record<string, unknown> | null {
  const m =
    /<div class="aipkit_(?:chat_container|popup_wrapper)[^"]*"[^>]*data-config='([^']*)'/.exec(
      html,
    );
  if (!m) return null;
  const json = m[1]!
    .replace(/&quot;/g, '"')
    .replace(/&#039;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return JSON.parse(json) as Record<string, unknown>;
}

export async function getPage(url: string): Promise<string> {
  const res = await fetch(url);
  return res.text();
}

export function form(fields: Record<string, string>): URLSearchParams {
  return new URLSearchParams(fields);
}

/** The nine fields (plus chat_id) a faithful G4 client sends. */
export function chatFields(
  t: PageTokens,
  message: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  const botId = t.botId || '0';
  return {
    _wpnonce: t.nonce,
    post_id: t.postId.replace(/^</, ''),
    url: t.url,
    action: t.type === 'widget' ? 'wpaicg_chatbox_message' : 'wpaicg_chat_shortcode_message',
    message,
    bot_id: botId,
    chatbot_identity: botId !== '0' ? `custom_bot_${botId}` : t.type,
    wpaicg_chat_client_id: 'SiteTest01',
    wpaicg_chat_history: '[]',
    ...extra,
  };
}

export interface SseEvent {
  event: string | null;
  data: string;
}

/** Split an SSE body into events (blank-line separated; `event:` and `data:` lines). */
export function sseEvents(body: string): SseEvent[] {
  const out: SseEvent[] = [];
  for (const block of body.split('\n\n')) {
    if (!block.trim() || block.startsWith(':')) continue;
    let event: string | null = null;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    out.push({ event, data: data.join('\n') });
  }
  return out;
}

/** The text an OpenAI chunk stream carries (choices[0].delta.content concatenated). */
export function streamedText(body: string): string {
  let text = '';
  for (const e of sseEvents(body)) {
    if (e.data === '[DONE]') break;
    try {
      const obj = JSON.parse(e.data) as { choices?: { delta?: { content?: string } }[] };
      text += obj.choices?.[0]?.delta?.content ?? '';
    } catch {
      // not JSON: ignored, like the plugin's JS
    }
  }
  return text;
}

/** Read a response body as the raw chunks that arrived, with their arrival times. */
export async function readChunks(
  res: Response,
): Promise<{ chunks: Uint8Array[]; times: number[] }> {
  const chunks: Uint8Array[] = [];
  const times: number[] = [];
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    times.push(Date.now());
  }
  return { chunks, times };
}
