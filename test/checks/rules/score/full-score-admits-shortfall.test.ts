import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/score/full-score-admits-shortfall.js';
import { runRule, sampleWith } from '../../rule-tester.js';
import { loud, reportIn, reportOfItems, RULE_FORMATS, ruleFindings, type IndicatorRow } from '../../rule-shapes.js';

describe('score/full-score-admits-shortfall', () => {
  it('flags the three full scores the sample itself contradicts', () => {
    const findings = runRule(rule);
    expect(findings.map((f) => [f.indicatorId, f.severity, f.line])).toEqual([
      ['预算编制/目标设置/绩效目标合理性', 'warning', 99],
      ['预算执行/资金管理/结转结余率', 'warning', 117],
      ['资金使用效益/效率性/绩效目标完成率', 'warning', 185],
    ]);
    expect(findings[0]!.message).toContain('绩效目标不够科学合理');
    expect(findings[0]!.related?.map((r) => r.line)).toContain(227);
    expect(findings[1]!.message).toContain('58.48%');
    expect(findings[2]!.message).toContain('离实现绩效目标有差距');
  });

  it('is quiet once the score admits the shortfall, or the problem text no longer says so', () => {
    const lowered = runRule(rule, sampleWith([99, '自评得分4分', '自评得分3分']));
    expect(lowered.map((f) => f.indicatorId)).not.toContain('预算编制/目标设置/绩效目标合理性');
    const noProblem = runRule(rule, sampleWith([227, '设定的绩效目标不够科学合理，离实现绩效目标有差距', '绩效管理工作仍需加强']));
    expect(noProblem.map((f) => f.line)).toEqual([117]);
  });

  it('flags a full score whose own text admits an unfinished task', () => {
    const text = sampleWith([189, '所有项目均按计划时间完成', '个别项目未完成']);
    const finding = runRule(rule, text).find((f) => f.indicatorId === '资金使用效益/效率性/项目完成及时性');
    expect(finding?.message).toContain('未完成');
  });
});

describe('score/full-score-admits-shortfall decides with the indicator’s own standard, on every format', () => {
  const BANDS = '≥95%得6分；85%（含）-95%得4分；<85%得0分';
  const fill: IndicatorRow = { block: '产出', name: '服务事项办结率', weight: 94, score: 94, standard: '≥90%得满分；<90%得0分', reason: '办结率为96%' };

  it.each(RULE_FORMATS)('%s: full marks that the standard gives for the stated 98% are no shortfall', async (format) => {
    const report = await reportIn(format, [{ block: '过程', name: '部门预算执行率', weight: 6, score: 6, standard: BANDS, reason: '执行率为98%' }, fill]);
    expect(loud(await ruleFindings(rule, report))).toEqual([]);
  });

  it.each(RULE_FORMATS)('%s: without a standard, 96% under full marks is a note saying what is missing, not a warning', async (format) => {
    const report = await reportIn(format, [{ block: '过程', name: '部门预算执行率', weight: 6, score: 6, reason: '执行率为96%' }, fill]);
    const findings = await ruleFindings(rule, report);
    expect(loud(findings)).toEqual([]);
    expect(findings.find((f) => f.indicatorId?.endsWith('部门预算执行率'))?.message).toMatch(/无法判断这一比率能否得满分/u);
  });

  it.each(RULE_FORMATS)('%s: without a standard, a rate far below any full-marks threshold (60%) is still a warning', async (format) => {
    const report = await reportIn(format, [{ block: '过程', name: '部门预算执行率', weight: 6, score: 6, reason: '执行率为60%' }, fill]);
    expect(loud(await ruleFindings(rule, report))).toMatchObject([{ severity: 'warning', indicatorId: expect.stringContaining('部门预算执行率') }]);
  });

  it('a full score the standard does not give (90% under ≥95%) is score/own-standard’s error, not a second warning here', async () => {
    const report = await reportIn('xlsx', [{ block: '过程', name: '部门预算执行率', weight: 6, score: 6, standard: BANDS, reason: '执行率为90%' }, fill]);
    expect(loud(await ruleFindings(rule, report))).toEqual([]);
  });
});

describe('score/full-score-admits-shortfall: a denied shortfall is none', () => {
  const text = (sentence: string): string[] => [
    '某县气象局2024年度部门整体支出绩效自评报告', '自评得分为100分。', '（一）产出（100分）',
    `1.重点工作完成率（100分）。年初确定重点工作12项，全部按期完成，${sentence}，得100分。`,
  ];

  it.each([['未出现未完成事项'], ['不存在未达到目标的情况'], ['无未完成项目']])('%s: silent', async (sentence) => {
    expect(loud(await ruleFindings(rule, await reportOfItems('txt', text(sentence))))).toEqual([]);
  });

  it.each(RULE_FORMATS.filter((f) => f !== 'xlsx'))('%s: “1项因天气原因未完成” with full marks is still a warning', async (format) => {
    expect(loud(await ruleFindings(rule, await reportOfItems(format, text('其中1项因天气原因未完成'))))).toMatchObject([{ severity: 'warning' }]);
  });
});
