import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/score/deduction-column.js';
import { runRule } from '../../rule-tester.js';
import { reportOfItems, RULE_FORMATS, ruleFindings } from '../../rule-shapes.js';
import type { FixtureTable } from '../../../helpers/report-fixtures.js';

/** A Sichuan-style 评分表: 分值, 扣分 and 得分 columns ("5分" or 5), 分值 − 扣分 = 得分 on every row. */
function table(rows: [name: string, weight: string, deduction: string, score: string][]): FixtureTable {
  return [
    ['一级指标', '三级指标', '分值', '扣分', '得分', '扣分原因'],
    ...rows.map(([name, weight, deduction, score]) => ['过程', name, weight, deduction, score, /^-?0(?:分)?$/u.test(deduction) ? '' : '执行率未达标']),
  ];
}

/** Four rows, the first as given (a PDF reader needs a few rows to see a table); units written like the first row's. */
function rowsWith(first: [string, string, string, string], unit: '' | '分' = ''): [string, string, string, string][] {
  return [first, ...[['资金使用合规性', '30'], ['管理制度健全性', '30'], ['群众满意度', '30']].map(([name, w]) => [name!, `${w}${unit}`, `0${unit}`, `${w}${unit}`] as [string, string, string, string])];
}

const formats = RULE_FORMATS.filter((f) => f !== 'txt');

describe('score/deduction-column', () => {
  it('the sample (no 扣分 column) gets nothing', () => {
    expect(runRule(rule)).toEqual([]);
  });

  const valid: [string, [string, string, string, string][]][] = [
    ['plain numbers', rowsWith(['预算执行率', '10', '0.5', '9.5'])],
    ['written with 分', rowsWith(['预算执行率', '10分', '0.5分', '9.5分'], '分')],
    ['a deduction written as a negative number', rowsWith(['预算执行率', '10', '-0.5', '9.5'])],
  ];
  for (const [name, rows] of valid) {
    it.each(formats)(`%s: ${name} agree`, async (format) => {
      expect(await ruleFindings(rule, await reportOfItems(format, [{ table: table(rows) }]))).toEqual([]);
    });
  }

  const invalid: [string, [string, string, string, string][], string, string][] = [
    ['扣 0.5 but 得分 10', rowsWith(['预算执行率', '10', '0.5', '10']), '9.5', '10'],
    ['扣 2分 but 得分 9分', rowsWith(['预算执行率', '10分', '2分', '9分'], '分'), '8', '9'],
  ];
  for (const [name, rows, expected, actual] of invalid) {
    it.each(formats)(`%s: ${name} is one error expecting ${expected}`, async (format) => {
      expect(await ruleFindings(rule, await reportOfItems(format, [{ table: table(rows) }]))).toMatchObject([
        { severity: 'error', expected, actual, indicatorId: expect.stringContaining('预算执行率') },
      ]);
    });
  }

  it('a table without a 扣分 column is not this rule’s (扣分原因 is a reason, not a deduction)', async () => {
    const rows = [['一级指标', '三级指标', '分值', '得分', '扣分原因'], ['过程', '预算执行率', '10', '9.5', '扣0.5分']];
    expect(await ruleFindings(rule, await reportOfItems('docx', [{ table: rows }]))).toEqual([]);
  });
});
