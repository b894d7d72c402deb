import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/formula/rubric-rate.js';
import { bySeverity, runRule, sampleWith } from '../../rule-tester.js';

describe('formula/rubric-rate', () => {
  it('on the sample: computes 政府采购执行率 = 65.02 ÷ 60.68 = 107.15% and 在职人员控制率 = 63.16% as info', () => {
    const findings = runRule(rule);
    expect(bySeverity(findings, 'error')).toEqual([]);
    const procurement = findings.find((f) => f.indicatorId === '预算执行/资金管理/政府采购执行率');
    expect(procurement).toMatchObject({ severity: 'info', line: 125, expected: '107.15%' });
    expect(procurement!.formula).toBe('决算支出 65.02 万元 ÷ 政府采购预算 60.68 万元 × 100% = 107.15%');
    const staff = findings.find((f) => f.indicatorId === '预算执行/人员管理');
    expect(staff).toMatchObject({ severity: 'info', line: 165, expected: '63.16%' });
    expect(staff!.message).toContain('符合');
  });

  it('says the deducted 支出率 58.48% cannot be recomputed because the inputs are missing', () => {
    const finding = runRule(rule).find((f) => f.indicatorId === '预算执行/资金管理/部门预算资金支出率');
    expect(finding).toMatchObject({ severity: 'info', line: 113, actual: '58.48%' });
    expect(finding!.message).toContain('无法复核');
  });

  it('compares when the report states the rate itself', () => {
    const right = sampleWith([125, '决算支出 65.02 万元，', '决算支出 65.02 万元，政府采购执行率为 107.15%，']);
    expect(bySeverity(runRule(rule, right), 'error')).toEqual([]);
    const wrong = sampleWith([125, '决算支出 65.02 万元，', '决算支出 65.02 万元，政府采购执行率为 93.33%，']);
    expect(bySeverity(runRule(rule, wrong), 'error')).toMatchObject([{ line: 125, expected: '107.15%', actual: '93.33%' }]);
  });

  it('follows a changed amount', () => {
    const finding = runRule(rule, sampleWith([125, '65.02', '55.02'])).find((f) => f.line === 125);
    expect(finding?.expected).toBe('90.67%');
  });
});
