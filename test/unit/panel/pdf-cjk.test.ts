/**
 * A CJK PDF whose text needs one of Adobe's predefined CMaps, which we do not ship (1.7 MB, more
 * than the rest of the extension zipped): the user is told why, instead of "no text — it may be
 * scanned" (what pdf.js's empty text alone would say). pdf.js itself runs on such a PDF in
 * pdf-text.test.ts; here its answer is given, to check the message.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pdfSummaryRequest } from '../../../src/panel/pdf/request';
import { translator } from '../../../src/shared/i18n';

vi.mock('../../../src/panel/pdf/read', () => ({
  PdfReadError: class extends Error {},
  readPdf: () =>
    Promise.resolve({ title: undefined, pages: [''], missingCMaps: ['UniJIS-UCS2-H'] }),
}));

afterEach(() => vi.unstubAllGlobals());

describe('a PDF that needs a character map we do not ship', () => {
  it.each(['en', 'ru'] as const)('says so plainly in %s and sends nothing', async (language) => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          new Response('%PDF-1.4\n', { headers: { 'content-type': 'application/pdf' } }),
        ),
      ),
    );
    const outcome = await pdfSummaryRequest(
      { url: 'https://docs.example.jp/a.pdf' },
      Promise.resolve(true),
      translator(language).t,
    );
    expect(outcome.ok).toBe(false);
    const message = 'message' in outcome ? outcome.message : '';
    expect(message).toContain('UniJIS-UCS2-H');
    expect(message).toContain(language === 'en' ? 'Nothing was sent' : 'Ничего не отправлено');
    expect(message).not.toContain(language === 'en' ? 'scanned' : 'отсканированные');
  });
});
