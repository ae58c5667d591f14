// Encodings the plugin's PHP produces, reproduced so replies match the real ones byte for byte.
import { createHash } from 'node:crypto';

/** `wp_json_encode`: `/` escaped as `\/` and every non-ASCII UTF-16 unit as `\uXXXX` (PHP's defaults). */
export function wpJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u0080-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** `json_encode(..., JSON_UNESCAPED_UNICODE)` as used by AIPKit's data-config: slashes escaped, Unicode raw. */
export function wpJsonUnicode(value: unknown): string {
  return JSON.stringify(value, null, 0).replace(/\//g, '\\/');
}

/** `htmlspecialchars` with ENT_QUOTES, as `esc_attr` does. */
export function escAttr(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#039;');
}

export function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

/** PHP `serialize()` of a list of strings (the G1 memory cookie). Lengths are in bytes, like PHP. */
export function phpSerializeStrings(items: readonly string[]): string {
  const parts = items.map((s, i) => `i:${i};s:${Buffer.byteLength(s)}:"${s}";`);
  return `a:${items.length}:{${parts.join('')}}`;
}

/** The inverse of {@link phpSerializeStrings}; anything else (or malformed input) gives []. */
export function phpUnserializeStrings(text: string): string[] {
  const bytes = Buffer.from(text);
  const head = /^a:(\d+):\{/.exec(text);
  if (!head) return [];
  let pos = Buffer.byteLength(head[0]);
  const out: string[] = [];
  for (let i = 0; i < Number(head[1]); i++) {
    const rest = bytes.subarray(pos).toString('latin1');
    const m = /^i:\d+;s:(\d+):"/.exec(rest);
    if (!m) return [];
    pos += m[0].length;
    const len = Number(m[1]);
    out.push(bytes.subarray(pos, pos + len).toString('utf8'));
    pos += len;
    if (bytes.subarray(pos, pos + 2).toString('latin1') !== '";') return [];
    pos += 2;
  }
  return out;
}

/** `sanitize_textarea_field`, approximately: tags stripped, `%XX` octets removed, trimmed; newlines kept. */
export function sanitizeTextarea(text: string): string {
  let out = text;
  if (out.includes('<')) out = out.replace(/<[^>]*>?/g, '');
  let prev;
  do {
    prev = out;
    out = out.replace(/%[a-f0-9]{2}/gi, '');
  } while (out !== prev);
  return out.trim();
}

/** `sanitize_text_field` (what ≤1.8.95 applied to `message`): like the textarea variant, plus whitespace runs collapsed. */
export function sanitizeText(text: string): string {
  return sanitizeTextarea(text)
    .replace(/[\r\n\t ]+/g, ' ')
    .trim();
}

/**
 * `wp_magic_quotes`: WordPress slashes `$_GET`/`$_POST`/`$_REQUEST` like PHP's `addslashes`, and
 * a plugin that reads them without `wp_unslash` keeps the backslashes.
 */
export function wpSlash(text: string): string {
  return text.replace(/[\\'"\0]/g, (c) => (c === '\0' ? '\\0' : `\\${c}`));
}
