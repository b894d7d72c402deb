import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/score/within-weight.js';
import { BUNDLED_RUBRIC, runRule, sampleWith } from '../../rule-tester.js';

describe('score/within-weight', () => {
  it('finds nothing on the sample: every score is within its weight', () => {
    expect(runRule(rule)).toEqual([]);
  });

  it.each([
    ['政府采购执行率 3 of 2', 125, '自评得分 0 分', '自评得分 3 分', '政府采购执行率', '3'],
    ['效果性 11 of 10', 195, '自评得分 10 分', '自评得分 11 分', '效果性', '11'],
    ['绩效目标覆盖率 2.5 of 2', 95, '自评得分2分', '自评得分2.5分', '绩效目标覆盖率', '2.5'],
  ])('flags %s as an error on the score line', (_label, line, from, to, name, actual) => {
    const findings = runRule(rule, sampleWith([line, from, to]));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'score/within-weight', severity: 'error', line, actual });
    expect(findings[0]!.message).toContain(name);
  });

  it('allows a score equal to the weight and a score of zero', () => {
    expect(runRule(rule, sampleWith([113, '自评得分 4 分', '自评得分 6 分']))).toEqual([]);
    expect(runRule(rule, sampleWith([113, '自评得分 4 分', '自评得分 0 分']))).toEqual([]);
  });

  it('flags a bonus above the rubric cap when the rubric sets one', () => {
    const capped = { ...BUNDLED_RUBRIC, bonus: { description: '上限 2 分', max: 2, sources: [] } };
    const findings = runRule(rule, undefined, capped);
    expect(findings).toMatchObject([{ severity: 'error', line: 203, expected: '≤ 2', actual: '3' }]);
  });
});
