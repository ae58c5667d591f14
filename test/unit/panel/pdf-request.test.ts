/**
 * What "Summarize this page" on a PDF tab says when it cannot read the PDF, and that the access
 * prompt is asked for before the first await (inside the click). The browser is the unit fake
 * with a permissions API added here; `fetch` is stubbed per test. The PDFs that are read go
 * through real pdf.js in pdf-text.test.ts and in real Chromium in e2e/pdf-summary.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { askPdfAccess } from '../../../src/panel/pdf/access';
import { pdfSummaryRequest } from '../../../src/panel/pdf/request';
import { fakeBrowser } from '../browser-module';
import { translator } from '../../../src/shared/i18n';

const en = translator('en');

interface FakePermissions {
  request: Mock<(permissions: { origins: string[] }) => Promise<boolean>>;
  contains: Mock<(permissions: { origins: string[] }) => Promise<boolean>>;
}
const target = fakeBrowser as unknown as { permissions?: FakePermissions };

beforeEach(() => {
  target.permissions = {
    request: vi.fn((_: { origins: string[] }) => Promise.resolve(true)),
    contains: vi.fn((_: { origins: string[] }) => Promise.resolve(false)),
  };
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const URL_PDF = 'https://docs.example.org/files/plan.pdf';

describe('askPdfAccess', () => {
  it('asks for the PDF’s host at once, synchronously', () => {
    void askPdfAccess(URL_PDF);
    // No await happened: the call is inside the click's gesture.
    expect(target.permissions?.request).toHaveBeenCalledWith({
      origins: ['https://docs.example.org/*'],
    });
  });

  it('a request the browser refuses (no gesture) falls back to access already given', async () => {
    const permissions = target.permissions as FakePermissions;
    permissions.request.mockImplementation(() => Promise.reject(new Error('needs a gesture')));
    permissions.contains.mockImplementation(() => Promise.resolve(true));
    expect(await askPdfAccess(URL_PDF)).toBe(true);
  });

  it('a local file asks for nothing', async () => {
    expect(await askPdfAccess('file:///home/me/a.pdf')).toBe(true);
    expect(target.permissions?.request).not.toHaveBeenCalled();
  });
});

describe('pdfSummaryRequest’s messages', () => {
  it('access refused: says which site to allow, and fetches nothing', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const outcome = await pdfSummaryRequest({ url: URL_PDF }, Promise.resolve(false), en.t);
    expect(outcome).toEqual({
      ok: false,
      message:
        'ChatGptt needs your permission to read this PDF from docs.example.org. Press “Summarize this page” again and choose Allow.',
    });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('the download fails: the status, or no connection', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response('gone', { status: 404 }))),
    );
    expect(await pdfSummaryRequest({ url: URL_PDF }, Promise.resolve(true), en.t)).toEqual({
      ok: false,
      message:
        'The PDF could not be downloaded from docs.example.org (HTTP 404). Reload the tab and try again.',
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const offline = await pdfSummaryRequest({ url: URL_PDF }, Promise.resolve(true), en.t);
    expect(offline.ok === false && offline.message).toContain('(no connection)');
  });

  it('a local file the browser will not give: how to allow it', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const outcome = await pdfSummaryRequest({ url: 'file:///a.pdf' }, Promise.resolve(true), en.t);
    expect(outcome.ok === false && outcome.message).toContain('Allow access to file URLs');
  });

  it('HTML at a .pdf address is “not a PDF” (read as a page instead); typed as PDF it is broken', async () => {
    const html = (type: string) =>
      vi.fn(() =>
        Promise.resolve(new Response('<h1>Hello</h1>', { headers: { 'content-type': type } })),
      );
    vi.stubGlobal('fetch', html('text/html'));
    const page = await pdfSummaryRequest({ url: URL_PDF }, Promise.resolve(true), en.t);
    expect(page).toMatchObject({ ok: false, notPdf: true });
    vi.stubGlobal('fetch', html('application/pdf'));
    const broken = await pdfSummaryRequest({ url: URL_PDF }, Promise.resolve(true), en.t);
    expect(broken).toEqual({
      ok: false,
      message:
        'This file could not be read as a PDF: it is damaged or not a PDF. Nothing was sent.',
    });
  });
});
