import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/document/read-document.js';
import type { Document, TableBlock } from '../../src/model/index.js';
import { CJK_FONT, hasCjkFont } from '../helpers/document-fixtures.js';
import { toTablePdf, type FixtureTable } from '../helpers/report-fixtures.js';

/**
 * Tables printed without column rules: every row a framed strip (rules give the rows, text gaps the columns), block
 * rows of two numbering levels ("一、…（50分）", "（一）…（30分）") between the indicator rows, a title row inside the
 * frame, a table long enough to go on over the page; and a table without any rule whose weights and scores carry
 * their unit ("10分"). Each is one table with its cells in their columns. A framed box of prose is no table.
 */

if (!hasCjkFont) console.warn('PDF row-rule tests skipped: the CJK font is missing (apt-get install fonts-wqy-zenhei)');

async function documentOf(bytes: Uint8Array): Promise<Document> {
  const result = await readDocument('自评表.pdf', bytes);
  if (!result.ok) throw new Error(result.problem.message);
  return result.document;
}

const tablesOf = (document: Document) => document.blocks.filter((b): b is TableBlock => b.kind === 'table');
/** A row's texts as written: a merged cell's copies left empty. */
const written = (table: TableBlock) => table.rows.map((row) => row.map((c) => (c.merged ? '' : c.text)));

/** An invented 指标名称 table under block rows of two levels (weights and scores agree). */
function blockTable(indicators: [string, string, string, string][][][]): FixtureTable {
  const rows: FixtureTable = [['某县档案馆2024年度部门整体支出绩效自评表', '<', '<', '<'], ['指标名称', '分值', '得分', '评分说明']];
  const levels = ['一', '二', '三', '四', '五', '六'];
  indicators.forEach((groups, g) => {
    rows.push([`${levels[g]}、第${levels[g]}部分指标（${groups.flat().reduce((s, r) => s + Number(r[1]), 0)}分）`, '<', '<', '<']);
    groups.forEach((group, k) => {
      rows.push([`（${levels[k]}）第${k + 1}组指标（${group.reduce((s, r) => s + Number(r[1]), 0)}分）`, '<', '<', '<']);
      group.forEach((row, i) => rows.push([`${i + 1}.${row[0]}`, row[1], row[2], row[3]]));
    });
  });
  return rows;
}

const SHORT = blockTable([
  [[['档案接收完成率', '10', '10', ''], ['馆藏数字化率', '10', '9', '完成计划90%']], [['开放鉴定完成率', '10', '10', '']]],
  [[['预算执行率', '20', '19', '执行率95%'], ['结转结余率', '10', '10', '']], [['资产管理规范性', '10', '10', '']]],
  [[['查档服务满意度', '30', '29', '满意度96%']]],
]);

describe.skipIf(!hasCjkFont)('pdf: a table printed without column rules (rows framed, columns from text gaps)', () => {
  it('block rows of two numbering levels stay inside one table; each is one cell across the row', async () => {
    const tables = tablesOf(await documentOf(await toTablePdf([{ table: SHORT }])));
    expect(tables).toHaveLength(1);
    const rows = written(tables[0]!);
    expect(rows).toHaveLength(SHORT.length);
    expect(rows[1]).toEqual(['指标名称', '分值', '得分', '评分说明']);
    expect(rows[5]).toEqual(['2.馆藏数字化率', '10', '9', '完成计划90%']);
    expect(rows[rows.length - 1]).toEqual(['1.查档服务满意度', '30', '29', '满意度96%']);
    // a block row and the title: one text, in the first cell (the rest empty or merged copies of it)
    const blockRows = SHORT.flatMap((row, r) => (row[1] === '<' ? [r] : []));
    expect(blockRows).toHaveLength(1 + 3 + 5);
    for (const r of blockRows) {
      expect(rows[r]!.filter((t) => t !== '')).toEqual([SHORT[r]![0]]);
      expect(tables[0]!.rows[r]!.every((c) => c.text === '' || c.text === SHORT[r]![0])).toBe(true);
    }
    // "（一）第1组指标（20分）" is wider than the 指标名称 column's names: it runs over the 分值 column, merged there
    expect(tables[0]!.rows[3]!.map((c) => c.merged === true)).toEqual([false, true, true, true]);
  });

  it('a long table going on over the page is one table with every row, in the same columns (评分说明 empty on page 2)', async () => {
    const groups = Array.from({ length: 4 }, (_, g) => Array.from({ length: 2 }, (_, k) =>
      Array.from({ length: 5 }, (_, i) => [`第${g + 1}类第${k + 1}组指标${i + 1}`, '2', i === 0 ? '1.5' : '2', i === 0 && g === 0 ? '部分未完成' : ''] as [string, string, string, string])));
    const long = blockTable(groups);
    const document = await documentOf(await toTablePdf([{ table: long }]));
    const tables = tablesOf(document);
    expect(tables).toHaveLength(1);
    const rows = written(tables[0]!);
    expect(rows).toHaveLength(long.length);
    expect(new Set(tables[0]!.rows.map((row) => row[0]!.location.page))).toEqual(new Set([1, 2]));
    long.forEach((row, r) => {
      if (row[1] !== '<') expect(rows[r]).toEqual(row);
      else expect(rows[r]!.filter((t) => t !== '')).toEqual([row[0]]);
    });
  });

  it('a framed box of prose lines (one text per row) is read as paragraphs, not a table', async () => {
    const box: FixtureTable = [
      ['情况说明'],
      ['本年度档案馆按计划完成了各项工作任务，预算执行情况良好。'],
      ['部分数字化项目因设备采购延迟，进度有所滞后。'],
      ['下一步将加强项目管理，确保按期完成。'],
    ];
    const document = await documentOf(await toTablePdf([{ table: box }]));
    expect(tablesOf(document)).toEqual([]);
    expect(document.blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.kind))).toEqual(box.map((row) => row[0]));
  });
});

/**
 * A table set as text alone, no rule drawn (columns at fixed x; a word processor's table without borders): a row
 * 20 points below the one before, a line `wrapped` (its index) 13 points below, as a cell's text wraps.
 */
async function unruledPdf(rows: readonly string[][], widths: readonly number[], wrapped = -1): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', margin: 56 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.font(CJK_FONT, 'WenQuanYiZenHei').fontSize(10.5);
  doc.text('某县交通运输局2024年度部门整体支出绩效自评表', 56, 60, { lineBreak: false });
  let y = 80;
  rows.forEach((row, r) => {
    y += r === wrapped ? 13 : 20;
    let x = 56;
    row.forEach((text, c) => {
      if (text !== '') doc.text(text, x, y, { lineBreak: false });
      x += widths[c]!;
    });
  });
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

describe.skipIf(!hasCjkFont)('pdf: a text-gap table whose weights and scores are written with their unit ("10分")', () => {
  const header = ['一级指标', '三级指标', '分值', '扣分', '得分', '扣分原因'];
  const body = [
    ['过程', '预算执行率', '10分', '0.5分', '9.5分', '执行率未达标'],
    ['过程', '资金使用合规性', '30分', '0分', '30分', ''],
    ['过程', '管理制度健全性', '30分', '0分', '30分', ''],
    ['产出', '群众满意度', '30分', '0分', '30分', ''],
  ];
  const widths = [70, 110, 50, 50, 50, 110];

  it('is one table, a row per line: the header does not swallow the rows under it', async () => {
    const tables = tablesOf(await documentOf(await unruledPdf([header, ...body], widths)));
    expect(tables).toHaveLength(1);
    expect(written(tables[0]!)).toEqual([header, ...body]);
  });

  it('a standard wrapped onto a line of its own that ends in "0.5分" still joins its row', async () => {
    const wrapped = [header, body[0]!, ['', '', '', '', '', '扣0.5分'], ...body.slice(1)];
    const tables = tablesOf(await documentOf(await unruledPdf(wrapped, widths, 2)));
    expect(tables).toHaveLength(1);
    expect(written(tables[0]!)).toEqual([header, [...body[0]!.slice(0, 5), '执行率未达标扣0.5分'], ...body.slice(1)]);
  });
});
