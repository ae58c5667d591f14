/**
 * Chat-site addresses, the one home of the rules for them: how an address the user typed is
 * stored, when two addresses are the same site, and a site's host-permission pattern. The
 * provider owns it because it also runs in Node without the extension; src/shared/site-url.ts
 * re-exports it for the extension.
 */
import { ChatError } from './errors';

export const DEFAULT_SITE = 'https://chatgptt.me';

/**
 * Whether the user wrote a scheme ("http:", "javascript:"…). "localhost:8080" is a host and a
 * port, not the scheme "localhost:": a colon followed by a digit is a port.
 */
export function hasScheme(input: string): boolean {
  return /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(input.trim());
}

/**
 * The URL as stored: parsed, http(s) only, without a fragment; a bare host ("example.org/chat")
 * becomes https. Null when it is not a web page address.
 */
export function normalizeSiteUrl(input: string): string | null {
  const text = input.trim();
  if (!text) return null;
  let url: URL;
  try {
    url = new URL(hasScheme(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  url.hash = '';
  return url.href;
}

/** The site as a page URL (as `normalizeSiteUrl`); anything else is a `not-a-chat-site` error. */
export function normalizeSite(site: string): string {
  const url = normalizeSiteUrl(site);
  if (url === null) throw new ChatError('not-a-chat-site', `Not a web address: ${site}`);
  return url;
}

/** Compares site URLs loosely: a trailing slash or letter case does not make another site. */
export function sameSite(a: string, b: string): boolean {
  const norm = (url: string): string => {
    try {
      const parsed = new URL(url);
      return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}${parsed.search}`;
    } catch {
      return url.replace(/\/+$/, '');
    }
  };
  return norm(a) === norm(b);
}

/**
 * The host-permission match pattern of a site page, e.g. `https://example.com/*` (ports are not
 * part of patterns), as `permissions.contains` and `request` take it; undefined when it is no
 * http(s) address.
 */
export function originPattern(site: string): string | undefined {
  try {
    const url = new URL(site);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return `${url.protocol}//${url.hostname}/*`;
  } catch {
    return undefined;
  }
}
