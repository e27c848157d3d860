import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AgreementDocument } from '@hexie/core';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';

/**
 * 劳动争议调解协议书 as a PDF: the blocks of core's `agreementDocument` laid out as the .docx lays them (A4,
 * GB/T 9704 margins, 四号 body with two-character first-line indents, a 二号 title), with the Chinese font in the
 * file: Noto Serif SC (SIL OFL 1.1, the npm package `@expo-google-fonts/noto-serif-sc`), Regular for the text and
 * SemiBold where the .docx has 黑体 or bold. pdfkit embeds only the glyphs used (a TrueType subset, /FontFile2,
 * with a ToUnicode map so the text can be searched and copied), so the file stays a few tens of KB and prints the
 * same on any machine, with or without Chinese fonts.
 */

export const PDF_CONTENT_TYPE = 'application/pdf';

const require = createRequire(import.meta.url);
const FONT_PACKAGE = '@expo-google-fonts/noto-serif-sc';

type Font = fontkit.Font;
let fonts: { song: Font; hei: Font } | null = null;

/**
 * The two faces, parsed once per process (2 × 14 MB; parsing their layout tables costs ~100 ms a face, which a
 * document would otherwise pay on every download). pdfkit subsets a face afresh for each document.
 */
function loadFonts(): { song: Font; hei: Font } {
  if (fonts) return fonts;
  const open = (file: string): Font => {
    const font = fontkit.create(readFileSync(require.resolve(`${FONT_PACKAGE}/${file}`)));
    if (!('layout' in font)) throw new Error(`${file} is a font collection, not a font`);
    return font;
  };
  fonts = {
    song: open('400Regular/NotoSerifSC_400Regular.ttf'),
    hei: open('600SemiBold/NotoSerifSC_600SemiBold.ttf'),
  };
  return fonts;
}

/** Millimetres in points. */
const mm = (x: number) => (x * 72) / 25.4;
/** 二号 (22 pt) for the title, 四号 (14 pt) for the rest. */
const TITLE_SIZE = 22;
const BODY_SIZE = 14;
/** Noto's line is 1.437 em; 7 pt more makes 1.5 lines of 四号, as the .docx has. */
const LINE_GAP = 7;
const INDENT = 2 * BODY_SIZE;
/** GB/T 9704 margins (top 37 mm, bottom 35 mm, left 28 mm); the text is a whole number of characters wide (31 of
 * 四号, 26.7 mm right) so that lines of Chinese end flush without stretching. */
const MARGINS = { top: mm(37), bottom: mm(35), left: mm(28) };
const TEXT_WIDTH = 31 * BODY_SIZE;

/** Control characters (line breaks are split on first): a face has no glyph for them. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these control characters are what it removes
const CONTROL = /[\u0000-\u001f\u007f\ufffe\uffff]/g;
const clean = (text: string) => text.replace(CONTROL, '');

/** Text as a party wrote it: one paragraph per line, empty lines left out (as the .docx). */
const linesOf = (text: string) =>
  text
    .split(/\r\n|\r|\n/)
    .map((l) => clean(l).trim())
    .filter(Boolean);

/** The agreement as a PDF file. */
export async function agreementPdf(d: AgreementDocument): Promise<Buffer> {
  const { song, hei } = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { ...MARGINS, right: mm(210) - MARGINS.left - TEXT_WIDTH },
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    pdfVersion: '1.7',
    // The parties' names and numbers stay out of the file's properties (they travel with every copy unseen).
    info: { Title: d.title, Subject: d.number, Creator: '和谐同行', Author: '和谐同行' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  // pdfkit's types name paths and buffers only; it takes a parsed fontkit face as well (anything with `layout`).
  doc.registerFont('song', song as unknown as Buffer);
  doc.registerFont('hei', hei as unknown as Buffer);
  const left = MARGINS.left;
  const lineHeight = () => doc.currentLineHeight(true) + LINE_GAP;
  const room = () => doc.page.maxY() - doc.y;
  /** Starts a new page unless `height` points fit on this one (keeps a block together). */
  const keep = (height: number) => {
    if (room() < height) doc.addPage();
  };
  const body = (text: string) => {
    doc.font('song', BODY_SIZE).text(text, left, doc.y, { width: TEXT_WIDTH, indent: INDENT, lineGap: LINE_GAP });
  };
  const heading = (text: string) => {
    doc.font('hei', BODY_SIZE);
    doc.y += 8;
    // keepNext: a heading with at least two lines of its text under it.
    keep(3 * lineHeight());
    doc.text(text, left, doc.y, { width: TEXT_WIDTH, indent: INDENT, lineGap: LINE_GAP });
    doc.y += 4;
  };

  doc.font('hei', TITLE_SIZE).text(clean(d.title), left, doc.y, { width: TEXT_WIDTH, align: 'center' });
  doc.y += 12;
  doc.font('song', BODY_SIZE).text(clean(d.number), left, doc.y, { width: TEXT_WIDTH, align: 'right' });
  doc.y += 12;
  for (const p of d.parties) {
    doc
      .font('hei', BODY_SIZE)
      .text(clean(p.label), left, doc.y, { width: TEXT_WIDTH, lineGap: LINE_GAP, continued: true })
      .font('song')
      .text(clean(p.text));
  }
  body(clean(d.intro));
  heading(clean(d.factsHeading));
  for (const l of linesOf(d.facts)) body(l);
  heading(clean(d.termsHeading));
  for (const l of linesOf(d.terms)) body(l);
  body(clean(d.performance));
  body(clean(d.effect));

  // The last paragraph, the signature lines, the seal and the date stay together on one page (a page of
  // signatures alone could be put under any text): two rows of two cells, room to sign under each label, then the
  // organisation's name where it seals and the date, on the right.
  const cell = TEXT_WIDTH / 2;
  const row = 24 + lineHeight() + 24;
  doc.font('song', BODY_SIZE);
  const copies = clean(d.copies);
  keep(
    doc.heightOfString(copies, { width: TEXT_WIDTH, indent: INDENT, lineGap: LINE_GAP }) +
      2 * row +
      24 +
      2 * lineHeight(),
  );
  body(copies);
  const rows = [
    [d.signatures.applicant, d.signatures.respondent],
    [d.signatures.mediator, ''],
  ];
  for (const [a, b] of rows) {
    const y = doc.y + 24;
    doc.text(clean(a ?? ''), left, y, { width: cell - 8, lineGap: LINE_GAP });
    doc.text(clean(b ?? ''), left + cell, y, { width: cell, lineGap: LINE_GAP });
    doc.y = y + lineHeight() + 24;
  }
  doc.y += 24;
  doc.text(clean(d.seal), left, doc.y, { width: TEXT_WIDTH, align: 'right', lineGap: LINE_GAP });
  doc.text(clean(d.date), left, doc.y, { width: TEXT_WIDTH, align: 'right', lineGap: LINE_GAP });

  // 第 1 页 共 2 页 at the foot of each page once the pages are known, so that a page stays with its document.
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the margin must not start a new page
    doc.font('song', 10.5).text(`第 ${i - start + 1} 页 共 ${count} 页`, left, doc.page.height - mm(20), {
      width: TEXT_WIDTH,
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
