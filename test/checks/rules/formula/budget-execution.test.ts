import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/formula/budget-execution.js';
import { checkReport } from '../../../../src/checks/engine.js';
import { parseDocument } from '../../../../src/report/parse-document.js';
import type { Report } from '../../../../src/model/index.js';
import { BUNDLED_RUBRIC } from '../../rule-tester.js';
import { TARGET_FORM, documentOf, withCell, type FixtureTable } from '../../../helpers/report-fixtures.js';

function formOf(table: FixtureTable): Report {
  const parsed = parseDocument(documentOf([{ table }]));
  if (!parsed.ok) throw new Error(parsed.problems[0]!.message);
  return parsed.report;
}

const run = (table: FixtureTable) => checkReport(formOf(table), BUNDLED_RUBRIC, [rule]).findings;

describe('formula/budget-execution', () => {
  it('finds nothing on a form whose rates, score and sums recompute (570 ÷ 600 = 95%, 10 × 95% = 9.5)', () => {
    expect(run(TARGET_FORM)).toEqual([]);
  });

  it.each([
    ['the total row’s 执行率', 3, 6, '96%', '95%', '96%', '570 ÷ 600 × 100% = 95%'],
    ['a part’s 执行率', 5, 6, '95%', '90%', '95%', '45 ÷ 50 × 100% = 90%'],
    ['the 得分 (分值 × 执行率)', 3, 7, '9.8', '9.5', '9.8', '10 × 95% = 9.5'],
    ['a 执行率 written with decimals', 3, 6, '95.10%', '95.00%', '95.10%', '570 ÷ 600 × 100% = 95.00%'],
  ])('flags %s', (_label, row, column, text, expected, actual, formula) => {
    const findings = run(withCell(TARGET_FORM, row, column, text));
    expect(findings).toMatchObject([{ ruleId: 'formula/budget-execution', severity: 'error', line: row + 1, expected, actual, formula }]);
  });

  it('caps the score at 分值 when more was spent than budgeted', () => {
    const over = withCell(withCell(withCell(TARGET_FORM, 3, 4, '630'), 3, 6, '105%'), 3, 7, '10');
    const overParts = withCell(withCell(over, 4, 4, '560'), 4, 6, '107.69%');
    expect(run(overParts)).toEqual([]);
    const tooMuch = withCell(overParts, 3, 7, '10.5');
    expect(run(tooMuch)).toMatchObject([{ expected: '10.0', actual: '10.5', formula: expect.stringContaining('不超过分值 10') }]);
  });

  it('flags parts that do not add up to 年度资金总额, per column', () => {
    const findings = run(withCell(TARGET_FORM, 4, 3, '510'));
    const sums = findings.filter((f) => f.formula === '510 + 50 + 30 = 590');
    expect(sums).toMatchObject([{ severity: 'error', line: 4, expected: '590', actual: '600' }]);
  });

  it('says nothing when the report has no budget block', () => {
    const report = formOf(TARGET_FORM.slice(9));
    expect(report.budget).toBeUndefined();
    expect(checkReport(report, BUNDLED_RUBRIC, [rule]).findings).toEqual([]);
  });
});
