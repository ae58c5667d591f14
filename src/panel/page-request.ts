/**
 * "Summarize this page" from an extension page (the side panel, the toolbar popup): reads the
 * tab's readable text through `scripting` — allowed where the extension has access to that tab,
 * e.g. the activeTab grant of the toolbar click that opened the popup — and makes the request
 * that ChatApp sends at once. A PDF tab, where no script of ours runs, is fetched and read by
 * pdf.js instead (pdf/request.ts). Otherwise a plain message says why nothing was sent.
 */
import { budgetRequest, extractReadable } from '../background/sidebar';
import { t } from '../shared/i18n';
import type { SidebarRequest } from '../shared/messages';
import { getSettings } from '../shared/settings-storage';
import { askPdfAccess, hasAccess, isPdfUrl } from './pdf/access';
import { pdfSummaryRequest, servesPdf } from './pdf/request';

export interface PageTab {
  id: number;
  title?: string | undefined;
  url?: string | undefined;
}

export type SummarizeOutcome =
  { ok: true; request: SidebarRequest } | { ok: false; message: string };

export interface SummarizeOptions {
  /**
   * askPdfAccess(url), called by the caller inside the click when it awaited something first
   * (the popup); else summarizeRequest asks before its own first await.
   */
  pdfAccess?: Promise<boolean> | undefined;
  /** A status to show while a PDF is read (it can take a few seconds). */
  onStatus?: ((message: string) => void) | undefined;
}

export async function summarizeRequest(
  tab: PageTab,
  options: SummarizeOptions = {},
): Promise<SummarizeOutcome> {
  const url = tab.url;
  if (url && isPdfUrl(url)) {
    // Synchronously, still inside the click: the prompt needs the user's gesture.
    const access = options.pdfAccess ?? askPdfAccess(url);
    options.onStatus?.(t('pdf_reading'));
    const pdf = await pdfSummaryRequest({ title: tab.title, url }, access);
    if (pdf.ok || !('notPdf' in pdf)) return pdf;
    // An HTML page at a .pdf address (an error page, a viewer of the site's own): read it.
    return (await pageRequest(tab)) ?? { ok: false, message: pdf.message };
  }
  const page = await pageRequest(tab);
  if (page) return page;
  // A PDF at an address without .pdf (a download link): known by its Content-Type where we
  // already have the site's access; without it no prompt can come now (the click is spent).
  if (url && /^https?:/.test(url) && (await hasAccess(url)) && (await servesPdf(url))) {
    options.onStatus?.(t('pdf_reading'));
    return pdfSummaryRequest({ title: tab.title, url }, Promise.resolve(true));
  }
  return { ok: false, message: t('panel_summarize_refused') };
}

/** The tab's readable text as the request, or null when the browser refuses it or it is empty. */
async function pageRequest(tab: PageTab): Promise<SummarizeOutcome | null> {
  const page = await extractReadable(tab.id).catch(() => null);
  if (!page || !page.text.trim()) return null;
  const settings = await getSettings();
  const request = budgetRequest(
    {
      context: {
        title: page.title || tab.title || '',
        url: tab.url ?? '',
        text: page.text,
        kind: 'page',
      },
      prompt: t('sidebar_summarize_prompt'),
      autoSend: true,
      summarize: true,
    },
    settings.contextBudget,
  );
  return { ok: true, request };
}
