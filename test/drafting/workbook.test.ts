import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readReportFile } from '../../src/report/parse-report.js';
import { loadRubric } from '../../src/rubric/load-rubric.js';
import { matchRubric } from '../../src/rubric/match-rubric.js';
import { figuresFromReport, carryForward } from '../../src/drafting/workbook/report-to-figures.js';
import { writeFiguresWorkbook } from '../../src/drafting/workbook/write-workbook.js';
import { readFiguresWorkbook } from '../../src/drafting/workbook/read-workbook.js';
import { SAMPLE_REPORT_PATH } from '../helpers/sample-report.js';
import { inventedTemplate } from './workbook-fixtures.js';

async function edit(bytes: Buffer, change: (book: ExcelJS.Workbook) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  change(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function sampleWorkbook(): Promise<Buffer> {
  const parsed = await readReportFile(SAMPLE_REPORT_PATH);
  if (!parsed.ok) throw new Error('sample did not parse');
  return writeFiguresWorkbook(figuresFromReport(parsed.report, matchRubric(parsed.report, await loadRubric())));
}

describe('figures workbook', () => {
  it('exports the sample report and reads it back: the figures it states, nothing invented', async () => {
    const reading = await readFiguresWorkbook(await sampleWorkbook());
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    const { data } = reading;
    expect(data.basics).toMatchObject({ department: '乐昌市政务服务和数据管理局', year: 2024, head: '欧建来' });
    expect(data.finances.incomeSources).toEqual([{ name: '财政拨款收入', current: '285.53', previous: null }]);
    expect(data.finances.incomeTotal.previous).toBe('374.3');
    expect(data.finances.basic.current).toBe('231.11');
    expect(data.finances.project.current).toBe('54.42');
    expect(data.execution).toMatchObject({ procurementBudget: '60.68', procurementActual: '65.02', publicBudget: '20.4', publicActual: '17.4', threePublicActual: '0.0693' });
    expect(data.execution.budgetInitial).toBeNull(); // the sample states no budget total
    const leaves = data.indicators.filter((row, i) => (data.indicators[i + 1]?.path.length ?? 0) <= row.path.length);
    expect(leaves).toHaveLength(27);
    expect(leaves.find((l) => l.path.at(-1) === '资金下达合法性')).toMatchObject({ assessed: false, score: null });
    expect(leaves.find((l) => l.path.at(-1) === '部门预算资金支出率')).toMatchObject({ score: '4', measured: '58.48%' });
    expect(data.bonus.map((b) => b.score)).toEqual(['3']);
  });

  it('shows totals as formulas with the value computed in decimals', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await sampleWorkbook()) as unknown as ArrayBuffer);
    const spending = book.getWorksheet('收支')!.getCell('B8').value as { formula: string; result: number };
    expect(spending.formula).toBe('B9+B12');
    expect(spending.result).toBe(285.53);
    const total = book.getWorksheet('指标得分')!.getCell('F38').value as { formula: string; result: number };
    expect(total.result).toBe(99);
  });

  it('names a cell that should hold a number: 收支!C7 应为数字', async () => {
    const bytes = await edit(await sampleWorkbook(), (book) => {
      book.getWorksheet('收支')!.getCell('C7').value = '约三百万';
    });
    const reading = await readFiguresWorkbook(bytes);
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.problems.map((p) => p.message)).toContain('收支!C7 应为数字（上年结转上年数）');
  });

  it('says which typed total does not add up, with the parts', async () => {
    const bytes = await edit(await sampleWorkbook(), (book) => {
      const sheet = book.getWorksheet('收支')!;
      sheet.getCell('B8').value = 285.53;
      sheet.getCell('B12').value = 54.4;
    });
    const reading = await readFiguresWorkbook(bytes);
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.problems.map((p) => p.message)).toContain('收支!B8 支出合计 285.53 ≠ 基本支出 231.11 + 项目支出 54.40（合计 285.51）');
  });

  it('lists the empty required cells of an unfilled template', async () => {
    const reading = await readFiguresWorkbook(await inventedTemplate());
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    const [first] = reading.problems;
    expect(first!.message).toMatch(/^以下必填单元格为空：基本情况!B2（单位名称）、基本情况!B3（年度）/u);
    expect(first!.message).toContain('指标得分!F4（预算编制科学性的自评得分）');
  });

  it('asks for the reason of a deduction', async () => {
    const bytes = await edit(await sampleWorkbook(), (book) => {
      book.getWorksheet('指标得分')!.getCell('H17').value = null; // 政府采购执行率, 0 of 2
    });
    const reading = await readFiguresWorkbook(bytes);
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.problems.map((p) => p.message)).toContain('指标得分!H17 “政府采购执行率”扣了 2 分，请填写扣分原因');
  });

  it('refuses a workbook that is not ours in one sentence naming the missing sheets', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Sheet1').getCell('A1').value = '名单';
    const reading = await readFiguresWorkbook(Buffer.from(await book.xlsx.writeBuffer()));
    expect(reading).toEqual({ ok: false, problems: [{ cell: null, message: expect.stringMatching(/^这不是 selfeval 的数据表：缺少工作表“基本情况”“收支”“预算执行”“项目”“指标得分”“加减分”，/u) }] });
    const partial = await edit(await sampleWorkbook(), (b) => b.removeWorksheet(b.getWorksheet('项目')!.id));
    const second = await readFiguresWorkbook(partial);
    expect(second.ok ? '' : second.problems[0]!.message).toMatch(/^这份数据表不完整：缺少工作表“项目”/u);
    const corrupt = await readFiguresWorkbook(Buffer.from('not a zip'));
    expect(corrupt.ok ? '' : corrupt.problems[0]!.message).toMatch(/不是有效的 Excel/u);
  });

  it('starts next year from this year: figures move to the 上年 columns, scores are cleared', async () => {
    const reading = await readFiguresWorkbook(await sampleWorkbook());
    if (!reading.ok) throw new Error('sample workbook did not read');
    const next = carryForward(reading.data);
    expect(next.basics.year).toBe(2025);
    expect(next.finances.basic).toEqual({ current: null, previous: '231.11' });
    expect(next.indicators.every((r) => r.score === null)).toBe(true);
    const back = await readFiguresWorkbook(await writeFiguresWorkbook(next));
    expect(back.ok).toBe(false); // the scores are now to be filled in
  });
});

describe('figures from a table report whose 二级指标 carry no 分值', () => {
  it('a parent row gets the sum of its children, so the drafted report adds up', async () => {
    const { INPUT_PROCESS_TABLE, toDocx } = await import('../helpers/report-fixtures.js');
    const { readReportBytes } = await import('../../src/report/parse-report.js');
    const { figuresFromReport: fromReport } = await import('../../src/drafting/workbook/report-to-figures.js');
    const parsed = await readReportBytes('报告.docx', await toDocx(['某县某某服务中心2024年度部门整体支出绩效自评报告', { table: INPUT_PROCESS_TABLE }]));
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join());
    const rows = fromReport(parsed.report).indicators;
    for (const [i, row] of rows.entries()) {
      const children = rows.filter((r, j) => j > i && r.path.length === row.path.length + 1 && row.path.every((p, k) => r.path[k] === p));
      if (children.length === 0) continue;
      const sum = children.reduce((s, c) => s + Number(c.weight) * 100, 0) / 100;
      expect([row.path.join('/'), Number(row.weight)]).toEqual([row.path.join('/'), sum]);
    }
    expect(rows.some((r) => r.path.length === 2)).toBe(true);
  });
});
