import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/formula/rubric-rate.js';
import { bySeverity, runRule, sampleWith } from '../../rule-tester.js';
import { REPO_ROOT } from '../../../helpers/sample-report.js';

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

describe('formula/rubric-rate: a rate written with its parts in brackets', () => {
  const EXAMPLE = readFileSync(join(REPO_ROOT, 'knowledge', 'examples', '示例县数据服务中心-2024-自评报告.txt'), 'utf8');

  it('does not say “没有写出计算所需的数” for 结转结余率为 3.89%（26.99 万元÷693.56 万元）', () => {
    expect(EXAMPLE).toContain('结转结余率为 3.89%（26.99 万元÷693.56 万元）');
    const findings = runRule(rule, EXAMPLE).filter((f) => f.indicatorId?.endsWith('结转结余率'));
    expect(findings.map((f) => f.message).join()).not.toContain('没有写出计算所需的数');
  });

  it('still says so when the brackets are gone', () => {
    const text = EXAMPLE.replace('结转结余率为 3.89%（26.99 万元÷693.56 万元）', '结转结余率为 3.89%');
    const findings = runRule(rule, text).filter((f) => f.indicatorId?.endsWith('结转结余率'));
    expect(findings.map((f) => f.message).join()).toContain('没有写出计算所需的数');
  });
});
