import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/formula/ratio.js';
import { runRule, sampleWith } from '../../rule-tester.js';
import { reportOfItems, RULE_FORMATS, ruleFindings } from '../../rule-shapes.js';
import type { FixtureItem } from '../../../helpers/report-fixtures.js';

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

describe('formula/ratio: a rate named after an act, in running text and a table’s 说明 cell', () => {
  const sentence = (rate: string) => `立案查处案件150件，办结144件，办结率${rate}，按办结率计分。`;
  const items = (rate: string): FixtureItem[] => [
    '某市示范局2024年度部门整体支出绩效自评报告',
    '一、绩效分析',
    `1. 案件办结率（15分）：${sentence(rate)}得14.4分。`,
    '2. 抽检任务完成率（85分）：计划抽检食品1200批次，实际完成1260批次，完成率105%，得85分。',
    '二、自评结论',
    '自评得分为99.4分。',
  ];

  it.each(RULE_FORMATS.filter((f) => f !== 'xlsx'))('%s: 144 ÷ 150 = 96% and 1260 ÷ 1200 = 105% agree', async (format) => {
    expect(await ruleFindings(rule, await reportOfItems(format, items('96%')))).toEqual([]);
  });

  it.each(RULE_FORMATS.filter((f) => f !== 'xlsx'))('%s: 办结率 97% is one error expecting 96%', async (format) => {
    expect(await ruleFindings(rule, await reportOfItems(format, items('97%')))).toMatchObject([
      { severity: 'error', expected: '96%', actual: '97%', formula: '144 ÷ 150 × 100% = 96.00%' },
    ]);
  });

  it('a rate without the amounts it is taken of is not recomputed (计划 amount missing)', async () => {
    const text = ['某市示范局2024年度部门整体支出绩效自评报告', '1. 案件办结率（100分）：办结144件，办结率97%，得97分。', '自评得分为97分。'];
    expect(await ruleFindings(rule, await reportOfItems('txt', text))).toEqual([]);
  });
});

describe('formula/ratio: an achievement rate after its planned and done amounts (an indicator without a rubric formula)', () => {
  const items = (procurement: string, execution = '96.48%'): FixtureItem[] => [
    '某镇人民政府2024年度部门整体支出绩效自评报告',
    '一、绩效分析',
    `1. 预算执行率（50分）：全年预算数36,200,000.00元，实际支出34,925,316.52元，预算执行率${execution}，得50分。`,
    `2. 设备购置资金执行率（30分）：设备购置预算2,480,000.00元，实际采购金额2,356,800.00元，设备购置资金执行率${procurement}，得30分。`,
    '3. 在职人员控制率（20分）：在职人员46人，编制数50人，在职人员控制率92.00%，得20分。',
    '二、自评结论',
    '自评得分为100分。',
  ];

  it.each(RULE_FORMATS.filter((f) => f !== 'xlsx'))('%s: done ÷ planned agrees (元 with thousands separators, two decimals)', async (format) => {
    expect(await ruleFindings(rule, await reportOfItems(format, items('95.03%')))).toEqual([]);
  });

  it.each(RULE_FORMATS.filter((f) => f !== 'xlsx'))('%s: 95.30% is one error expecting 95.03%', async (format) => {
    expect(await ruleFindings(rule, await reportOfItems(format, items('95.30%')))).toMatchObject([{ severity: 'error', expected: '95.03%', actual: '95.30%' }]);
  });

  it('a rate of another kind after the same two amounts is not taken as done ÷ planned (结转结余率)', async () => {
    const text = ['某镇人民政府2024年度部门整体支出绩效自评报告', '1. 结转结余率（100分）：全年预算数2500.00万元，实际支出2440.00万元，结转结余率2.4%，得100分。', '自评得分为100分。'];
    expect(await ruleFindings(rule, await reportOfItems('txt', text))).toEqual([]);
  });

  it('numbers of a 评分标准 cell and the 分值 are no parts of the stated rate', async () => {
    const table = [
      ['一级指标', '三级指标', '分值', '评分标准', '得分', '扣分原因'],
      ['过程（100分）', '预算执行率', '100分', '执行率≥95%得100分，每低1个百分点扣5分', '95分', '预算执行率为94%'],
      ['合计', '<', '100分', '', '95分', ''],
    ];
    expect(await ruleFindings(rule, await reportOfItems('docx', [{ table }]))).toEqual([]);
  });
});
