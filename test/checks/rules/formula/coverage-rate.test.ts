import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/formula/coverage-rate.js';
import { runRule, sampleWith } from '../../rule-tester.js';

describe('formula/coverage-rate', () => {
  it('accepts the sample: 7 of 7 projects → 100%', () => {
    expect(runRule(rule)).toEqual([]);
  });

  it.each([
    ['the part', '项目7个', '项目6个', '85.71%'],
    ['the total', '共实施7个', '共实施8个', '87.50%'],
  ])('flags a changed %s', (_label, from, to, formulaEnd) => {
    const findings = runRule(rule, sampleWith([95, from, to]));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', line: 95, actual: '100%' });
    expect(findings[0]!.formula).toMatch(new RegExp(`= ${formulaEnd}$`, 'u'));
  });

  it('flags a changed stated rate', () => {
    expect(runRule(rule, sampleWith([95, '覆盖率为100%', '覆盖率为90%']))).toMatchObject([{ expected: '100%', actual: '90%' }]);
  });
});
