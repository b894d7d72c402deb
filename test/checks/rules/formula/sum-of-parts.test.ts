import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/formula/sum-of-parts.js';
import { runRule, sampleWith } from '../../rule-tester.js';

describe('formula/sum-of-parts', () => {
  it('accepts the sample: 231.11 + 54.42 = 285.53; single parts (285.53, 7 个, 4469 条) within their totals', () => {
    expect(runRule(rule)).toEqual([]);
  });

  it.each([
    ['a part', '231.11', '231.21', '285.63 万元'],
    ['the other part', '54.42', '53.42', '284.53 万元'],
    ['the total', '总支出决算数 285.53', '总支出决算数 258.53', '285.53 万元'],
  ])('flags a changed %s on line 39', (_label, from, to, actual) => {
    const findings = runRule(rule, sampleWith([39, from, to]));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', line: 39, actual });
    expect(findings[0]!.formula).toContain('=');
  });

  it('flags a single part larger than its total (其中 典型镇村 above the whole)', () => {
    const findings = runRule(rule, sampleWith([55, '4469条', '14469条']));
    expect(findings).toMatchObject([{ severity: 'error', line: 55 }]);
    expect(findings[0]!.message).toContain('还大');
  });

  it('counts 上年结转 as a part but not a 上年 comparison after the parts', () => {
    const text = sampleWith([39, '其中基本支出 231.11 万元，项目支出 54.42 万元', '其中基本支出 221.11 万元，项目支出 54.42 万元，上年结转 10.00 万元']);
    expect(runRule(rule, text)).toEqual([]);
    const wrong = sampleWith([39, '其中基本支出 231.11 万元，项目支出 54.42 万元', '其中基本支出 221.11 万元，项目支出 54.42 万元，上年结转 12.00 万元']);
    expect(runRule(rule, wrong)).toMatchObject([{ line: 39, formula: '221.11 + 54.42 + 12.00 = 287.53' }]);
  });
});
