import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/report/parse-document.js';
import { readReportBytes } from '../../src/report/parse-report.js';
import { indicatorLeaves } from '../../src/report/indicators.js';
import type { ParseResult, Report } from '../../src/model/index.js';
import { TARGET_FORM, documentOf, toDocx, toXlsx } from '../helpers/report-fixtures.js';

function reportOf(result: ParseResult): Report {
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join());
  return result.report;
}

const leavesOf = (report: Report) => indicatorLeaves(report.indicators).map((l) => [l.path.join('/'), l.weight, l.score]);

describe('the national target-based 部门整体支出绩效自评表', () => {
  const report = reportOf(parseDocument(documentOf([{ table: TARGET_FORM }])));

  it('makes the budget block a scored indicator that counts in the total', () => {
    expect(report.title).toBe('2024年度部门整体支出绩效自评表');
    expect(report.department).toBe('某市某某服务中心');
    expect(report.year).toBe(2024);
    const budget = report.indicators[0]!;
    expect(budget).toMatchObject({ name: '预算执行率', weight: 10, score: 9.5, line: 4, standard: expect.stringContaining('得分=分值×执行率') });
    expect(budget.measures?.map((m) => [m.label, m.text])).toEqual([['年初预算数', '500'], ['全年预算数', '600'], ['全年执行数', '570'], ['执行率', '95%']]);
    expect(leavesOf(report)).toEqual([
      ['预算执行率', 10, 9.5],
      ['产出指标/数量指标/服务事项办理数', 20, 20],
      ['产出指标/质量指标/办结率', 20, 18],
      ['产出指标/时效指标/按时办结率', 10, 10],
      ['效益指标/社会效益指标/群众满意度', 30, 30],
      ['满意度指标/服务对象满意度指标/企业满意度', 10, 8],
    ]);
    expect(report.statedTotals.map((t) => [t.value, t.line])).toEqual([[95.5, 16]]);
  });

  it('keeps the budget rows for the budget-execution rule', () => {
    expect(report.budget?.rows.map((r) => [r.kind, r.initial, r.full, r.executed, r.rate])).toEqual([
      ['total', '500', '600', '570', '95'],
      ['fiscal', '450', '520', '500', '96.15'],
      ['carryover', '30', '50', '45', '90'],
      ['other', '20', '30', '25', '83.33'],
    ]);
    expect(report.budget?.indicatorId).toBe('预算执行率');
  });

  it('keeps 年度指标值, 实际完成值 as measures and 偏差原因 as the reason', () => {
    const leaf = indicatorLeaves(report.indicators).find((l) => l.name === '办结率')!;
    expect(leaf.measures?.map((m) => [m.label, m.text])).toEqual([['年度指标值', '≥98%'], ['实际完成值', '97%']]);
    expect(leaf.reason).toBe('个别事项材料不全导致延期办结');
  });

  it('reads the same from .xlsx and .docx', async () => {
    const xlsx = reportOf(await readReportBytes('自评表.xlsx', await toXlsx([{ name: '自评表', table: TARGET_FORM }])));
    expect(leavesOf(xlsx)).toEqual(leavesOf(report));
    expect(xlsx.statedTotals.map((t) => t.value)).toEqual([95.5]);
    expect(xlsx.budget?.rows).toHaveLength(4);
    const docx = reportOf(await readReportBytes('自评表.docx', await toDocx([{ table: TARGET_FORM }])));
    expect(leavesOf(docx)).toEqual(leavesOf(report));
    expect(docx.budget?.rows.map((r) => r.rate)).toEqual(['95', '96.15', '90', '83.33']);
  });

  it('a 项目支出 form (项目资金, no 年初预算数 column) reads too', () => {
    const project = TARGET_FORM.map((row, r) => (r === 2 ? ['项目资金（万元）', '', '', '全年预算数', '全年执行数', '分值', '执行率', '得分', ''] : row));
    const read = reportOf(parseDocument(documentOf([{ table: project }])));
    expect(read.indicators[0]).toMatchObject({ name: '预算执行率', weight: 10, score: 9.5 });
    expect(read.budget?.rows[0]).toMatchObject({ initial: null, full: '600' });
  });
});
