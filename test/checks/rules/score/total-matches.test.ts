import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/score/total-matches.js';
import { runRule, sampleWith } from '../../rule-tester.js';
import { loud, reportOfItems, RULE_FORMATS, ruleFindings } from '../../rule-shapes.js';
import type { FixtureItem, FixtureTable } from '../../../helpers/report-fixtures.js';

describe('score/total-matches', () => {
  it('finds nothing on the sample: 96 + 3 = 99 as stated on line 65', () => {
    expect(runRule(rule)).toEqual([]);
  });

  it.each([
    ['the stated total', 65, '99 分', '98 分', '98', '99', '96 + 3 = 99'],
    ['a leaf score', 113, '自评得分 4 分', '自评得分 5 分', '99', '100', '97 + 3 = 100'],
    ['the bonus', 203, '自评得分 3 分', '自评得分 4 分', '99', '100', '96 + 4 = 100'],
  ])('flags a changed %s as an error on line 65', (_label, line, from, to, actual, expected, formula) => {
    const findings = runRule(rule, sampleWith([line, from, to]));
    expect(findings).toMatchObject([{ ruleId: 'score/total-matches', severity: 'error', line: 65, actual, expected, formula }]);
  });

  it('warns when the report states no total at all', () => {
    const findings = runRule(rule, sampleWith([65, '自评结果为 99 分', '自评结果良好']));
    expect(findings).toMatchObject([{ severity: 'warning', expected: '99' }]);
  });
});

describe('score/total-matches with 加分项 and 扣分项 rows, on every table format', () => {
  /** 96 + 2 − 1 = 97: a 加分项 row and a 扣分项 row both count. */
  const table = (total: string): FixtureTable => [
    ['一级指标', '二级指标', '标准分', '评分办法', '评价得分', '得分说明'],
    ['决策', '目标设定', '20', '目标明确得20分', '20', ''],
    ['过程', '资金管理', '40', '预算执行率≥90%得40分', '38', '预算执行率为88%，扣2分'],
    ['产出', '产出数量', '40', '全部完成得40分', '38', '1项任务延期，扣2分'],
    ['加分项', '获得表彰', '3', '获省级表彰加2分', '2', '获省级表彰1项'],
    ['扣分项', '审计发现问题', '—', '每发现1个问题扣1分', '-1', '审计发现1个问题'],
    ['总分', '<', '100', '', total, ''],
  ];
  const items = (total: string, conclusion: string): FixtureItem[] => ['某区示范局2024年度部门整体支出绩效评价评分表', `经自评，我局综合评分${conclusion}分。`, { table: table(total), name: '评分表' }];
  const formats = RULE_FORMATS.filter((f) => f !== 'txt');

  it.each(formats)('%s: 96 + 2 − 1 = 97 agrees with the 总分 row and the conclusion', async (format) => {
    const report = await reportOfItems(format, items('97', '97'));
    expect(loud(await ruleFindings(rule, report))).toEqual([]);
  });

  it.each(formats)('%s: 98 written in the 总分 row and the conclusion is one error expecting 97', async (format) => {
    const findings = loud(await ruleFindings(rule, await reportOfItems(format, items('98', '98'))));
    expect(findings).toMatchObject([{ severity: 'error', expected: '97', actual: '98' }]);
    if (format !== 'xlsx') expect(findings[0]!.message).toMatch(/第 \d+、\d+ 行/u); // both places named
  });
});
