/** Which link targets from model output may become clickable: web and mail links only. */
const ALLOWED = new Set(['http:', 'https:', 'mailto:']);

/** The URL if it is an absolute http(s)/mailto URL, else null (javascript:, data:, relative …). */
export function safeHref(href: string): string | null {
  const trimmed = href.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  return ALLOWED.has(url.protocol) ? url.href : null;
}
