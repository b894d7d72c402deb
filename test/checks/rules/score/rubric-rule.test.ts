import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/score/rubric-rule.js';
import { bySeverity, runRule, sampleWith } from '../../rule-tester.js';

describe('score/rubric-rule', () => {
  it('on the sample: the two deductions get an info that the local rule is unknown; nothing else', () => {
    const findings = runRule(rule);
    expect(findings.map((f) => [f.severity, f.line, f.indicatorId])).toEqual([
      ['info', 113, '预算执行/资金管理/部门预算资金支出率'],
      ['info', 125, '预算执行/资金管理/政府采购执行率'],
    ]);
    expect(findings[0]!.message).toContain('本地计分规则未知');
    expect(findings[0]!.message).toContain('评分细则');
  });

  it('applies a computable rule (在职人员控制率, other provinces) when the rate goes over 100%', () => {
    const findings = bySeverity(runRule(rule, sampleWith([165, '12 人', '21 人'])), 'warning');
    expect(findings).toMatchObject([{ line: 165, expected: '0', actual: '2' }]);
    expect(findings[0]!.message).toContain('110.53%');
    expect(findings[0]!.message).toContain('S2');
  });

  it('keeps quiet when the computable rule agrees (20 of 19 → 105.26%, 2 − 5.26 × 0.2 = 0.95)', () => {
    const text = sampleWith([165, '12 人', '20 人'], [165, '自评得分 2 分', '自评得分 0.95 分']);
    expect(runRule(rule, text).filter((f) => f.line === 165)).toEqual([]);
    expect(runRule(rule, sampleWith([165, '12 人', '20 人'])).filter((f) => f.line === 165)).toMatchObject([{ expected: '0.95', actual: '2' }]);
  });

  it('warns when a report weight differs from the rubric weight', () => {
    const findings = runRule(rule, sampleWith([123, '(2 分)', '(3 分)']));
    expect(findings.find((f) => f.line === 123)).toMatchObject({ severity: 'warning', expected: '2', actual: '3' });
  });
});

describe('score/rubric-rule with a reference framework', () => {
  it('does not compare weights with a rubric that sets none (53号), and no rubric means no finding', async () => {
    const { loadRubric, MOF_53_RUBRIC_PATH } = await import('../../../../src/rubric/load-rubric.js');
    const { REPORT_OWN_RUBRIC } = await import('../../../../src/rubric/select-rubric.js');
    const mof = await loadRubric(MOF_53_RUBRIC_PATH);
    const sample = runRule(rule, undefined, mof);
    expect(sample.filter((f) => f.severity === 'warning')).toEqual([]);
    expect(runRule(rule, undefined, REPORT_OWN_RUBRIC)).toEqual([]);
  });
});
