import { describe, expect, it } from 'vitest';
import { checkReport } from '../../src/checks/engine.js';
import { loadRubric } from '../../src/rubric/load-rubric.js';
import { readReportBytes } from '../../src/report/parse-report.js';
import type { Report } from '../../src/model/index.js';
import { INPUT_PROCESS_TABLE, TARGET_FORM, toDocx, toXlsx, withCell } from '../helpers/report-fixtures.js';

async function reportFrom(name: string, bytes: Uint8Array): Promise<Report> {
  const parsed = await readReportBytes(name, bytes);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join());
  return parsed.report;
}

describe('checkReport: findings say where in a table', () => {
  it('an xlsx finding about one indicator points at its sheet cell', async () => {
    const report = await reportFrom('自评表.xlsx', await toXlsx([{ name: '自评表', table: TARGET_FORM }]));
    const findings = checkReport(report, await loadRubric()).findings;
    const lost = findings.find((f) => f.ruleId === 'score/deduction-explained' && f.indicatorId?.endsWith('办结率'));
    expect(lost?.location).toMatchObject({ sheet: '自评表', cell: expect.stringMatching(/^[A-Z]+\d+$/u) });
  });

  it('a docx finding points at table, row and column', async () => {
    const table = withCell(INPUT_PROCESS_TABLE, INPUT_PROCESS_TABLE.length - 1, INPUT_PROCESS_TABLE[0]!.length - 2, '99');
    const report = await reportFrom('报告.docx', await toDocx(['某县某某服务中心2024年度部门整体支出绩效自评报告', { table }]));
    const findings = checkReport(report, await loadRubric()).findings.filter((f) => f.severity === 'error');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.location?.table === 1 && (f.location.row ?? 0) > 0)).toBe(true);
  });

  it('the national form\'s budget block loses points by 得分 = 分值 × 执行率: explained, not a warning', async () => {
    const report = await reportFrom('自评表.xlsx', await toXlsx([{ name: '自评表', table: TARGET_FORM }]));
    const findings = checkReport(report, await loadRubric()).findings.filter((f) => f.ruleId === 'score/deduction-explained');
    const budget = findings.find((f) => f.indicatorId === report.budget?.indicatorId);
    expect(budget).toMatchObject({ severity: 'info' });
    expect(budget!.message).toContain('得分 = 分值 × 执行率');
  });
});
