import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { CJK_FONT } from './report-variants.js';
import { AlignmentType, Document as WordDocument, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Block, Document, DocumentLocation, TableCell as ModelCell } from '../../src/model/index.js';

/**
 * Builders of report shapes from data: a Document model directly (as the readers would give it), and real .xlsx/.docx
 * files made with exceljs and the docx package. A table is rows × cell texts; "^" in a cell means "merged with the cell
 * above", "<" "merged with the cell to the left" (resolved the way the readers resolve merges: the master's text,
 * `merged: true`).
 */

export type FixtureTable = string[][];
export type FixtureItem = string | { heading: string; level: number } | { table: FixtureTable; name?: string };

function resolve(table: FixtureTable): { text: string; merged: boolean }[][] {
  const out: { text: string; merged: boolean }[][] = [];
  table.forEach((row, r) => {
    out.push(row.map((text, c) => {
      if (text === '^') return { text: out[r - 1]?.[c]?.text ?? '', merged: true };
      if (text === '<') return { text: '', merged: true };
      return { text, merged: false };
    }));
    const cells = out[r]!;
    cells.forEach((cell, c) => { if (row[c] === '<') cell.text = cells[c - 1]?.text ?? ''; });
  });
  const width = Math.max(...out.map((r) => r.length));
  return out.map((r) => [...r, ...Array.from({ length: width - r.length }, () => ({ text: '', merged: false }))]);
}

/** A docx-like Document: one line per paragraph/heading and one per table row (cells joined by a tab). */
export function documentOf(items: readonly FixtureItem[], format: Document['format'] = 'docx', name = `fixture.${format}`): Document {
  const blocks: Block[] = [];
  const lines: string[] = [];
  const lineLocations: DocumentLocation[] = [];
  let paragraph = 0;
  let tables = 0;
  for (const item of items) {
    const line = lines.length + 1;
    if (typeof item === 'string' || 'heading' in item) {
      paragraph += 1;
      const text = typeof item === 'string' ? item : item.heading;
      const location: DocumentLocation = format === 'xlsx' ? { sheet: 'Sheet1' } : { paragraph };
      blocks.push(typeof item === 'string'
        ? { kind: 'paragraph', text, location, line }
        : { kind: 'heading', text, level: item.level, location, line });
      lines.push(text);
      lineLocations.push(location);
      continue;
    }
    tables += 1;
    const table = tables;
    const sheet = item.name ?? `Sheet${table}`;
    const where = (r: number, c: number): DocumentLocation =>
      format === 'xlsx' ? { sheet, cell: `${String.fromCharCode(65 + c)}${r + 1}`, row: r + 1, column: c + 1 } : { table, row: r + 1, column: c + 1 };
    const rows: ModelCell[][] = resolve(item.table).map((cells, r) =>
      cells.map((cell, c) => ({ text: cell.text, location: where(r, c), ...(cell.merged ? { merged: true } : {}) })));
    blocks.push({ kind: 'table', rows, name: format === 'xlsx' ? sheet : null, location: format === 'xlsx' ? { sheet } : { table }, line });
    rows.forEach((cells, r) => {
      lines.push(cells.map((cell) => cell.text).join('\t'));
      lineLocations.push(format === 'xlsx' ? { sheet, row: r + 1 } : { table, row: r + 1 });
    });
  }
  return { name, format, encoding: 'binary', blocks, lines, lineLocations };
}

/** An .xlsx workbook: one sheet per table, merges as in the fixture ("^" / "<"). */
export async function toXlsx(tables: readonly { name: string; table: FixtureTable }[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const { name, table } of tables) {
    const sheet = workbook.addWorksheet(name);
    table.forEach((row) => sheet.addRow(row.map((t) => (t === '^' || t === '<' ? null : /^-?\d+(?:\.\d+)?$/u.test(t) ? Number(t) : t))));
    mergeRanges(table).forEach(({ top, left, bottom, right }) => sheet.mergeCells(top + 1, left + 1, bottom + 1, right + 1));
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

interface Range { top: number; left: number; bottom: number; right: number }

/** Merge ranges of a fixture table: a master cell extended by "^" below and "<" to the right. */
function mergeRanges(table: FixtureTable): Range[] {
  const ranges: Range[] = [];
  table.forEach((row, r) => row.forEach((text, c) => {
    if (text === '^' || text === '<') return;
    let right = c;
    while (row[right + 1] === '<') right += 1;
    let bottom = r;
    while (table[bottom + 1]?.[c] === '^') bottom += 1;
    if (right > c || bottom > r) ranges.push({ top: r, left: c, bottom, right });
  }));
  return ranges;
}

/** A .docx with paragraphs, styled headings and real tables (vertical merges as rowSpan, horizontal as columnSpan). */
export async function toDocx(items: readonly FixtureItem[]): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [];
  const levels = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4];
  for (const item of items) {
    if (typeof item === 'string') children.push(new Paragraph({ children: [new TextRun(item)] }));
    else if ('heading' in item) children.push(new Paragraph({ heading: levels[item.level - 1], children: [new TextRun(item.heading)] }));
    else {
      const ranges = mergeRanges(item.table);
      const rows = item.table.map((row, r) => new TableRow({
        children: row.flatMap((text, c) => {
          if (text === '^' || text === '<') return [];
          const range = ranges.find((g) => g.top === r && g.left === c);
          return [new TableCell({
            children: [new Paragraph({ alignment: AlignmentType.LEFT, children: [new TextRun(text)] })],
            ...(range && range.bottom > r ? { rowSpan: range.bottom - r + 1 } : {}),
            ...(range && range.right > c ? { columnSpan: range.right - c + 1 } : {}),
          })];
        }),
      }));
      children.push(new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }));
      children.push(new Paragraph({ children: [] }));
    }
  }
  const document = new WordDocument({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(document));
}

/**
 * A PDF the way a word processor prints a report with tables: landscape A4, paragraphs as lines, each table drawn as
 * a grid with every cell's text on one line at its column's x; a merged cell's text only in its master (top-left) cell.
 */
export async function toTablePdf(items: readonly FixtureItem[]): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 30 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.font(CJK_FONT, 'WenQuanYiZenHei');
  const size = 8;
  const rowHeight = 16;
  let y = 30;
  const room = (height: number) => {
    if (y + height > 565) { doc.addPage(); y = 30; }
  };
  for (const item of items) {
    if (typeof item === 'string' || 'heading' in item) {
      room(18);
      doc.fontSize(typeof item === 'string' ? 10 : 12).text(typeof item === 'string' ? item : item.heading, 30, y, { lineBreak: false });
      y += 18;
      continue;
    }
    const width = Math.max(...item.table.map((r) => r.length));
    const chars = Array.from({ length: width }, (_, c) => Math.max(2, ...item.table.map((r) =>
      (r[c] === undefined || r[c] === '^' || r[c] === '<' || r[c + 1] === '<' ? 0 : [...r[c]!].length))));
    const xs = chars.reduce<number[]>((acc, n) => [...acc, acc[acc.length - 1]! + n * size + 16], [30]);
    y += 6;
    for (const row of item.table) {
      room(rowHeight);
      doc.lineWidth(0.5).rect(30, y, xs[xs.length - 1]! - 30, rowHeight).stroke();
      row.forEach((text, c) => {
        if (text === '^' || text === '<' || text === '') return;
        doc.fontSize(size).text(text, xs[c]! + 4, y + 4, { lineBreak: false });
      });
      y += rowHeight;
    }
    y += 10;
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

// ---- Invented reports (units and figures made up; the standard texts are real ones) ----

/** An 评分表 in the 财预〔2013〕53号 system 投入/过程/产出/效果 with 评分标准 and 扣分原因 (total 95). */
export const INPUT_PROCESS_TABLE: FixtureTable = [
  ['某县某某服务中心2024年度部门整体支出绩效自评评分表', '<', '<', '<', '<', '<', '<'],
  ['一级指标', '二级指标', '三级指标', '分值', '评分标准', '自评得分', '扣分原因'],
  ['投入（20分）', '预算编制', '预算编制科学性', '5', '预算编制科学合理得5分', '5', ''],
  ['^', '^', '绩效目标合理性', '5', '三个要点各1分，另2分视细化程度', '4', '部分项目绩效目标未细化量化，扣1分'],
  ['^', '资金落实', '资金到位率', '10', '得分=分值×完成率', '10', ''],
  ['过程（30分）', '资金管理', '预算执行率', '10', '得分=分值×执行率', '9', '预算执行率为90%，未达到序时进度'],
  ['^', '^', '资金使用合规性', '10', '每出现一例不符合扣1分，扣完为止', '10', ''],
  ['^', '组织实施', '管理制度健全性', '10', '根据履职效果酌情评分', '10', ''],
  ['产出（30分）', '产出数量', '培训人次完成率', '15', '≥90%得15分；<90%得0分', '15', ''],
  ['^', '产出质量', '验收合格率', '15', '=100%得15分', '14', '1个项目验收延期导致合格率未达标'],
  ['效果（20分）', '社会效益', '服务对象满意度', '20', '≥95%得满分', '18', '满意度调查为90%，未达到95%的目标'],
  ['合计', '<', '<', '100', '', '95', ''],
];

/** The national target-based 部门整体支出绩效自评表 (budget block 9.5 + indicators 86 = 95.5). */
export const TARGET_FORM: FixtureTable = [
  ['2024年度部门整体支出绩效自评表', '<', '<', '<', '<', '<', '<', '<', '<'],
  ['部门名称', '某市某某服务中心', '<', '<', '<', '<', '<', '<', '<'],
  ['年度预算执行情况（万元）', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分', ''],
  ['^', '年度资金总额', '500', '600', '570', '10', '95%', '9.5', ''],
  ['^', '其中：当年财政拨款', '450', '520', '500', '—', '96.15%', '—', ''],
  ['^', '上年结转资金', '30', '50', '45', '—', '90%', '—', ''],
  ['^', '其他资金', '20', '30', '25', '—', '83.33%', '—', ''],
  ['年度总体目标', '预期目标', '<', '<', '<', '实际完成情况', '<', '<', '<'],
  ['^', '全年办理服务事项不少于5000件', '<', '<', '<', '全年办理服务事项5200件', '<', '<', '<'],
  ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
  ['^', '产出指标', '数量指标', '服务事项办理数', '≥5000件', '5200件', '20', '20', ''],
  ['^', '^', '质量指标', '办结率', '≥98%', '97%', '20', '18', '个别事项材料不全导致延期办结'],
  ['^', '^', '时效指标', '按时办结率', '100%', '100%', '10', '10', ''],
  ['^', '效益指标', '社会效益指标', '群众满意度', '≥95%', '96%', '30', '30', ''],
  ['^', '满意度指标', '服务对象满意度指标', '企业满意度', '≥90%', '88%', '10', '8', '部分企业反映窗口等候时间较长，未达到90%的目标'],
  ['总分', '<', '<', '<', '<', '<', '100', '95.5', ''],
];

/** Replace one cell's text in a fixture table (rows and columns 0-based). */
export function withCell(table: FixtureTable, row: number, column: number, text: string): FixtureTable {
  return table.map((cells, r) => cells.map((cell, c) => (r === row && c === column ? text : cell)));
}

/** A narrative in the 投入/过程/产出/效果 system using every score phrasing (total 95, same figures as INPUT_PROCESS_TABLE). */
export const PHRASINGS_NARRATIVE = `某县某某服务中心2024年度部门整体支出绩效自评报告
一、部门基本情况
2024年度部门预算收入600万元。
二、自评结论
经自评，本单位2024年度部门整体支出绩效自评结果为95分。
三、绩效分析
（一）投入情况（20分）
1. 预算编制科学性（5分）
预算编制依据充分，程序规范，得5分。
2. 绩效目标合理性（5分）
部分项目绩效目标未细化量化，扣1分。
3. 资金到位率
该项指标分值10分，资金全部到位，到位率100%，得10分。
（二）过程情况（30分）
1. 预算执行率（10分）
评分标准：≤100%得满分；每超1个百分点扣0.5分，扣完为止。本单位预算执行率为90%，未达到序时进度，得分9分。
2. 资金使用合规性（10分）
资金使用符合规定，评分10分。
3. 管理制度健全性
权重10%。制度健全，自评得分10分。
（三）产出情况（30分）
1. 培训人次完成率（15分）
全年培训1200人次，完成率≥90%，得15分。
2. 验收合格率（15分）
1个项目验收延期导致合格率未达标，得分14分。
（四）效果情况（20分）
1. 服务对象满意度（20分）
满意度调查为90%，未达到95%的目标，得18分。`;

/** A narrative in the 决策/过程/产出/效益 system with 第一部分 / 1.1 / 1.1.1 headings (total 93.5). */
export const DECIMAL_HEADINGS_NARRATIVE = `2024年度某区某某局部门整体支出绩效自评报告
第一部分 部门概况
本局共有在编人员20人。
第二部分 绩效自评情况
本局整体支出绩效总得分为93.5分。
1.1 决策（20分）
1.1.1 绩效目标合理性（10分）
目标设置合理，自评得分 10 分。
1.1.2 绩效指标明确性（10分）
指标基本细化，得9分。
1.2 过程（30分）
1.2.1 资金到位率（15分）
该项指标分值15分，得15分。
1.2.2 预算执行率（15分）
执行率为96.5%，未达到100%，扣0.5分。
1.3 效益（50分）
1.3.1 社会效益（50分）
取得良好社会效益，评分 45 分。`;
