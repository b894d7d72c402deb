import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/document/read-document.js';
import type { Document, TableBlock } from '../../src/model/index.js';
import { buildPdf, hasCjkFont, type PdfBlock } from '../helpers/document-fixtures.js';

/**
 * A scores table that runs over a page break, as a word processor prints it: the row at the foot of page 1 has cells
 * that wrap onto the top of page 2, then the table goes on without its header. It reads back as one table.
 */

if (!hasCjkFont) console.warn('PDF page-break tests skipped: the CJK font is missing (apt-get install fonts-wqy-zenhei)');

async function documentOf(bytes: Uint8Array): Promise<Document> {
  const result = await readDocument('自评报告.pdf', bytes);
  if (!result.ok) throw new Error(result.problem.message);
  return result.document;
}

const tablesOf = (document: Document) => document.blocks.filter((b): b is TableBlock => b.kind === 'table');
const texts = (table: TableBlock) => table.rows.map((r) => r.map((c) => c.text));

const WIDTHS = [60, 60, 80, 35, 110, 35, 100];
const HEADER = ['一级指标', '二级指标', '三级指标', '分值', '评分标准', '自评得分', '扣分原因'];
/** Enough body rows to fill most of page 1. */
const FIRST_ROWS = Array.from({ length: 14 }, (_, i) => ['', '资金管理', `指标${i + 1}`, '5', '符合规定得5分，\n每出现一例扣1分', '5', '']);
const CROSSING = ['', '资金管理', '“三公经费”变动率', '5', '≤0得满分；>0时每超1', '5', '“三公”经费较上年下降'];
const REST = [
  ['', '财务管理', '管理制度健全性', '10', '三个要点各1分', '10', ''],
  ['产出', '产出数量', '农技培训人次', '10', '得分=权重×B/A', '9', '完成1800人次'],
  ['合计', '', '', '100', '', '93.5', ''],
];

function blocks(continuation: PdfBlock[]): PdfBlock[] {
  return [
    { line: '三、绩效评价指标得分情况' },
    { table: { widths: WIDTHS, rows: [HEADER, ['投入', '预算编制', '预算编制科学性', '5', '符合规定得5分', '5', ''], ...FIRST_ROWS, CROSSING] } },
    { pageBreak: true },
    ...continuation,
    { line: '四、存在问题' },
  ];
}

function expectOneTable(document: Document): void {
  const tables = tablesOf(document);
  expect(tables).toHaveLength(1);
  const table = tables[0]!;
  expect(table.location).toEqual({ page: 1, table: 1 });
  const rows = texts(table);
  expect(rows[0]).toEqual(HEADER);
  expect(rows).toHaveLength(1 + 1 + FIRST_ROWS.length + 1 + REST.length);
  const crossing = rows[2 + FIRST_ROWS.length]!;
  expect(crossing[4]).toBe('≤0得满分；>0时每超1个百分点扣0.5分，扣完为止');
  expect(crossing[6]).toBe('“三公”经费较上年下降12.5%');
  expect(rows.slice(-REST.length)).toEqual(REST);
  const last = table.rows[rows.length - 1]![0]!.location;
  expect(last).toMatchObject({ page: 2, table: 1, row: rows.length });
  expect(document.blocks.filter((b) => b.kind !== 'table').map((b) => ('text' in b ? b.text : ''))).toContain('四、存在问题');
  expect(document.lines).not.toContain('个百分点扣 12.5%');
}

describe.skipIf(!hasCjkFont)('pdf: a table over a page break', () => {
  it('joins the wrapped cells at the top of page 2 to the last row and the rows below to the same table', async () => {
    const document = await documentOf(await buildPdf(blocks([
      // the wrapped rest of the crossing row, apart from the rows below (as LibreOffice prints it)
      { table: { widths: WIDTHS, rows: [['', '', '', '', '个百分点扣0.5\n分，扣完为止', '', '12.5%']] } },
      { table: { widths: WIDTHS, rows: REST } },
    ]), { pageNumbers: true }));
    expectOneTable(document);
  });

  it('also when the wrapped rest is read as the first row of the table on page 2', async () => {
    const document = await documentOf(await buildPdf(blocks([
      { table: { widths: WIDTHS, rows: [['', '', '', '', '个百分点扣0.5\n分，扣完为止', '', '12.5%'], ...REST] } },
    ])));
    expectOneTable(document);
  });

  it('keeps a second table on page 2 with its own header apart', async () => {
    const other = [['项目', '指标', '年初目标', '完成值', '备注', '分值', '得分'], ['甲', '产出', '100', '98', '', '5', '4.9'], ['乙', '效益', '90%', '92%', '', '5', '5']];
    const document = await documentOf(await buildPdf([
      { table: { widths: WIDTHS, rows: [HEADER, ...FIRST_ROWS.slice(0, 3)] } },
      { pageBreak: true },
      { table: { widths: WIDTHS, rows: other } },
    ]));
    const tables = tablesOf(document);
    expect(tables).toHaveLength(2);
    expect(texts(tables[1]!)).toEqual(other);
    expect(tables[1]!.location).toEqual({ page: 2, table: 2 });
  });
});
