import type { Finding, Report } from '../../model/index.js';
import type { AnnotateOutcome } from './annotate-docx.js';
import { commentParagraphs } from './comment-text.js';

type Worksheet = import('exceljs').Worksheet;

const squeeze = (text: string) => text.replace(/[\s\u3000]/gu, '');

/** The sheet and cell of a finding: its location, its line's location, or the row whose cells read as its line. */
function cellOf(sheets: readonly Worksheet[], finding: Finding, report: Pick<Report, 'lines' | 'lineLocations'>): { sheet: Worksheet; address: string } | null {
  for (const location of [finding.location, report.lineLocations?.[finding.line - 1]]) {
    if (!location?.sheet) continue;
    const sheet = sheets.find((s) => s.name === location.sheet);
    if (!sheet) continue;
    if (location.cell) return { sheet, address: location.cell };
    if (location.row) return { sheet, address: `A${location.row}` };
  }
  const wanted = squeeze(report.lines[finding.line - 1] ?? '');
  if (wanted === '') return null;
  for (const sheet of sheets) {
    for (let r = 1; r <= sheet.rowCount; r += 1) {
      const row = sheet.getRow(r);
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell) => cells.push(String(cell.text ?? '')));
      if (squeeze(cells.join('')) !== wanted.replace(/\t/gu, '')) continue;
      let first = 1;
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (first === 1 && String(cell.text ?? '').trim() !== '') first = c;
      });
      return { sheet, address: row.getCell(first).address };
    }
  }
  return null;
}

/** A copy of the workbook with a cell note (批注) per finding; notes already on a cell are kept above ours. */
export async function annotateXlsx(bytes: Uint8Array, findings: readonly Finding[], report: Pick<Report, 'lines' | 'lineLocations'>): Promise<AnnotateOutcome> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    return { ok: false, reason: '文件不是有效的 Excel（.xlsx）工作簿：可能已损坏，或设置了打开密码。' };
  }
  const unplaced: Finding[] = [];
  const notes = new Map<string, { sheet: Worksheet; address: string; texts: string[] }>();
  for (const finding of findings) {
    const target = cellOf(workbook.worksheets, finding, report);
    const place = target ?? (workbook.worksheets[0] ? { sheet: workbook.worksheets[0], address: 'A1' } : null);
    if (!target) unplaced.push(finding);
    if (!place) continue;
    const key = `${place.sheet.name}!${place.address}`;
    const entry = notes.get(key) ?? { ...place, texts: [] };
    entry.texts.push(commentParagraphs(finding, report).join('\n'));
    notes.set(key, entry);
  }
  for (const { sheet, address, texts } of notes.values()) {
    const cell = sheet.getCell(address);
    const before = typeof cell.note === 'string' ? cell.note : cell.note?.texts?.map((t) => t.text).join('') ?? '';
    cell.note = [before, `selfeval：\n${texts.join('\n\n')}`].filter(Boolean).join('\n\n');
  }
  return { ok: true, bytes: Buffer.from(await workbook.xlsx.writeBuffer()), comments: findings.length, unplaced };
}
