import { describe, expect, it } from 'vitest';
import { readReportBytes } from '../../src/report/parse-report.js';
import { indicatorLeaves } from '../../src/report/indicators.js';
import { toScoreTableXlsx, type ScoreRow } from '../helpers/report-variants.js';

// The execution block of the sample as a score table (weights and scores from the sample report).
const rows: ScoreRow[] = [
  { levels: ['预算执行（42分）', '资金管理（22分）', '部门预算资金支出率'], weight: 6, score: 4, reason: '支出率58.48%，项目经费申请未通过' },
  { levels: ['预算执行（42分）', '资金管理（22分）', '结转结余率'], weight: 3, score: 3 },
  { levels: ['预算执行（42分）', '资金管理（22分）', '政府采购执行率'], weight: 2, score: 0, reason: '预算60.68万元，决算65.02万元' },
  { levels: ['预算执行（42分）', '资金管理（22分）', '资金下达合法性'], weight: 3, score: '不考核', reason: '无转移支付，本项不考核' },
  { levels: ['预算执行（42分）', '人员管理（2分）', ''], weight: 2, score: 2 },
  { levels: ['加减分项', '', ''], weight: null, score: 3, reason: '获通报表扬' },
];

describe('xlsx 自评评分表 with merged cells', () => {
  it('reads levels from merged cells, weights from names and columns, scores, reasons, 不考核, bonus and total', async () => {
    const result = await readReportBytes('评分表.xlsx', await toScoreTableXlsx(rows, 99));
    if (!result.ok) throw new Error(result.problems[0]!.message);
    const { report } = result;
    expect(report.source.format).toBe('xlsx');
    expect(report.year).toBe(2024);
    expect(report.indicators.map((b) => [b.name, b.weight])).toEqual([['预算执行', 42]]);
    expect(report.indicators[0]!.children.map((c) => [c.name, c.weight])).toEqual([['资金管理', 22], ['人员管理', 2]]);
    const leaves = indicatorLeaves(report.indicators);
    expect(leaves.map((l) => [l.name, l.weight, l.score, l.assessed, l.line])).toEqual([
      ['部门预算资金支出率', 6, 4, true, 2],
      ['结转结余率', 3, 3, true, 3],
      ['政府采购执行率', 2, 0, true, 4],
      ['资金下达合法性', 3, null, false, 5],
      ['人员管理', 2, 2, true, 6],
    ]);
    expect(leaves[2]!.reason).toBe('预算60.68万元，决算65.02万元');
    expect(report.bonus).toMatchObject({ score: 3, line: 7 });
    expect(report.statedTotals).toMatchObject([{ value: 99, line: 8 }]);
    expect(report.figures.find((f) => f.value === '65.02')).toMatchObject({ unit: '万元', line: 4 });
  });

  it('refuses a workbook without a score column', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRow(['姓名', '电话']);
    const result = await readReportBytes('名单.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(result).toMatchObject({ ok: false, problems: [{ code: 'no-score-table' }] });
  });
});
