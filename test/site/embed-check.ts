// AI Power 2.4.71's "is this an embed?" test (fn-ajax-cache-sse-message.php and
// fn-ajax-get-frontend-chat-nonce.php), reproduced step by step: a request for a bot (bot_id > 0)
// whose Origin header names another host or scheme than the site's is an embed, which the free
// plan refuses. No Origin, or an empty one, passes; the port is never compared.

/** wp_allowed_protocols(): what esc_url_raw keeps. */
const ALLOWED = new Set(
  'http https ftp ftps mailto news irc irc6 ircs gopher nntp feed telnet mms rtsp sms svn tel fax xmpp webcal urn'.split(
    ' ',
  ),
);

/** esc_url_raw(): characters filtered, `http://` put in front of a bare word, a foreign scheme → ''. */
export function escUrlRaw(value: string): string {
  let url = value
    .trimStart()
    .replace(/ /g, '%20')
    .replace(/[^a-z0-9\-~+_.?#=!&;,/:%@$|*'()[\]\x80-\xff]/gi, '');
  if (url === '') return '';
  url = url.replace(';//', '://');
  if (!url.includes(':') && !'/#?'.includes(url[0] ?? '') && !/^[a-z0-9-]+?\.php/i.test(url))
    url = `http://${url}`;
  if (url.startsWith('/')) return url;
  const scheme = /^([^:]*):/.exec(url)?.[1] ?? '';
  // wp_kses_bad_protocol() writes an allowed scheme in lower case and drops any other.
  return ALLOWED.has(scheme.toLowerCase()) ? scheme.toLowerCase() + url.slice(scheme.length) : '';
}

/** The scheme and host PHP's parse_url() finds (undefined where it finds none; false: it fails). */
function parseUrl(url: string): { scheme?: string; host?: string } | false {
  const match = /^([a-z][a-z0-9+.-]*):(?:\/\/(\[[^\]]*\]|[^/:?#]*))?/i.exec(url);
  if (!match) return {};
  if (match[2] === '') return false; // `http://` and the like
  return { scheme: match[1], ...(match[2] === undefined ? {} : { host: match[2] }) };
}

/** absint(): intval() then abs(). */
export function absint(value: string | undefined): number {
  return Math.abs(Number.parseInt(value ?? '', 10) || 0);
}

/** Whether the plugin takes the request as a cross-origin embed of the site at `siteUrl`. */
export function isEmbedRequest(origin: string | undefined, siteUrl: string): boolean {
  if (origin === undefined || origin === '') return false;
  const from = parseUrl(escUrlRaw(origin));
  const site = parseUrl(siteUrl);
  if (from === false || site === false) return false;
  // PHP's `!==` between a missing key (null) and the site's host is true: a refusal.
  return from.host !== site.host || (from.scheme ?? 'http') !== (site.scheme ?? 'http');
}
