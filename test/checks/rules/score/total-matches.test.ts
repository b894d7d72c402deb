import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/score/total-matches.js';
import { runRule, sampleWith } from '../../rule-tester.js';

describe('score/total-matches', () => {
  it('finds nothing on the sample: 96 + 3 = 99 as stated on line 65', () => {
    expect(runRule(rule)).toEqual([]);
  });

  it.each([
    ['the stated total', 65, '99 分', '98 分', '98', '99', '96 + 3 = 99'],
    ['a leaf score', 113, '自评得分 4 分', '自评得分 5 分', '99', '100', '97 + 3 = 100'],
    ['the bonus', 203, '自评得分 3 分', '自评得分 4 分', '99', '100', '96 + 4 = 100'],
  ])('flags a changed %s as an error on line 65', (_label, line, from, to, actual, expected, formula) => {
    const findings = runRule(rule, sampleWith([line, from, to]));
    expect(findings).toMatchObject([{ ruleId: 'score/total-matches', severity: 'error', line: 65, actual, expected, formula }]);
  });

  it('warns when the report states no total at all', () => {
    const findings = runRule(rule, sampleWith([65, '自评结果为 99 分', '自评结果良好']));
    expect(findings).toMatchObject([{ severity: 'warning', expected: '99' }]);
  });
});
