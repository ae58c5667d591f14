// Conversation memory as the plugin handles it (protocol §5).
import { md5, phpSerializeStrings, phpUnserializeStrings, sanitizeTextarea } from './wp-format';
import type { ModelMessage } from './answer';

/** A history entry PHP 8 cannot read (an object without `text`): `trim(array)` is a fatal TypeError. */
export class FatalHistoryError extends Error {}

/**
 * G2–G4 `wpaicg_chat_history`: sanitize_textarea_field, then EVERY backslash removed, then json_decode.
 * So one escaped quote (`\"`) in any entry makes the JSON invalid and the whole history is dropped.
 */
export function parseClientHistory(raw: string | undefined): ModelMessage[] {
  if (!raw) return [];
  const text = sanitizeTextarea(raw).replace(/\\/g, '');
  let decoded: unknown;
  try {
    decoded = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(decoded)) return [];
  const out: ModelMessage[] = [];
  for (const entry of decoded) {
    let value: unknown;
    if (typeof entry === 'string') value = entry;
    else if (entry && typeof entry === 'object' && 'text' in entry)
      value = (entry as { text: unknown }).text;
    else if (entry && typeof entry === 'object')
      throw new FatalHistoryError(
        'trim(): Argument #1 ($string) must be of type string, array given',
      );
    else value = String(entry ?? '');
    if (typeof value !== 'string')
      throw new FatalHistoryError('trim(): Argument #1 ($string) must be of type string');
    const line = value.trim();
    if (line.startsWith('Human: ')) {
      const content = line.slice('Human: '.length).trim();
      if (content) out.push({ role: 'user', content });
    } else {
      const content = line.split('AI: ').join('').trim();
      if (content) out.push({ role: 'assistant', content });
    }
  }
  return out;
}

/** G1: memory lives in cookies the AJAX reply sets (AP wpaicg_chat.php 145-159, 622-646, 842-845). */
export interface G1Memory {
  clientId: string;
  markerName: string;
  markerValue: string;
  entries: string[];
}

export function g1MarkerName(action: string, botId: number): string {
  if (botId > 0) return `wpaicg_conversation_url_custom_bot_${botId}`;
  return action === 'wpaicg_chatbox_message'
    ? 'wpaicg_conversation_url'
    : 'wpaicg_conversation_url_shortcode';
}

export function readG1Memory(
  cookies: Record<string, string>,
  action: string,
  botId: number,
  url: string,
  newClientId: () => string,
): G1Memory {
  const clientId = cookies['wpaicg_chat_client_id'] || newClientId();
  const markerName = g1MarkerName(action, botId);
  const markerValue = md5(clientId + url);
  // Memory is read only once the marker cookie exists (AP wpaicg_chat.php: a missing marker means
  // a new conversation); WordPress adds slashes to $_COOKIE and the plugin strips every backslash.
  const stored = cookies[markerName] ? cookies[markerValue] : undefined;
  const entries = stored ? phpUnserializeStrings(stored.replace(/\\/g, '')) : [];
  return { clientId, markerName, markerValue, entries };
}

/** Memory entries become model messages: "Human: …\nAI: " entries are user turns, the rest replies. */
export function g1Messages(entries: readonly string[]): ModelMessage[] {
  return entries.map((e) =>
    e.startsWith('Human: ')
      ? { role: 'user' as const, content: e.slice('Human: '.length).replace(/\nAI: $/, '') }
      : { role: 'assistant' as const, content: e },
  );
}

const cookieExpiry = (days: number): string =>
  `expires=${new Date(Date.now() + days * 86400_000).toUTCString()}; Max-Age=${days * 86400}; path=/`;

/** `wpaicg_get_cookie_id`: the G1 client id cookie, `t_` + 30 hex characters, for 7 days. */
export function g1ClientIdCookie(clientId: string): string {
  return `wpaicg_chat_client_id=${clientId}; ${cookieExpiry(7)}`;
}

/** The Set-Cookie headers of a G1 reply: client id (7 days), marker and memory (1 day). */
export function g1SetCookies(mem: G1Memory, entries: readonly string[], cut = 10): string[] {
  const kept = entries.slice(-cut);
  return [
    g1ClientIdCookie(mem.clientId),
    `${mem.markerName}=${mem.markerValue}; ${cookieExpiry(1)}`,
    `${mem.markerValue}=${encodeURIComponent(phpSerializeStrings(kept))}; ${cookieExpiry(1)}`,
  ];
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    try {
      out[name] = decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      out[name] = value;
    }
  }
  return out;
}
