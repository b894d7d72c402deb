import { existsSync } from 'node:fs';
import iconv from 'iconv-lite';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import PDFDocument from 'pdfkit';
import ExcelJS from 'exceljs';

/** Builders of the same report in other shapes, made the way real tools make them (not by hand-cleaning). */

export const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc';
export const hasCjkFont = existsSync(CJK_FONT);

export function toGb18030(text: string): Uint8Array {
  return new Uint8Array(iconv.encode(text, 'gb18030'));
}

export function withUtf8Bom(text: string): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace(/\n/g, '\r\n'), 'utf8')]));
}

export function withFullWidthBrackets(text: string): string {
  return text.replace(/\(/g, '（').replace(/\)/g, '）');
}

/** Rejoin lines that a PDF page break cut: a line not ending a sentence, blank lines, then its continuation. */
export function withPageBreaksRejoined(text: string): string {
  const lines = text.split('\n');
  const heading = /^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])/u;
  const out: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const next = lines[i + 2];
    const cut = line.trim() !== '' && !/[。！？；]\s*$/u.test(line) && !heading.test(line) && lines[i + 1]?.trim() === '';
    if (cut && next !== undefined && next.trim() !== '' && !heading.test(next) && out.length > 12) {
      lines[i + 2] = line + next;
      i += 1;
      continue;
    }
    out.push(line);
  }
  return out.join('\n');
}

export async function toDocx(text: string): Promise<Uint8Array> {
  const paragraphs = text.split('\n').map((line) => new Paragraph({ children: [new TextRun(line)] }));
  const document = new Document({ sections: [{ children: paragraphs }] });
  return new Uint8Array(await Packer.toBuffer(document));
}

/** A PDF with a real text layer, wrapped at the page width like a word processor would. */
export async function toPdf(text: string): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', margin: 56 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.font(CJK_FONT, 'WenQuanYiZenHei').fontSize(11);
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    doc.text(line, { paragraphGap: 6 });
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

export interface ScoreRow {
  levels: [string, string, string];
  weight: number | null;
  score: number | string | null;
  reason?: string;
}

/** A 自评评分表 as finance bureaus hand them out: parent levels in vertically merged cells. */
export async function toScoreTableXlsx(rows: ScoreRow[], total?: number): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('2024年度部门整体支出绩效自评表');
  sheet.addRow(['一级指标', '二级指标', '三级指标', '分值', '自评得分', '扣分原因']);
  for (const row of rows) sheet.addRow([...row.levels, row.weight, row.score, row.reason ?? '']);
  if (total !== undefined) sheet.addRow(['合计', '', '', 100, total, '']);
  for (const column of [1, 2]) {
    let start = 2;
    for (let r = 3; r <= rows.length + 2; r += 1) {
      const same = r <= rows.length + 1 && rows[r - 2]!.levels[column - 1] === rows[start - 2]!.levels[column - 1];
      if (!same) {
        if (r - 1 > start) sheet.mergeCells(start, column, r - 1, column);
        start = r;
      }
    }
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
