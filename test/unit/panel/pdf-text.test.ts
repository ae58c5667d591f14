/**
 * The PDF text of "Summarize this page": lines and paragraphs from pdf.js's runs, "[Page N]"
 * markers (every part of a long PDF starts with one), titles, which tab is a PDF, and the real pdf.js (its Node build) reading the PDFs the
 * e2e tests serve: one with text on three pages and a title, one with only shapes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPdfUrl, originPattern } from '../../../src/panel/pdf/access';
import { MESSAGE_LIMIT } from '../../../src/shared/message-limit';
import { partBudget, splitIntoParts } from '../../../src/shared/page-parts';
import { readPdf, PdfReadError } from '../../../src/panel/pdf/read';
import { isPdfType, looksLikePdf } from '../../../src/panel/pdf/request';
import { assemblePages, fileNameOf, pageText, pdfTitle } from '../../../src/panel/pdf/text';
import {
  cjkPdf,
  PAGED_PDF_PAGES,
  PAGED_PDF_TITLE,
  pagedPdf,
  smallPdf,
  textlessPdf,
} from '../../e2e/pages/pdf';

const ROOT = join(import.meta.dirname, '../../..');
const nodePdfJs = () => import('pdfjs-dist/legacy/build/pdf.mjs');
const run = (str: string, y: number, hasEOL = false, height = 12) => ({
  str,
  hasEOL,
  height,
  transform: [height, 0, 0, height, 72, y],
});

describe('pageText', () => {
  it('joins runs on a line and ends lines where pdf.js says', () => {
    const text = pageText([
      run('Hello', 700),
      run(' ', 700),
      run('world', 700, true),
      run('Next', 686),
    ]);
    expect(text).toBe('Hello world\nNext');
  });

  it('leaves no blank line inside a page (blank lines are where parts are cut)', () => {
    const text = pageText([run('One', 700, true), run(' ', 694, true), run('Three', 640)]);
    expect(text).toBe('One\nThree');
  });

  it('a run well below the last one starts a line even without hasEOL', () => {
    expect(pageText([run('Left', 700), run('Below', 680)])).toBe('Left\nBelow');
  });

  it('skips marked-content entries, collapses spaces and trims', () => {
    const text = pageText([
      { type: 'beginMarkedContent' },
      run('  spaced   out  ', 700, true),
      { type: 'endMarkedContent' },
    ]);
    expect(text).toBe('spaced out');
  });

  it('a page without runs is empty', () => {
    expect(pageText([])).toBe('');
    expect(pageText([run('   ', 700, true)])).toBe('');
  });
});

describe('assemblePages', () => {
  const marker = (n: number) => `[Page ${n}]`;

  it('puts a marker before each page with text, keeping the real page numbers', () => {
    const doc = assemblePages(['First.', '', 'Third.\nMore.'], marker);
    expect(doc.text).toBe('[Page 1]\nFirst.\n\n[Page 3]\nThird.\nMore.');
    expect(doc.pages).toBe(3);
    expect(doc.pagesWithText).toBe(2);
  });

  it('a long page goes in blocks of whole lines, each behind its marker', () => {
    const line = 'x'.repeat(59);
    const page = Array.from({ length: 10 }, () => line).join('\n');
    const doc = assemblePages(['short', page], marker, 200);
    expect(doc.text.split('\n\n')).toEqual([
      '[Page 1]\nshort',
      `[Page 2]\n${[line, line, line].join('\n')}`,
      `[Page 2]\n${[line, line, line].join('\n')}`,
      `[Page 2]\n${[line, line, line].join('\n')}`,
      `[Page 2]\n${line}`,
    ]);
    expect(doc.pagesWithText).toBe(2);
  });

  it('every part of a long PDF starts by naming its page', () => {
    // Pages longer than a part: 12 pages of 160 lines of 80 characters, about 17 parts.
    const pages = Array.from({ length: 12 }, (_, p) =>
      Array.from({ length: 160 }, (_, l) => `p${p + 1} l${l + 1} `.padEnd(80, 'w')).join('\n'),
    );
    const doc = assemblePages(pages, marker);
    const parts = splitIntoParts(doc.text, partBudget(MESSAGE_LIMIT));
    expect(parts.length).toBeGreaterThan(10);
    for (const part of parts) expect(part).toMatch(/^\[Page \d+\]\n/);
    // Nothing lost: every line is in some part, once.
    const lines = parts.join('\n').split('\n');
    expect(lines.filter((l) => /^p\d+ l\d+ w+$/.test(l))).toHaveLength(12 * 160);
  });

  it('a scanned PDF has no text and no page with text', () => {
    expect(assemblePages(['', ' ', '\n'], marker)).toEqual({
      text: '',
      pages: 3,
      pagesWithText: 0,
    });
  });
});

describe('titles and addresses', () => {
  it('the PDF’s own title first, else the file name, else the tab title', () => {
    expect(pdfTitle('Annual Report', 'https://x.org/a/b.pdf', 'tab')).toBe('Annual Report');
    expect(pdfTitle('  ', 'https://x.org/a/Report%202026.pdf', 'tab')).toBe('Report 2026.pdf');
    expect(pdfTitle('untitled', 'https://x.org/a/b.pdf')).toBe('b.pdf');
    expect(pdfTitle(undefined, 'https://x.org/', 'The tab')).toBe('The tab');
    expect(fileNameOf('not a url')).toBe('');
  });

  it('knows a PDF by its path, not by its query', () => {
    expect(isPdfUrl('https://example.org/files/Report.PDF')).toBe(true);
    expect(isPdfUrl('https://example.org/r.pdf?download=1#page=2')).toBe(true);
    expect(isPdfUrl('file:///home/me/paper.pdf')).toBe(true);
    expect(isPdfUrl('https://example.org/view?file=r.pdf')).toBe(false);
    expect(isPdfUrl('chrome://settings/a.pdf')).toBe(false);
    expect(isPdfUrl(undefined)).toBe(false);
  });

  it('asks for the PDF’s host on every port, and for nothing on a local file', () => {
    expect(originPattern('http://127.0.0.1:8123/report.pdf')).toBe('http://127.0.0.1/*');
    expect(originPattern('https://docs.example.org/a/b.pdf')).toBe('https://docs.example.org/*');
    expect(originPattern('file:///tmp/a.pdf')).toBeNull();
  });

  it('knows PDF bytes and types', () => {
    expect(looksLikePdf(new Uint8Array(smallPdf()))).toBe(true);
    expect(looksLikePdf(new TextEncoder().encode('<!doctype html><title>404</title>'))).toBe(false);
    expect(isPdfType('application/pdf; charset=binary')).toBe(true);
    expect(isPdfType('text/html')).toBe(false);
  });
});

describe('readPdf with the real pdf.js', () => {
  it('reads every page’s lines, paragraphs and the document title', async () => {
    const read = await readPdf(new Uint8Array(pagedPdf()), nodePdfJs);
    expect(read.title).toBe(PAGED_PDF_TITLE);
    expect(read.pages).toHaveLength(PAGED_PDF_PAGES.length);
    read.pages.forEach((page, i) => {
      expect(page).toBe((PAGED_PDF_PAGES[i] as string[]).filter(Boolean).join('\n'));
    });
    const doc = assemblePages(read.pages, (n) => `[Page ${n}]`);
    expect(doc.text).toContain(
      '\n\n[Page 2]\nSecond page: the lighthouse keeper\ncounted eleven fishing boats.\nGulls',
    );
  });

  it('a PDF of shapes only has pages without text', async () => {
    const read = await readPdf(new Uint8Array(textlessPdf(2)), nodePdfJs);
    expect(read.pages).toEqual(['', '']);
    expect(assemblePages(read.pages, String).pagesWithText).toBe(0);
  });

  it('a CJK PDF that needs a predefined CMap (not shipped) names it; its text is missing, not garbled', async () => {
    const read = await readPdf(new Uint8Array(cjkPdf()), nodePdfJs);
    expect(read.missingCMaps).toEqual(['UniJIS-UCS2-H']);
    expect(read.pages).toEqual(['']);
    // Other PDFs need none.
    expect((await readPdf(new Uint8Array(pagedPdf()), nodePdfJs)).missingCMaps).toEqual([]);
  });

  it('a damaged file is a PdfReadError “broken”', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.4\nthis is not really a PDF at all\n%%EOF\n');
    const error = await readPdf(bytes, nodePdfJs).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PdfReadError);
    expect((error as PdfReadError).reason).toBe('broken');
  });
});

describe('the PDF messages', () => {
  it('English and Russian have the same pdf_ keys, none empty', () => {
    const read = (lang: string) =>
      JSON.parse(readFileSync(join(ROOT, `src/locales/${lang}/pdf.json`), 'utf8')) as Record<
        string,
        { message: string }
      >;
    const en = read('en');
    const ru = read('ru');
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    for (const [key, entry] of [...Object.entries(en), ...Object.entries(ru)]) {
      expect(key.startsWith('pdf_'), key).toBe(true);
      expect(entry.message.trim(), key).not.toBe('');
    }
    expect(en.pdf_no_text?.message).toContain(
      'This PDF has no text to read — it may be scanned images',
    );
  });
});
