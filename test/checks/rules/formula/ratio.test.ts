import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/formula/ratio.js';
import { runRule, sampleWith } from '../../rule-tester.js';

describe('formula/ratio', () => {
  it('accepts the sample: 17.40 ÷ 20.4 = 0.8529… → 0.85; 12 ÷ 19 = 63.16% ≤ 100%; 0.0693 ≤ 3.55', () => {
    expect(runRule(rule)).toEqual([]);
  });

  it('flags a stated ratio that does not recompute', () => {
    const findings = runRule(rule, sampleWith([175, '比率为 0.85', '比率为 0.88']));
    expect(findings).toMatchObject([{ severity: 'error', line: 175, expected: '0.85', actual: '0.88', formula: '17.40 ÷ 20.4 = 0.85' }]);
  });

  it('flags a changed amount: the ratio and the “不超预算” claim both break', () => {
    const findings = runRule(rule, sampleWith([175, '17.40', '21.40']));
    expect(findings.map((f) => [f.severity, f.line])).toEqual([['error', 175], ['error', 175]]);
    expect(findings.map((f) => f.message).join()).toContain('不超预算');
  });

  it('flags a bound that no longer holds (21 of 19 people is not ≤ 100%)', () => {
    const findings = runRule(rule, sampleWith([165, '12 人', '21 人']));
    expect(findings).toMatchObject([{ severity: 'error', line: 165, expected: '110.53%' }]);
  });

  it('flags “实际支出数 ≤ 预算” when the 三公 actual exceeds its budget', () => {
    const findings = runRule(rule, sampleWith([175, '0.0693 万元', '3.693 万元']));
    expect(findings).toMatchObject([{ severity: 'error', line: 175, actual: '3.693 万元' }]);
  });
});
