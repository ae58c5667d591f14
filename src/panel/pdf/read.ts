/**
 * A PDF's text through pdf.js (pdfjs-dist), loaded on first use only: this module is reached by
 * a dynamic import from page-request.ts, in the extension page that summarizes (side panel,
 * popup), never in a content script or the popup's first paint. pdf.js parses in its own worker,
 * shipped as an extension file (vite.config.ts `pdfWorkerFile`), so CSP's script-src 'self'
 * allows it. The legacy build: the modern one calls URL.parse, which Chrome gained in 126 while
 * we support 123.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';
import browser from '../../shared/browser';
import { pageText, type PdfPageRuns } from './text';

/** Where the build puts pdf.js's worker (vite.config.ts). */
export const PDF_WORKER_PATH = 'pdf/pdf.worker.min.mjs';

type PdfJs = typeof import('pdfjs-dist');

export interface PdfPages {
  /** The document's own title (info dictionary or XMP), if any. */
  title: string | undefined;
  /** Each page's plain text, in page order ('' for a page without text). */
  pages: string[];
  /**
   * Adobe's predefined CMaps the text needed and we do not ship (older CJK PDFs with fonts not
   * embedded): without them pdf.js reads no text from those fonts, not even garbage.
   */
  missingCMaps: string[];
}

/** Why a file could not be read: not a PDF / damaged, or locked by a password. */
export class PdfReadError extends Error {
  constructor(
    readonly reason: 'broken' | 'locked',
    cause?: unknown,
  ) {
    super(reason, { cause });
  }
}

let loaded: Promise<PdfJs> | undefined;

/** The extension's pdf.js, its worker pointed at our own file. */
export function extensionPdfJs(): Promise<PdfJs> {
  loaded ??= import('pdfjs-dist/legacy/build/pdf.mjs').then((pdfjs: PdfJs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = browser.runtime.getURL(PDF_WORKER_PATH);
    return pdfjs;
  });
  return loaded;
}

/** Reads every page's text of the PDF in `data`; `load` is swapped by the Node tests. */
export async function readPdf(
  data: Uint8Array,
  load: () => Promise<PdfJs> = extensionPdfJs,
): Promise<PdfPages> {
  const pdfjs = await load();
  // pdf.js asks this for a predefined CMap (the 1.7 MB of pdfjs-dist/cmaps, more than the rest
  // of the extension zipped, is not shipped): each name is noted, so a PDF that needed one says
  // so instead of "no text" (request.ts).
  const missingCMaps: string[] = [];
  class UnshippedCMaps {
    fetch({ name }: { name: string }): Promise<never> {
      if (!missingCMaps.includes(name)) missingCMaps.push(name);
      return Promise.reject(new Error(`CMap ${name} is not shipped`));
    }
  }
  const task = pdfjs.getDocument({
    data,
    CMapReaderFactory: UnshippedCMaps,
    // The CMap requests come to the factory above, not to a fetch in the worker.
    useWorkerFetch: false,
    // Text only: no fonts are turned into code or font faces, so no eval and no CSP report.
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  let document: PDFDocumentProxy;
  try {
    document = await task.promise;
  } catch (error) {
    const name = (error as { name?: unknown } | null)?.name;
    throw new PdfReadError(name === 'PasswordException' ? 'locked' : 'broken', error);
  }
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      pages.push(pageText(content.items as PdfPageRuns));
      page.cleanup();
    }
    return { title: await documentTitle(document), pages, missingCMaps };
  } catch (error) {
    throw new PdfReadError('broken', error);
  } finally {
    void task.destroy();
  }
}

async function documentTitle(document: PDFDocumentProxy): Promise<string | undefined> {
  const meta = await document.getMetadata().catch(() => null);
  const info = meta?.info as { Title?: unknown } | undefined;
  const xmp = meta?.metadata?.get('dc:title');
  const title = typeof info?.Title === 'string' && info.Title.trim() ? info.Title : xmp;
  return typeof title === 'string' ? title : undefined;
}
