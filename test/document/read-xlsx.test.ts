import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/document/read-document.js';
import type { Document, TableBlock } from '../../src/model/index.js';
import { buildLargeXlsx, buildXlsx } from '../helpers/document-fixtures.js';

async function documentOf(name: string, bytes: Uint8Array): Promise<Document> {
  const result = await readDocument(name, bytes);
  if (!result.ok) throw new Error(result.problem.message);
  return result.document;
}

function tables(document: Document): TableBlock[] {
  return document.blocks.filter((b): b is TableBlock => b.kind === 'table');
}

const texts = (table: TableBlock) => table.rows.map((r) => r.map((c) => c.text));

describe('xlsx: every sheet one table, as the cells show', () => {
  it('merged level cells repeat their master, formulas give results, percents and rich text as shown', async () => {
    const bytes = await buildXlsx([{
      name: '自评表',
      startRow: 3,
      startColumn: 2, // blank rows and columns at the edges are dropped
      rows: [
        ['一级指标', '二级指标', '分值', '自评得分', '执行率'],
        ['投入', '预算编制', 6, { formula: 'D4-1', result: 5 }, { value: 0.5848, numFmt: '0.00%' }],
        [null, '绩效目标', 4, 3.5, { value: { formula: 'E5/D5', result: 0.875 }, numFmt: '0%' }],
        [{ rich: ['合', '计'] }, null, { formula: 'D4+D5', result: 10 }, 8.5, null],
      ],
      merges: ['B4:B5', 'B6:C6'],
    }]);
    const document = await documentOf('自评表.xlsx', bytes);
    expect(document).toMatchObject({ format: 'xlsx', encoding: 'binary' });
    const [table] = tables(document);
    expect(table).toMatchObject({ name: '自评表', location: { sheet: '自评表' }, line: 1 });
    expect(texts(table!)).toEqual([
      ['一级指标', '二级指标', '分值', '自评得分', '执行率'],
      ['投入', '预算编制', '6', '5', '58.48%'],
      ['投入', '绩效目标', '4', '3.5', '88%'],
      ['合计', '合计', '10', '8.5', ''],
    ]);
    expect(table!.rows[2]![0]).toEqual({ text: '投入', merged: true, location: { sheet: '自评表', cell: 'B5', row: 5, column: 2 } });
    expect(table!.rows[1]![0]!.merged).toBeUndefined();
    expect(table!.rows[3]![1]).toMatchObject({ merged: true, location: { cell: 'C6' } });
    expect(table!.rows[1]![4]!.location).toEqual({ sheet: '自评表', cell: 'F4', row: 4, column: 6 });
    expect(document.lines).toEqual(['一级指标\t二级指标\t分值\t自评得分\t执行率', '投入\t预算编制\t6\t5\t58.48%', '投入\t绩效目标\t4\t3.5\t88%', '合计\t合计\t10\t8.5\t']);
    expect(document.lineLocations).toEqual([3, 4, 5, 6].map((row) => ({ sheet: '自评表', row })));
  });

  it('several sheets in workbook order, each its own block; an empty sheet gives none', async () => {
    const bytes = await buildXlsx([
      { name: '封面', rows: [['2024年度部门整体支出绩效自评报告']] },
      { name: '空表', rows: [] },
      { name: 'Sheet 自评表', rows: [['指标', '分值', '得分'], ['预算执行率', 10, 9.73], ['合计', 10, 9.73]] },
    ]);
    const document = await documentOf('a.xlsx', bytes);
    expect(tables(document).map((t) => [t.name, t.line, t.rows.length])).toEqual([['封面', 1, 1], ['Sheet 自评表', 2, 3]]);
    expect(document.lineLocations[3]).toEqual({ sheet: 'Sheet 自评表', row: 3 });
  });

  it('fixed-decimal formats keep their decimals; general numbers lose float noise', async () => {
    const bytes = await buildXlsx([{ name: 'S', rows: [['分值', { value: 4.5, numFmt: '0.00' }, 0.1 + 0.2, { value: 1234.5, numFmt: '#,##0.00' }]] }]);
    const [table] = tables(await documentOf('a.xlsx', bytes));
    expect(texts(table!)).toEqual([['分值', '4.50', '0.3', '1234.50']]);
  });
});

describe('xlsx caps: refused quickly, in bounded memory', () => {
  it('a 300,000-row sheet is refused after the first 5,000 rows', async () => {
    const bytes = buildLargeXlsx({ rows: 300_000, sheetName: '导出数据' });
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const result = await readDocument('big.xlsx', bytes);
    const elapsed = performance.now() - started;
    expect(result).toMatchObject({ ok: false, problem: { code: 'too-many-rows' } });
    if (result.ok) return;
    expect(result.problem.message).toContain('导出数据');
    expect(result.problem.message).toContain('5000');
    expect(elapsed).toBeLessThan(5_000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(400 * 1024 * 1024);
  });

  it('a sheet of exactly 5,000 rows is still read', async () => {
    const result = await readDocument('ok.xlsx', buildLargeXlsx({ rows: 5_000 }));
    expect(result.ok && result.document.lines.length).toBe(5_000);
  });

  it('a workbook of 51 sheets is refused', async () => {
    const sheets = Array.from({ length: 51 }, (_, i) => ({ name: `表${i + 1}`, rows: [['指标', i]] }));
    const result = await readDocument('many.xlsx', await buildXlsx(sheets));
    expect(result).toMatchObject({ ok: false, problem: { code: 'too-many-sheets', message: expect.stringContaining('51') } });
  });
});
