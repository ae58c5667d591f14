/**
 * Real, small PDFs written byte by byte with a correct cross-reference table, so Chromium's and
 * Firefox's viewers and pdf.js open them: one page with one line of text in Helvetica
 * (`smallPdf`), several pages of several lines and a title of its own (`pagedPdf`), and pages
 * with only drawn shapes and no text at all, as a scan looks to a reader (`textlessPdf`).
 */
export const PDF_TEXT = 'Quarterly report: revenue grew by seven percent.';

/** The pages of `pagedPdf`: lines per page; '' is a gap of a line. */
export const PAGED_PDF_PAGES: string[][] = [
  ['Harbour survey 2026', '', 'The tide gauge at the north pier', 'read four metres at noon.'],
  [
    'Second page: the lighthouse keeper',
    'counted eleven fishing boats.',
    '',
    'Gulls nested on the breakwater.',
  ],
  ['Third page: repairs to the slipway', 'finish before the autumn storms.'],
];
export const PAGED_PDF_TITLE = 'Harbour Survey (test fixture)';

const escape = (text: string): string => text.replace(/[()\\]/g, (c) => `\\${c}`);

/** A content stream writing `lines` from the top, 22 units apart; '' leaves a paragraph gap. */
function linesStream(lines: readonly string[]): string {
  const ops = ['BT', '/F1 18 Tf', '72 720 Td'];
  let first = true;
  for (const line of lines) {
    // Each line, and an empty one too, moves down a line: '' makes a gap two lines tall.
    if (!first) ops.push('0 -22 Td');
    first = false;
    if (line !== '') ops.push(`(${escape(line)}) Tj`);
  }
  ops.push('ET');
  return ops.join('\n');
}

/** A page that draws a grey rectangle and a line: something to see, nothing to read. */
const SHAPES = '0.6 g 72 400 300 200 re f 0 G 2 w 72 380 m 372 380 l S';

const HELVETICA = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';

function buildPdf(streams: readonly string[], title?: string, font = HELVETICA): Buffer {
  // 1 catalog, 2 pages, 3 font, 4 info, then a page and its content per stream.
  const kids = streams.map((_, i) => `${5 + i * 2} 0 R`).join(' ');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${streams.length} >>`,
    font,
    title
      ? `<< /Title (${escape(title)}) /Producer (chatgptt tests) >>`
      : '<< /Producer (chatgptt tests) >>',
  ];
  streams.forEach((stream, i) => {
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${6 + i * 2} 0 R /Resources << /Font << /F1 3 0 R >> >> >>`,
      `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    );
  });
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export function smallPdf(text: string = PDF_TEXT): Buffer {
  return buildPdf([`BT /F1 24 Tf 72 700 Td (${escape(text)}) Tj ET`]);
}

export function pagedPdf(
  pages: readonly string[][] = PAGED_PDF_PAGES,
  title = PAGED_PDF_TITLE,
): Buffer {
  return buildPdf(pages.map(linesStream), title);
}

export function textlessPdf(pages = 2): Buffer {
  return buildPdf(Array.from({ length: pages }, () => SHAPES));
}

/** Japanese text as older PDFs carry it: "日本語の文書です。" */
export const CJK_TEXT = '日本語の文書です。';

/**
 * A Japanese PDF whose font is not embedded and whose text is encoded through one of Adobe's
 * predefined CMaps (UniJIS-UCS2-H), as many older CJK PDFs are: reading it needs that CMap
 * file, which pdf.js loads from `cMapUrl`.
 */
export function cjkPdf(text: string = CJK_TEXT): Buffer {
  const hex = [...text]
    .map((c) => (c.codePointAt(0) ?? 0).toString(16).padStart(4, '0').toUpperCase())
    .join('');
  const font =
    '<< /Type /Font /Subtype /Type0 /BaseFont /KozMinPro-Regular-Acro /Encoding /UniJIS-UCS2-H ' +
    '/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /KozMinPro-Regular-Acro ' +
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 2 >> ' +
    '/FontDescriptor << /Type /FontDescriptor /FontName /KozMinPro-Regular-Acro /Flags 6 ' +
    '/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >> >>] >>';
  return buildPdf([`BT /F1 24 Tf 72 700 Td <${hex}> Tj ET`], undefined, font);
}
