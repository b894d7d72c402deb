import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/consistency/rate-contradiction.js';
import { runRule, sampleWith } from '../../rule-tester.js';

describe('consistency/rate-contradiction', () => {
  it('on the sample: 支出率 58.48% next to 结余率 0% → warning that 41.52% is unaccounted for', () => {
    const findings = runRule(rule);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', line: 117, formula: '100% − 58.48% = 41.52%', actual: '0%' });
    expect(findings[0]!.related?.map((r) => r.line)).toEqual([113, 117]);
  });

  it('is satisfied when spending and balance account for the whole budget', () => {
    expect(runRule(rule, sampleWith([117, '结余率为 0%', '结余率为 41.52%']))).toEqual([]);
  });

  it('follows a changed rate', () => {
    const findings = runRule(rule, sampleWith([117, '58.48%', '78.48%']));
    expect(findings[0]?.formula).toBe('100% − 78.48% = 21.52%');
  });

  it('is satisfied when the report says the unspent money was withdrawn by the finance bureau', () => {
    const text = sampleWith([113, '导致 2024 年部分项目经费未支出', '未支出的项目经费年底由财政收回']);
    expect(runRule(rule, text)).toEqual([]);
  });
});
