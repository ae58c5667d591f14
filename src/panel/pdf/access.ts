/**
 * Which tab is a PDF, and the host access to fetch it. Free of pdf.js, and called before the
 * first await of the click (page-request.ts): the permission prompt needs the click's gesture
 * (Firefox refuses it after an await; Chrome after its short activation window).
 */
import browser from '../../shared/browser';

/** A PDF by its address: the path ends in .pdf (the query and hash do not count). */
export function isPdfUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return /^(https?|file):$/.test(parsed.protocol) && /\.pdf$/i.test(parsed.pathname);
  } catch {
    return false;
  }
}

/** The host permission pattern covering `url` (every port, as match patterns do), http(s) only. */
export function originPattern(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return `${parsed.protocol}//${parsed.hostname}/*`;
  } catch {
    return null;
  }
}

/**
 * Asks for access to the PDF's site. MUST be called synchronously from the click handler; the
 * result may be awaited later. Already granted (the chat site, the test build's 127.0.0.1, a
 * second summary): true at once, no prompt. Refused, or no gesture (a panel opened by the
 * menu): whether access is there anyway. Local files have no site to ask for: true, and the
 * fetch itself says whether the browser lets us read them.
 */
export function askPdfAccess(url: string): Promise<boolean> {
  const pattern = originPattern(url);
  if (!pattern) return Promise.resolve(true);
  const origins = [pattern];
  let asked: Promise<boolean>;
  try {
    asked = browser.permissions.request({ origins });
  } catch {
    asked = Promise.reject(new Error('no permissions API'));
  }
  return asked.catch(() => hasAccess(url));
}

/** Whether we may fetch `url` already (no prompt). */
export function hasAccess(url: string): Promise<boolean> {
  const pattern = originPattern(url);
  if (!pattern) return Promise.resolve(false);
  return browser.permissions.contains({ origins: [pattern] }).catch(() => false);
}
