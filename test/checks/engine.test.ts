import { describe, expect, it } from 'vitest';
import { defineRule } from '../../src/checks/define-rule.js';
import { CRASH_RULE_ID, checkReport, runChecks, sortFindings } from '../../src/checks/engine.js';
import { RULES } from '../../src/checks/registry.js';
import { computeTotals, countBySeverity, summaryLine } from '../../src/checks/summary.js';
import { matchRubric } from '../../src/rubric/match-rubric.js';
import { BUNDLED_RUBRIC, parseText, SAMPLE_TEXT, sampleWith } from './rule-tester.js';

const boom = defineRule({
  id: 'test/boom', title: '会崩溃的规则', description: '测试用', severity: 'error',
  check() { throw new Error('故意出错'); },
});
const malformed = defineRule({
  id: 'test/malformed', title: '输出坏数据的规则', description: '测试用', severity: 'info',
  check: () => [{ ruleId: 'test/malformed', severity: 'info', message: '行号为 0', line: 0, sectionPath: [] }],
});

describe('runChecks', () => {
  it('the sample has no error-severity finding, and shows its warnings and explanations', () => {
    const { findings } = checkReport(parseText(SAMPLE_TEXT), BUNDLED_RUBRIC);
    const counts = countBySeverity(findings);
    expect(counts.error).toBe(0);
    expect(counts.warning).toBeGreaterThanOrEqual(5);
    expect(findings.map((f) => f.ruleId)).not.toContain(CRASH_RULE_ID);
    expect(summaryLine(findings)).toBe(`共 ${counts.total} 条：错误 0，警告 ${counts.warning}，提示 ${counts.info}`);
  });

  it('computes the totals in decimals: 26 assessed leaves, 96 + 3 = 99', () => {
    const totals = computeTotals(parseText(SAMPLE_TEXT));
    expect(totals.assessedLeaves).toBe(26);
    expect(totals.notAssessedLeaves).toBe(1);
    expect(totals.leafScores.toNumber()).toBe(96);
    expect(totals.computed.toNumber()).toBe(99);
    expect(totals.stated).toBe(99);
  });

  it('sorts by severity, then line', () => {
    const { findings } = checkReport(parseText(SAMPLE_TEXT), BUNDLED_RUBRIC);
    const rank = { error: 0, warning: 1, info: 2 };
    for (let i = 1; i < findings.length; i += 1) {
      const [a, b] = [findings[i - 1]!, findings[i]!];
      expect(rank[a.severity] < rank[b.severity] || (a.severity === b.severity && a.line <= b.line)).toBe(true);
    }
    expect(sortFindings([...findings].reverse())).toEqual(findings);
  });

  it('turns a crashing rule or a malformed finding into one warning and still runs the others', () => {
    const report = parseText(sampleWith([65, '99 分', '98 分']));
    const rubricMatch = matchRubric(report, BUNDLED_RUBRIC);
    const findings = runChecks(rubricMatch.report, { rubric: BUNDLED_RUBRIC, rubricMatch }, [boom, ...RULES, malformed]);
    const crashes = findings.filter((f) => f.ruleId === CRASH_RULE_ID);
    expect(crashes).toHaveLength(2);
    expect(crashes.every((f) => f.severity === 'warning')).toBe(true);
    expect(crashes[0]!.message).toContain('故意出错');
    expect(crashes.map((f) => f.message).join()).toContain('test/malformed');
    expect(findings.some((f) => f.ruleId === 'score/total-matches' && f.severity === 'error')).toBe(true);
  });
});

describe('changing any one number of the sample is caught, naming what and where', () => {
  const baseline = new Set(checkReport(parseText(SAMPLE_TEXT), BUNDLED_RUBRIC).findings.map((f) => `${f.ruleId}|${f.line}|${f.message}`));
  it.each([
    ['a score', 113, '自评得分 4 分', '自评得分 5 分', 'score/total-matches', 65, 'error'],
    ['a score above its weight', 125, '自评得分 0 分', '自评得分 3 分', 'score/within-weight', 125, 'error'],
    ['a leaf weight', 111, '(6 分)', '(7 分)', 'score/weights-sum', 109, 'error'],
    ['a block weight', 69, '（28 分）', '（29 分）', 'score/weights-sum', 69, 'error'],
    ['the stated total', 65, '99 分', '98 分', 'score/total-matches', 65, 'error'],
    ['the bonus', 203, '自评得分 3 分', '自评得分 4 分', 'score/total-matches', 65, 'error'],
    ['a year-on-year percentage', 39, '23.72%', '23.27%', 'formula/year-on-year', 39, 'error'],
    ['last year’s amount', 35, '374.30', '384.30', 'formula/year-on-year', 35, 'error'],
    ['a part of a sum', 39, '231.11', '231.21', 'formula/sum-of-parts', 39, 'error'],
    ['a project count', 95, '项目7个', '项目6个', 'formula/coverage-rate', 95, 'error'],
    ['a ratio', 175, '0.85', '0.88', 'formula/ratio', 175, 'error'],
    ['an amount behind a ratio', 175, '17.40', '21.40', 'formula/ratio', 175, 'error'],
    ['a headcount', 165, '12 人', '21 人', 'formula/ratio', 165, 'error'],
    ['a machine count', 213, '251 台', '215 台', 'consistency/same-quantity', 213, 'warning'],
    ['a staff count', 29, '现有干部职工 6 人', '现有干部职工 7 人', 'consistency/headcount', 165, 'warning'],
    ['a repeated rate', 117, '58.48%', '58.40%', 'consistency/same-quantity', 117, 'warning'],
  ] as const)('%s (line %i: %s → %s)', (_label, line, from, to, ruleId, at, severity) => {
    const { findings } = checkReport(parseText(sampleWith([line, from, to])), BUNDLED_RUBRIC);
    const fresh = findings.filter((f) => !baseline.has(`${f.ruleId}|${f.line}|${f.message}`));
    expect(fresh.find((f) => f.ruleId === ruleId && f.line === at)?.severity).toBe(severity);
    expect(findings.map((f) => f.ruleId)).not.toContain(CRASH_RULE_ID);
  });
});
