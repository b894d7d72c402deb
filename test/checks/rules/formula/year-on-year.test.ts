import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/formula/year-on-year.js';
import { runRule, sampleWith } from '../../rule-tester.js';
import { reportOfItems, RULE_FORMATS, ruleFindings } from '../../rule-shapes.js';
import type { FixtureItem } from '../../../helpers/report-fixtures.js';

describe('formula/year-on-year', () => {
  it('accepts the sample: (285.53 − 374.30) ÷ 374.30 = −23.716…% → 减少 23.72% on lines 35 and 39', () => {
    expect(runRule(rule)).toEqual([]);
  });

  it.each([
    ['the stated percentage', 39, '23.72%', '23.27%', 39, '−23.72%'],
    ['the previous year', 35, '374.30', '384.30', 35, '−25.70%'],
    ['the current year', 39, '总支出决算数 285.53', '总支出决算数 295.53', 39, '−21.04%'],
  ])('flags a changed %s with the recomputed change and formula', (_label, line, from, to, at, expected) => {
    const findings = runRule(rule, sampleWith([line, from, to]));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', line: at, expected });
    expect(findings[0]!.formula).toMatch(/÷ 3\d4\.30 × 100% = −2\d\.\d\d%$/u);
  });

  it('knows 减少 is negative: saying 增加 23.72% is wrong', () => {
    const findings = runRule(rule, sampleWith([39, '减少 23.72%', '增加 23.72%']));
    expect(findings).toMatchObject([{ line: 39, expected: '−23.72%', actual: '增加 23.72%' }]);
    expect(findings[0]!.message).toContain('方向也相反');
  });

  it('compares with the nearest current-year figure of the same kind, not the first one in the paragraph', () => {
    const ok = sampleWith([175, '决算数为 0.0693 万元', '决算数为 0.0693 万元，比上年决算数 0.0770 万元下降 10.00%']);
    expect(runRule(rule, ok)).toEqual([]);
    const wrong = sampleWith([175, '决算数为 0.0693 万元', '决算数为 0.0693 万元，比上年决算数 0.0770 万元下降 20.00%']);
    expect(runRule(rule, wrong)).toMatchObject([{ line: 175, expected: '−10.00%' }]);
  });
});

describe('formula/year-on-year when a total is followed by its parts', () => {
  const paragraph = (rate: string) => `“三公”经费支出12.50万元，其中公务接待费2.50万元，公务用车运行维护费10.00万元，较上年15.00万元下降${rate}。`;
  const items = (rate: string): FixtureItem[] => [
    '某市示范局2024年度部门整体支出绩效自评报告', '一、部门整体支出情况', paragraph(rate),
    '二、绩效分析', '1. 经济性（100分）。自评得分100分，“三公”经费控制在预算以内。', '三、自评结论', '自评得分为100分。',
  ];

  it.each(RULE_FORMATS.filter((f) => f !== 'xlsx'))('%s: the sentence’s whole (12.50) gives the stated −16.67%: silent', async (format) => {
    expect(await ruleFindings(rule, await reportOfItems(format, items('16.67%')))).toEqual([]);
  });

  it.each(RULE_FORMATS.filter((f) => f !== 'xlsx'))('%s: a change no amount of the sentence gives (20%) is still an error', async (format) => {
    expect(await ruleFindings(rule, await reportOfItems(format, items('20%')))).toMatchObject([{ severity: 'error', actual: '下降 20%' }]);
  });
});

describe('formula/year-on-year in a 评分表 whose standard compares with last year', () => {
  const table = (reason: string) => [
    ['一级指标', '三级指标', '分值', '评分标准', '扣分', '得分', '扣分原因'],
    ['效益（100分）', '公路安全事故下降率', '100分', '较上年下降得100分，持平得60分，上升不得分', '0分', '100分', reason],
    ['合计', '<', '100分', '', '0分', '100分', ''],
  ];

  it.each(['docx', 'xlsx'] as const)('%s: the standard’s "较上年下降得100分" and the 分值/得分 are no amounts of this year or last', async (format) => {
    expect(await ruleFindings(rule, await reportOfItems(format, [{ table: table('较上年下降8.5%') }]))).toEqual([]);
  });

  it('a change with both years’ amounts in the reason cell is still recomputed', async () => {
    const reason = '本年事故11起，上年12起，较上年下降20%';
    expect(await ruleFindings(rule, await reportOfItems('docx', [{ table: table(reason) }]))).toMatchObject([{ severity: 'error', expected: '−8.33%' }]);
  });
});
