import type { AgreementDocument } from '@hexie/core';
import {
  AlignmentType,
  Document,
  type IRunOptions,
  Packer,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';

/**
 * 劳动争议调解协议书 as a Word file: the blocks of core's `agreementDocument`, laid out on A4 as Chinese documents
 * are (GB/T 9704 margins, 宋体 body, 黑体 title and headings, two-character first-line indents). The fonts are named,
 * not embedded: Word and WPS on a Chinese system have 宋体 and 黑体, and the names keep their metrics there.
 */

/** East Asian text in 宋体/黑体; Latin letters and digits (ID numbers, amounts) in Times New Roman. */
const SONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia: '宋体' } as const;
const HEI = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia: '黑体' } as const;
/** Half-points: 二号 (22 pt) for the title, 四号 (14 pt) for the rest. */
const TITLE_SIZE = 44;
const BODY_SIZE = 28;
/** 1.5 lines, and two characters of 四号 for a first-line indent. */
const LINE = 360;
const INDENT = { firstLineChars: 200, firstLine: 560 } as const;
/** Millimetres in twips, rounded (docx's own helper floors, which makes A4 a twip short). */
const mm = (x: number) => Math.round((x * 1440) / 25.4);

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Characters XML 1.0 does not allow: a party's text with one would make Word refuse the whole file. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these control characters are what it removes
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

const run = (text: string, o: Omit<IRunOptions, 'text'> = {}) =>
  new TextRun({ text: text.replace(NOT_XML, ''), font: SONG, size: BODY_SIZE, ...o });

/** A body paragraph: justified, its first line indented by two characters. */
const body = (text: string) =>
  new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: INDENT, spacing: { line: LINE }, children: [run(text)] });

/** Text as a party wrote it: one paragraph per line, empty lines left out. */
const lines = (text: string) =>
  text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map(body);

const heading = (text: string) =>
  new Paragraph({
    spacing: { before: 240, after: 120, line: LINE },
    indent: INDENT,
    keepNext: true,
    children: [run(text, { font: HEI })],
  });

/** A cell of the signature table: the line a party signs on, with room to sign under it. */
const signCell = (text: string) =>
  new TableCell({
    width: { size: 50, type: WidthType.PERCENTAGE },
    children: [new Paragraph({ spacing: { before: 480, after: 480, line: LINE }, children: [run(text)] })],
  });

/** The agreement as a .docx file. */
export async function agreementDocx(d: AgreementDocument): Promise<Buffer> {
  const doc = new Document({
    title: d.title,
    creator: '和谐同行',
    lastModifiedBy: '和谐同行',
    // The parties' names and numbers stay out of the file's properties (they travel with every copy unseen).
    subject: d.number,
    styles: {
      default: {
        document: {
          run: { font: SONG, size: BODY_SIZE, language: { value: 'en-US', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { line: LINE } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            // A4, margins of GB/T 9704 (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm).
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
          },
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [run(d.title, { font: HEI, size: TITLE_SIZE })],
          }),
          new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 240 }, children: [run(d.number)] }),
          ...d.parties.map(
            (p) =>
              new Paragraph({
                alignment: AlignmentType.JUSTIFIED,
                spacing: { line: LINE },
                children: [run(p.label, { bold: true }), run(p.text)],
              }),
          ),
          body(d.intro),
          heading(d.factsHeading),
          ...lines(d.facts),
          heading(d.termsHeading),
          ...lines(d.terms),
          body(d.performance),
          body(d.effect),
          body(d.copies),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            borders: TableBorders.NONE,
            rows: [
              new TableRow({
                cantSplit: true,
                children: [signCell(d.signatures.applicant), signCell(d.signatures.respondent)],
              }),
              new TableRow({ cantSplit: true, children: [signCell(d.signatures.mediator), signCell('')] }),
            ],
          }),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: { before: 480, line: LINE },
            keepNext: true,
            children: [run(d.seal)],
          }),
          new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { line: LINE }, children: [run(d.date)] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
