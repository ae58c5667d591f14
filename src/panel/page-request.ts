/**
 * "Summarize this page" from an extension page (the side panel, the toolbar popup): reads the
 * tab's readable text through `scripting` — allowed where the extension has access to that tab,
 * e.g. the activeTab grant of the toolbar click that opened the popup — and makes the request
 * that ChatApp sends at once. A PDF tab, where no script of ours runs, is fetched and read by
 * pdf.js instead (pdf/request.ts). Otherwise a plain message says why nothing was sent (a
 * refused tab, a video without captions).
 */
import { budgetRequest, extractReadable } from '../background/sidebar';
import { languageOf, translator, type Translator } from '../shared/i18n';
import type { SidebarRequest } from '../shared/messages';
import type { Settings } from '../shared/settings';
import { getSettings } from '../shared/settings-storage';
import { summarizePrompt, videoNotice, videoSource } from '../shared/video-page';
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
  // Synchronously, still inside the click: the prompt needs the user's gesture.
  const access = url && isPdfUrl(url) ? (options.pdfAccess ?? askPdfAccess(url)) : null;
  const settings = await getSettings();
  const i18n = translator(languageOf(settings.language));
  if (url && access) {
    options.onStatus?.(i18n.t('pdf_reading'));
    const pdf = await pdfSummaryRequest({ title: tab.title, url }, access, i18n.t);
    if (pdf.ok || !('notPdf' in pdf)) return pdf;
    // An HTML page at a .pdf address (an error page, a viewer of the site's own): read it.
    return (await pageRequest(tab, settings, i18n)) ?? { ok: false, message: pdf.message };
  }
  const page = await pageRequest(tab, settings, i18n);
  if (page) return page;
  // A PDF at an address without .pdf (a download link): known by its Content-Type where we
  // already have the site's access; without it no prompt can come now (the click is spent).
  if (url && /^https?:/.test(url) && (await hasAccess(url)) && (await servesPdf(url))) {
    options.onStatus?.(i18n.t('pdf_reading'));
    return pdfSummaryRequest({ title: tab.title, url }, Promise.resolve(true), i18n.t);
  }
  return { ok: false, message: i18n.t('panel_summarize_refused') };
}

/**
 * The tab's readable text as the request; a video without captions to read is a message;
 * null when the browser refuses the tab or it is empty.
 */
async function pageRequest(
  tab: PageTab,
  settings: Settings,
  { language }: Translator,
): Promise<SummarizeOutcome | null> {
  const page = await extractReadable(tab.id, [language]).catch(() => null);
  const notice = videoNotice(language, page?.video);
  if (notice) return { ok: false, message: notice };
  if (!page || !page.text.trim()) return null;
  const request = budgetRequest(
    {
      context: {
        title: page.title || tab.title || '',
        url: tab.url ?? '',
        text: page.text,
        kind: 'page',
        ...videoSource(page.video),
      },
      prompt: summarizePrompt(language, page.video),
      autoSend: true,
      summarize: true,
    },
    settings.contextBudget,
  );
  return { ok: true, request };
}
