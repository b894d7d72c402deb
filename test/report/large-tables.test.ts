import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/report/parse-document.js';
import { readReportBytes } from '../../src/report/parse-report.js';
import { indicatorLeaves } from '../../src/report/indicators.js';
import { MAX_TABLE_ROWS, MAX_TABLES } from '../../src/report/table-rows.js';
import { INPUT_PROCESS_TABLE, documentOf, toXlsx } from '../helpers/report-fixtures.js';

const header = ['指标名称', '分值', '自评得分', '扣分原因'];

describe('large inputs are read in bounded time', () => {
  it(`a table of 3,000 rows is read up to ${MAX_TABLE_ROWS} rows, with a problem saying so`, () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [`指标${i + 1}`, '1', '1', '']);
    const started = performance.now();
    const result = parseDocument(documentOf([{ table: [header, ...rows] }]));
    expect(performance.now() - started).toBeLessThan(5000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(indicatorLeaves(result.report.indicators)).toHaveLength(MAX_TABLE_ROWS - 1);
    expect(result.problems.map((p) => p.code)).toContain('table-truncated');
    expect(result.problems.find((p) => p.code === 'table-truncated')!.message).toMatch(/超过 2000 行/u);
  });

  it(`reads at most ${MAX_TABLES} tables`, () => {
    const tables = Array.from({ length: MAX_TABLES + 10 }, (_, t) => ({ table: [header, [`第${t + 1}表指标`, '1', '1', '']] }));
    const result = parseDocument(documentOf(tables));
    expect(result.ok && indicatorLeaves(result.report.indicators).length).toBe(MAX_TABLES);
  });

  it('a 50-sheet workbook with the score table on one sheet', async () => {
    const sheets = Array.from({ length: 49 }, (_, i) => ({ name: `附表${i + 1}`, table: [['序号', '内容'], ['1', `说明${i + 1}`]] }));
    const bytes = await toXlsx([...sheets, { name: '自评表', table: INPUT_PROCESS_TABLE }]);
    const started = performance.now();
    const result = await readReportBytes('大工作簿.xlsx', bytes);
    expect(performance.now() - started).toBeLessThan(15000);
    expect(result.ok && indicatorLeaves(result.report.indicators).map((l) => l.score)).toEqual([5, 4, 10, 9, 10, 10, 15, 14, 18]);
  });
});
