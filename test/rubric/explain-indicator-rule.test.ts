import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import { parseDocument } from '../../src/report/parse-document.js';
import { explainIndicatorRule } from '../../src/rubric/explain-indicator-rule.js';
import { matchRubric } from '../../src/rubric/match-rubric.js';
import { BUNDLED_RUBRIC, parseText, sampleWith, SAMPLE_TEXT } from '../checks/rule-tester.js';
import { documentOf } from '../helpers/report-fixtures.js';
import { queryOf } from '../../src/report/query/report-query.js';

const CONTROL = '≤100%得满分；每超1个百分点扣0.5分，扣完为止';

function tableReport(score: string): Report {
  const parsed = parseDocument(documentOf([{ table: [
    ['一级指标', '二级指标', '三级指标', '分值', '评分标准', '自评得分', '扣分原因'],
    ['投入', '预算配置', '在职人员控制率', '5', CONTROL, score, '在职人员控制率为 103.2%'],
    ['过程', '预算管理', '管理制度健全性', '95', '根据履职效果酌情评分', '95', ''],
    ['合计', '<', '<', '100', '', String(Number(score) + 95), ''],
  ] }], 'xlsx', 'fixture.xlsx'));
  if (!parsed.ok) throw new Error(parsed.problems[0]!.message);
  return parsed.report;
}

const node = (report: Report, name: string) => queryOf(report).indicators().find((n) => n.name === name)!;

describe('explainIndicatorRule (what the assistant says about a deduction)', () => {
  it('explains a deduction with the report’s own standard and the computation', () => {
    const report = tableReport('3.4');
    const explained = explainIndicatorRule(report, node(report, '在职人员控制率'));
    expect(explained).toMatchObject({ source: 'own-standard', rule: { kind: 'control-rate' }, computation: { expected: '3.4', actual: '3.4', agrees: true } });
    expect(explained.text).toContain(CONTROL);
    expect(explained.text).toContain('超 3.2 个百分点 × 0.5 = 扣 1.6 分');
    expect(explained.text).toContain('扣 1.6 分');
  });

  it('says when the stated score disagrees', () => {
    const report = tableReport('5');
    expect(explainIndicatorRule(report, node(report, '在职人员控制率')).computation).toMatchObject({ expected: '3.4', actual: '5', agrees: false });
  });

  it('an uncomputable standard is said to be so, with no number', () => {
    const report = tableReport('5');
    const explained = explainIndicatorRule(report, node(report, '管理制度健全性'));
    expect(explained).toMatchObject({ source: 'own-standard', rule: { kind: 'unknown' }, computation: null });
    expect(explained.text).toContain('无法自动算出');
  });

  it('falls back to the rubric’s rule (sample, 在职人员控制率 over 100%)', () => {
    const report = matchRubric(parseText(sampleWith([165, '12 人', '21 人'])), BUNDLED_RUBRIC).report;
    const explained = explainIndicatorRule(report, node(report, '人员管理'), BUNDLED_RUBRIC);
    expect(explained).toMatchObject({ source: 'rubric', computation: { expected: '0', actual: '2', agrees: false } });
    expect(explained.text).toContain('110.53%');
  });

  it('an unknown rubric rule is reported as unknown (sample, 部门预算资金支出率)', () => {
    const report = parseText(SAMPLE_TEXT);
    const explained = explainIndicatorRule(report, node(report, '部门预算资金支出率'), BUNDLED_RUBRIC);
    expect(explained).toMatchObject({ source: 'rubric', rule: { kind: 'unknown' }, computation: null });
  });
});
