import { describe, expect, it } from 'vitest';
import { checkReport } from '../../src/checks/engine.js';
import { loadRubric } from '../../src/rubric/load-rubric.js';
import { parseDocument } from '../../src/report/parse-document.js';
import { parseReportText, readReportBytes } from '../../src/report/parse-report.js';
import type { Finding, ParseResult, Report } from '../../src/model/index.js';
import {
  DECIMAL_HEADINGS_NARRATIVE, INPUT_PROCESS_TABLE, PHRASINGS_NARRATIVE, TARGET_FORM, documentOf, toDocx, toXlsx, withCell,
} from '../helpers/report-fixtures.js';

function reportOf(result: ParseResult): Report {
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join());
  return result.report;
}

async function findingsOf(report: Report): Promise<Finding[]> {
  return checkReport(report, await loadRubric()).findings;
}

const errors = (findings: readonly Finding[]) => findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} 第${f.line}行 ${f.message}`);

/** Every shape, clean: no error finding with the rubric chosen for it; and the mutations that must be caught. */
describe('each report shape through checkReport', () => {
  const shapes: [string, () => Promise<Report>][] = [
    ['评分表 .xlsx', async () => reportOf(await readReportBytes('评分表.xlsx', await toXlsx([{ name: '自评表', table: INPUT_PROCESS_TABLE }])))],
    ['评分表 in a .docx report', async () => reportOf(await readReportBytes('报告.docx', await toDocx(['某县某某服务中心2024年度部门整体支出绩效自评报告', { table: INPUT_PROCESS_TABLE }])))],
    ['national 自评表 .xlsx', async () => reportOf(await readReportBytes('自评表.xlsx', await toXlsx([{ name: '自评表', table: TARGET_FORM }])))],
    ['national 自评表 .docx', async () => reportOf(await readReportBytes('自评表.docx', await toDocx([{ table: TARGET_FORM }])))],
    ['narrative with 得N分 phrasings', async () => reportOf(parseReportText(PHRASINGS_NARRATIVE))],
    ['narrative with 1.1 headings', async () => reportOf(parseReportText(DECIMAL_HEADINGS_NARRATIVE))],
    ['narrative with its table', async () => reportOf(parseDocument(documentOf([...PHRASINGS_NARRATIVE.split('\n'), { table: INPUT_PROCESS_TABLE }])))],
  ];

  it.each(shapes)('%s: no error finding, and no 乐昌 weights applied', async (_name, make) => {
    const findings = await findingsOf(await make());
    expect(errors(findings)).toEqual([]);
    expect(findings.filter((f) => f.ruleId === 'score/rubric-rule' && f.message.includes('乐昌'))).toEqual([]);
  });

  it('a wrong 合计 in the table is an error', async () => {
    const report = reportOf(parseDocument(documentOf([{ table: withCell(INPUT_PROCESS_TABLE, 11, 5, '96') }])));
    expect((await findingsOf(report)).filter((f) => f.severity === 'error').map((f) => [f.ruleId, f.line])).toEqual([['score/total-matches', 12]]);
  });

  it('a wrong 得分 = 分值 × 执行率 in the national form is an error', async () => {
    const report = reportOf(parseDocument(documentOf([{ table: withCell(withCell(TARGET_FORM, 3, 7, '9.8'), 15, 7, '95.8') }])));
    const found = errors(await findingsOf(report));
    expect(found.some((f) => /^formula\/budget-execution 第4行/u.test(f))).toBe(true);
    expect(found.every((f) => f.includes('第4行'))).toBe(true);
  });

  it('a table and its text that disagree are an error', async () => {
    const report = reportOf(parseDocument(documentOf([...PHRASINGS_NARRATIVE.split('\n'), { table: withCell(INPUT_PROCESS_TABLE, 10, 5, '17') }])));
    const found = errors(await findingsOf(report));
    expect(found.some((f) => f.startsWith('consistency/table-vs-text'))).toBe(true);
  });
});
