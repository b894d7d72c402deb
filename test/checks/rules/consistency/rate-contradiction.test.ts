import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/consistency/rate-contradiction.js';
import { reportIn, RULE_FORMATS, ruleFindings, type IndicatorRow } from '../../rule-shapes.js';
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

describe('consistency/rate-contradiction reads stated rates, never a standard’s thresholds', () => {
  const rows: IndicatorRow[] = [
    { block: '过程', name: '预算执行率', weight: 10, score: 10, standard: '≥95%得满分', reason: '预算执行率为96%' },
    { block: '过程', name: '结转结余率', weight: 10, score: 10, standard: '结转结余率0%得10分；≤5%得8分', reason: '结转结余率为4%' },
    { block: '产出', name: '培训完成率', weight: 80, score: 80, standard: '≥90%得满分', reason: '完成率为96%' },
  ];

  it.each(RULE_FORMATS)('%s: the “0%” of “结转结余率0%得10分” is not the stated 结转结余率 (4% agrees with 96%)', async (format) => {
    expect(await ruleFindings(rule, await reportIn(format, rows))).toEqual([]);
  });

  it.each(RULE_FORMATS)('%s: a stated 结转结余率 of 0% beside 96% is still the contradiction', async (format) => {
    const zero = rows.map((r) => (r.name === '结转结余率' ? { ...r, reason: '结转结余率为0%' } : r));
    expect(await ruleFindings(rule, await reportIn(format, zero))).toMatchObject([{ severity: 'warning', expected: '≥ 4%', actual: '0%' }]);
  });
});
