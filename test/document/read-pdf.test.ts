import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/document/read-document.js';
import type { Document, TableBlock } from '../../src/model/index.js';
import { buildPdf, hasCjkFont } from '../helpers/document-fixtures.js';

if (!hasCjkFont) console.warn('PDF reader tests skipped: the CJK font is missing (apt-get install fonts-wqy-zenhei)');

async function documentOf(bytes: Uint8Array): Promise<Document> {
  const result = await readDocument('自评报告.pdf', bytes);
  if (!result.ok) throw new Error(result.problem.message);
  return result.document;
}

const texts = (table: TableBlock) => table.rows.map((r) => r.map((c) => c.text));
const tablesOf = (document: Document) => document.blocks.filter((b): b is TableBlock => b.kind === 'table');

const SCORE_TABLE = {
  widths: [60, 70, 130, 40, 50, 110],
  rows: [
    ['一级指标', '二级指标', '三级指标', '分值', '自评得分', '扣分原因'],
    ['投入', '预算编制', '预算编制科学性', '5', '5', ''],
    ['', '', '绩效目标合理性\n（含指标明确性）', '5', '4.5', '目标不够细化'],
    ['过程', '预算执行', '预算执行率', '10', '8.2', '执行率82%，\n未达序时进度'],
    ['产出', '产出数量', '完成项目数', '8', '8', ''],
    ['合计', '', '', '28', '25.7', ''],
  ],
};

describe.skipIf(!hasCjkFont)('pdf: lines by baseline, tables rebuilt from column gaps', () => {
  it('running text keeps numbers whole and Chinese unspaced; each line knows its page and line', async () => {
    const document = await documentOf(await buildPdf([
      { line: '一、部门基本情况' },
      { line: '2024年度部门预算执行率为58.48%，较上年提高3.2个百分点。' },
      { pageBreak: true },
      { line: '二、绩效自评结论' },
    ]));
    expect(document.format).toBe('pdf');
    expect(document.lines).toEqual(['一、部门基本情况', '2024年度部门预算执行率为58.48%，较上年提高3.2个百分点。', '二、绩效自评结论']);
    expect(document.lineLocations).toEqual([{ page: 1, line: 1 }, { page: 1, line: 2 }, { page: 2, line: 1 }]);
    expect(document.blocks.every((b) => b.kind === 'paragraph')).toBe(true);
  });

  it('a ruled score table becomes one table block; a cell wrapped over two lines joins its row', async () => {
    const document = await documentOf(await buildPdf([
      { line: '表1 部门整体支出绩效自评表' },
      { table: SCORE_TABLE },
      { line: '注：以上得分由本单位自评。' },
    ]));
    const [table] = tablesOf(document);
    expect(tablesOf(document)).toHaveLength(1);
    expect(texts(table!)).toEqual([
      ['一级指标', '二级指标', '三级指标', '分值', '自评得分', '扣分原因'],
      ['投入', '预算编制', '预算编制科学性', '5', '5', ''],
      ['', '', '绩效目标合理性（含指标明确性）', '5', '4.5', '目标不够细化'],
      ['过程', '预算执行', '预算执行率', '10', '8.2', '执行率82%，未达序时进度'],
      ['产出', '产出数量', '完成项目数', '8', '8', ''],
      ['合计', '', '', '28', '25.7', ''],
    ]);
    expect(table!.location).toEqual({ page: 1, table: 1 });
    // the wrapped row starts on page line 4 (title, header, first row), the next row two lines later
    expect(table!.rows[2]![2]!.location).toEqual({ page: 1, line: 4, table: 1, row: 3, column: 3 });
    expect(table!.rows[3]![0]!.location).toMatchObject({ line: 6, row: 4 });
    expect(document.blocks[0]).toMatchObject({ kind: 'paragraph', text: '表1 部门整体支出绩效自评表' });
    expect(document.blocks[2]).toMatchObject({ kind: 'paragraph', text: '注：以上得分由本单位自评。', line: 8 });
    expect(document.lines[table!.line - 1]).toBe('一级指标\t二级指标\t三级指标\t分值\t自评得分\t扣分原因');
    expect(document.lineLocations[table!.line]).toEqual({ page: 1, line: 3, table: 1, row: 2 });
  });

  it('two short aligned lines are not a table; page numbers alone on a line are dropped', async () => {
    const document = await documentOf(await buildPdf([
      { line: '部门名称：某某市数据局' },
      { table: { widths: [120, 180], rows: [['单位负责人：张某', '联系电话：0000-1234567']] } },
      { line: '正文第一段。' },
    ], { pageNumbers: true }));
    expect(tablesOf(document)).toHaveLength(0);
    expect(document.lines).not.toContain('- 1 -');
    expect(document.lines).toContain('单位负责人：张某 联系电话：0000-1234567');
  });

  it('a table on two pages is read as one table, its rows on page 2 keeping their page', async () => {
    const rows = [['指标', '分值', '得分'], ...Array.from({ length: 60 }, (_, i) => [`指标${i + 1}`, '2', '1.5'])];
    const document = await documentOf(await buildPdf([{ table: { widths: [200, 80, 80], rows } }]));
    const tables = tablesOf(document);
    expect(tables.length).toBe(1);
    expect(tables[0]!.location).toEqual({ page: 1, table: 1 });
    expect(tables[0]!.rows.map((r) => r[0]!.text)).toEqual(rows.map((r) => r[0]));
    const last = tables[0]!.rows[60]![0]!.location;
    expect(last).toMatchObject({ page: 2, table: 1, row: 61 });
  });
});

async function graphicsOnlyPdf(): Promise<Uint8Array> {
  const doc = new PDFDocument();
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.rect(50, 50, 300, 200).fill('#444'); // a scan: no text layer
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

describe('pdf bad input', () => {
  it('no text layer → pdf-no-text; a truncated file → corrupt-file', async () => {
    expect(await readDocument('扫描件.pdf', await graphicsOnlyPdf())).toMatchObject({ ok: false, problem: { code: 'pdf-no-text' } });
    const truncated = (await graphicsOnlyPdf()).subarray(0, 40);
    expect(await readDocument('坏.pdf', truncated)).toMatchObject({ ok: false, problem: { code: 'corrupt-file' } });
  });
});
