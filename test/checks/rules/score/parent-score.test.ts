import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/score/parent-score.js';
import { runRule, sampleWith } from '../../rule-tester.js';
import { loud, reportOfItems, ruleFindings } from '../../rule-shapes.js';

describe('score/parent-score', () => {
  it('finds nothing on the sample (no parent states its own score)', () => {
    expect(runRule(rule)).toEqual([]);
  });

  it('accepts a parent score that equals its children (资金管理 4+3+3+0+4+4 = 18, 不考核 counts 0)', () => {
    expect(runRule(rule, sampleWith([109, '指标分值 22 分。', '指标分值 22 分。自评得分 18 分。']))).toEqual([]);
  });

  it('flags a parent score that differs from the children sum', () => {
    const findings = runRule(rule, sampleWith([109, '指标分值 22 分。', '指标分值 22 分。自评得分 20 分。']));
    expect(findings).toMatchObject([{ severity: 'error', line: 109, expected: '18', actual: '20', formula: '4 + 3 + 3 + 0 + 4 + 0 + 4 = 18' }]);
    expect(findings[0]!.message).toContain('资金管理');
  });
});

describe('score/parent-score: a stated subtotal against its children (narrative and table)', () => {
  const narrative = (subtotal: string, second: string) => [
    '某县示范局2024年度部门整体支出绩效自评报告',
    '一、绩效分析',
    '（一）预算执行情况（100分）',
    `1. 资金管理。指标分值100分，自评得分${subtotal}分。`,
    '（1）预算执行率（50分）。自评得分45分，执行率为90%，未达到序时进度，扣5分。',
    `（2）政府采购执行率（50分）。${second}`,
    `二、自评结论`,
    `经自评，自评结果为95分。`,
  ];

  it('agrees: 45 + 50 = 95', async () => {
    expect(await ruleFindings(rule, await reportOfItems('txt', narrative('95', '自评得分50分，采购按预算执行。')))).toEqual([]);
  });

  it('a subtotal that differs from its stated children is an error', async () => {
    expect(loud(await ruleFindings(rule, await reportOfItems('txt', narrative('98', '自评得分50分，采购按预算执行。'))))).toMatchObject([
      { severity: 'error', expected: '95', actual: '98', formula: '45 + 50 = 95' },
    ]);
  });

  it('a child without a stated score cannot be summed: an info naming it, not an error', async () => {
    const findings = await ruleFindings(rule, await reportOfItems('txt', narrative('95', '采购按预算执行。')));
    expect(loud(findings)).toEqual([]);
    expect(findings).toMatchObject([{ severity: 'info', message: expect.stringContaining('“政府采购执行率”没有写得分') }]);
  });
});
