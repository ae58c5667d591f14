/**
 * "Summarize this page" on a PDF tab. Neither Chrome's nor Firefox's viewer lets an extension
 * script run in it, so the extension page fetches the file itself (with the host access asked
 * for in the click, access.ts), pdf.js reads its text (read.ts, loaded now), and the request
 * is the same one a web page makes: the whole text with "[Page N]" lines, summarized in parts
 * when long by the unchanged page-summary flow. Every failure is a plain message, and then
 * nothing is sent.
 */
import type { Translator } from '../../shared/i18n';
import type { SidebarRequest } from '../../shared/messages';
import { siteName } from '../../shared/site-url';
import './messages';
import { assemblePages, pdfTitle } from './text';

export interface PdfTab {
  title?: string | undefined;
  url: string;
}

export type PdfOutcome =
  | { ok: true; request: SidebarRequest }
  | { ok: false; message: string }
  /** The address answered with something else than a PDF (an HTML page at a .pdf address). */
  | { ok: false; notPdf: true; message: string };

/** What was fetched: the bytes and whether they are a PDF by their first bytes or their type. */
interface Fetched {
  bytes: Uint8Array;
  contentType: string;
}

/** `%PDF-` within the first KB, where readers look for it (junk before it is allowed). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

export function isPdfType(contentType: string | null | undefined): boolean {
  return /\bapplication\/(x-)?pdf\b/i.test(contentType ?? '');
}

async function fetchFile(
  url: string,
  t: Translator['t'],
): Promise<Fetched | { failed: string; local: boolean }> {
  const local = url.startsWith('file:');
  let response: Response;
  try {
    // The site's cookies go along, as when the viewer loaded it (a PDF behind a login).
    response = await fetch(url, { credentials: 'include' });
  } catch {
    return { failed: t('pdf_no_connection'), local };
  }
  if (!response.ok && !(local && response.status === 0))
    return { failed: `HTTP ${response.status}`, local };
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { bytes, contentType: response.headers.get('content-type') ?? '' };
}

/**
 * Whether `url`, which does not end in .pdf, serves a PDF: asked with HEAD (its Content-Type),
 * only where we already have access (no prompt outside a click).
 */
export async function servesPdf(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { method: 'HEAD', credentials: 'include' });
    return response.ok && isPdfType(response.headers.get('content-type'));
  } catch {
    return false;
  }
}

/** The summary request for the PDF at `tab.url`; `access` is askPdfAccess's answer. */
export async function pdfSummaryRequest(
  tab: PdfTab,
  access: Promise<boolean>,
  t: Translator['t'],
): Promise<PdfOutcome> {
  const host = siteName(tab.url);
  if (!(await access)) return { ok: false, message: t('pdf_refused', host) };
  const fetched = await fetchFile(tab.url, t);
  if ('failed' in fetched) {
    return {
      ok: false,
      message: fetched.local ? t('pdf_local_file') : t('pdf_fetch_failed', host, fetched.failed),
    };
  }
  if (!looksLikePdf(fetched.bytes)) {
    const message = t('pdf_broken');
    return isPdfType(fetched.contentType)
      ? { ok: false, message }
      : { ok: false, notPdf: true, message };
  }
  const { readPdf, PdfReadError } = await import('./read');
  let read;
  try {
    read = await readPdf(fetched.bytes);
  } catch (error) {
    const locked = error instanceof PdfReadError && error.reason === 'locked';
    return { ok: false, message: t(locked ? 'pdf_locked' : 'pdf_broken') };
  }
  // Text in such a font is missing (not garbled): say why rather than summarize what is left.
  const cmap = read.missingCMaps[0];
  if (cmap) return { ok: false, message: t('pdf_cjk_unsupported', cmap) };
  const text = assemblePages(read.pages, (page) => t('pdf_page_marker', page));
  if (text.pagesWithText === 0) return { ok: false, message: t('pdf_no_text') };
  return {
    ok: true,
    request: {
      context: {
        title: pdfTitle(read.title, tab.url, tab.title ?? ''),
        url: tab.url,
        text: text.text,
        kind: 'page',
        source: 'pdf',
      },
      prompt: t('pdf_summarize_prompt'),
      autoSend: true,
      // Whole: a long PDF is summarized in parts, never cut (shared/page-parts.ts).
      summarize: true,
    },
  };
}
