import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/consistency/headcount.js';
import { runRule, sampleWith } from '../../rule-tester.js';

describe('consistency/headcount', () => {
  it('on the sample: 编制 9 + 9 = 18 vs 核定编制数 19 (含工勤) is a warning; staff 6 + 6 = 12 agrees', () => {
    const findings = runRule(rule);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', line: 165, expected: '18', actual: '19', formula: '9 + 9 = 18' });
    expect(findings[0]!.message).toContain('含工勤');
    expect(findings[0]!.related?.map((r) => r.line)).toEqual([29, 165]);
  });

  it.each([
    ['staff of one unit', 29, '现有干部职工 6 人', '现有干部职工 7 人', '13'],
    ['在编人员', 165, '12 人', '11 人', '12'],
  ])('flags a changed %s', (_label, line, from, to, expected) => {
    const findings = runRule(rule, sampleWith([line, from, to]));
    expect(findings.find((f) => f.message.includes('在编'))).toMatchObject({ severity: 'warning', expected });
  });

  it('is satisfied when the breakdown adds up to the stated 编制', () => {
    expect(runRule(rule, sampleWith([165, '19 (含工勤)', '18']))).toEqual([]);
  });
});
