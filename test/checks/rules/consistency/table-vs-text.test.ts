import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/consistency/table-vs-text.js';
import { checkReport } from '../../../../src/checks/engine.js';
import { parseDocument } from '../../../../src/report/parse-document.js';
import { indicatorLeaves } from '../../../../src/report/indicators.js';
import type { Report } from '../../../../src/model/index.js';
import { BUNDLED_RUBRIC } from '../../rule-tester.js';
import { INPUT_PROCESS_TABLE, PHRASINGS_NARRATIVE, documentOf, withCell, type FixtureTable } from '../../../helpers/report-fixtures.js';

/** The narrative report with its 评分表 appended, as a Word document would hold them. */
function reportOf(text: string, table: FixtureTable = INPUT_PROCESS_TABLE): Report {
  const parsed = parseDocument(documentOf([...text.split('\n'), '附表：自评评分表', { table }]));
  if (!parsed.ok) throw new Error(parsed.problems[0]!.message);
  return parsed.report;
}

const run = (report: Report) => checkReport(report, BUNDLED_RUBRIC, [rule]).findings;

describe('consistency/table-vs-text', () => {
  it('the table gives the tree, the text is kept as a second view: no double counting, no finding when they agree', () => {
    const report = reportOf(PHRASINGS_NARRATIVE);
    expect(indicatorLeaves(report.indicators)).toHaveLength(9);
    expect(indicatorLeaves(report.indicators)[0]!.location).toMatchObject({ table: 1 });
    expect(indicatorLeaves(report.textView!.indicators)).toHaveLength(9);
    expect(report.statedTotals.map((t) => t.value)).toEqual([95, 95]);
    expect(run(report)).toEqual([]);
  });

  it('flags an indicator whose score differs between table (2 分) and text (3 分)', () => {
    const report = reportOf(PHRASINGS_NARRATIVE, withCell(INPUT_PROCESS_TABLE, 10, 5, '17'));
    const findings = run(report);
    expect(findings).toMatchObject([
      { severity: 'error', indicatorId: '效果/社会效益/服务对象满意度', expected: '17', actual: '18', line: 28, location: { table: 1, row: 11 } },
    ]);
    expect(findings[0]!.message).toContain('表格中为 17 分');
  });

  it('flags a weight that differs', () => {
    const text = PHRASINGS_NARRATIVE.replace('2. 资金使用合规性（10分）', '2. 资金使用合规性（8分）');
    const findings = run(reportOf(text));
    expect(findings).toMatchObject([{ expected: '10', actual: '8', message: expect.stringContaining('分值') }]);
  });

  it('flags the table’s 总分 against the text’s 自评得分', () => {
    const text = PHRASINGS_NARRATIVE.replace('自评结果为95分', '自评结果为96分');
    const findings = run(reportOf(text));
    expect(findings).toMatchObject([{ severity: 'error', line: 5, expected: '95', actual: '96' }]);
  });

  it('reads a real .docx with the narrative and its table the same way', async () => {
    const { readReportBytes } = await import('../../../../src/report/parse-report.js');
    const { toDocx } = await import('../../../helpers/report-fixtures.js');
    const bytes = await toDocx([...PHRASINGS_NARRATIVE.split('\n'), '附表：自评评分表', { table: withCell(INPUT_PROCESS_TABLE, 10, 5, '17') }]);
    const parsed = await readReportBytes('报告.docx', bytes);
    if (!parsed.ok) throw new Error(parsed.problems[0]!.message);
    expect(run(parsed.report)).toMatchObject([{ expected: '17', actual: '18', location: { table: 1, row: 11 } }]);
  });

  it('says nothing on a report without a table', () => {
    const parsed = parseDocument(documentOf(PHRASINGS_NARRATIVE.split('\n')));
    if (!parsed.ok) throw new Error('parse');
    expect(parsed.report.textView).toBeUndefined();
    expect(run(parsed.report)).toEqual([]);
  });
});
