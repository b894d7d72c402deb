import { describe, expect, it } from 'vitest';
import type { IndicatorNode, Report } from '../../src/model/index.js';
import { parseReportText } from '../../src/report/parse-report.js';
import { queryOf } from '../../src/report/query/report-query.js';
import type { FixtureItem } from '../helpers/report-fixtures.js';
import { TABLE_FORMATS, readAs, reportOf } from './read-as.js';

const TITLE = '某县某局2024年度部门整体支出绩效自评报告';

function leaf(report: Report, name: string): IndicatorNode {
  const found = queryOf(report).leaves().find((n) => n.name === name);
  if (!found) throw new Error(`no leaf ${name}: ${queryOf(report).leaves().map((n) => n.name).join('、')}`);
  return found;
}

type Fact = { value: string | null; unit: string; from: string } | null;
const factOf = (f: IndicatorNode['actual']): Fact => (f ? { value: f.value, unit: f.unit, from: f.from } : null);

/** Rows of tables: [what, table rows, indicator, expected actual, expected target]. */
const TABLE_CASES: [string, string[][], string, Fact, Fact][] = [
  ['扣分原因 states the rate; 95% there is a comparison', [
    ['一级指标', '二级指标', '三级指标', '分值', '评分标准', '自评得分', '扣分原因'],
    ['过程', '预算执行', '项目支出执行率', '6', '≥95%得6分；85%（含）-95%得4分；<85%得0分', '4', '执行率为88.3%，低于95%'],
    ['合计', '<', '<', '6', '', '4', ''],
  ], '项目支出执行率', { value: '88.3', unit: '%', from: 'reason-cell' }, null],
  ['扣分原因 with a plan and a count: the rate is the value', [
    ['一级指标', '二级指标', '三级指标', '分值', '评分标准', '自评得分', '扣分原因'],
    ['产出', '职责履行', '重点工作完成率', '10', '按完成比例计分', '9.5', '计划20项，完成19项，完成率95%'],
    ['合计', '<', '<', '10', '', '9.5', ''],
  ], '重点工作完成率', { value: '95', unit: '%', from: 'reason-cell' }, null],
  ['扣分原因 about something else: no value', [
    ['一级指标', '二级指标', '三级指标', '分值', '评分标准', '自评得分', '扣分原因'],
    ['过程', '预算管理', '资金使用合规性', '10', '每发现一例违规扣2分，扣完为止', '8', '审计发现1笔支出凭证附件不全'],
    ['合计', '<', '<', '10', '', '8', ''],
  ], '资金使用合规性', null, null],
  ['扣分原因 with only a plan and what was done: both, for a 按完成比例 standard', [
    ['指标名称', '权重', '评分依据', '得分', '得分说明'],
    ['重点任务完成率', '30', '按完成比例计分', '28.5', '计划完成20项，实际完成19项'],
    ['得分合计', '30', '', '28.5', ''],
  ], '重点任务完成率', { value: '19', unit: '项', from: 'reason-cell' }, { value: '20', unit: '项', from: 'reason-cell' }],
  ['实际完成值 and 年度指标值 columns', [
    ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
    ['满意度指标', '服务对象满意度指标', '居民满意度', '≥90%', '88%', '10', '8', '部分群众反映等候时间较长'],
    ['总分', '<', '<', '<', '<', '10', '8', ''],
  ], '居民满意度', { value: '88', unit: '%', from: 'actual-column' }, { value: '90', unit: '%', from: 'target-column' }],
  ['a qualitative 实际完成值: a fact without a value', [
    ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因'],
    ['效益指标', '社会效益指标', '群众获得感', '明显提升', '有所提升', '10', '9', '宣传不足'],
    ['总分', '<', '<', '<', '<', '10', '9', ''],
  ], '群众获得感', { value: null, unit: '', from: 'actual-column' }, { value: null, unit: '', from: 'target-column' }],
];

describe('indicator facts from tables, every format', () => {
  for (const format of TABLE_FORMATS) {
    it.each(TABLE_CASES)(`${format}: %s`, async (_what, table, name, actual, target) => {
      const node = leaf(reportOf(await readAs(format, [TITLE, { table }])), name);
      expect(factOf(node.actual)).toEqual(actual);
      expect(factOf(node.target)).toEqual(target);
      if (node.actual) expect(node.actual.line).toBe(node.line);
    });
  }

  it.each(['docx', 'xlsx'] as const)('%s: the fact says which cell it came from, and the figure read is the actual one', async (format) => {
    const report = reportOf(await readAs(format, [TITLE, { table: TABLE_CASES[0]![1] }]));
    const node = leaf(report, '项目支出执行率');
    expect(node.actual?.location).toMatchObject(format === 'xlsx' ? { cell: 'G2' } : { table: 1, row: 2, column: 7 });
    expect(node.actual?.text).toBe('执行率为88.3%，低于95%');
    expect(queryOf(report).figureById(node.actual!.figureId!)?.role).toBe('actual');
    expect(node.standardSource).toMatchObject({ from: 'standard-column', line: node.line });
  });
});

const NARRATIVE = (body: string): FixtureItem[] => [
  TITLE, '一、自评结论', '经自评，我局2024年度部门整体支出绩效自评得分为6分。', '二、绩效分析', '（一）预算执行情况（6分）',
  `1.部门预算资金支出率（6分）。${body}`,
];

const NARRATIVE_CASES: [string, string, Fact][] = [
  ['the rate its sentence names', '自评得分4分，全年预算资金支出率为58.48%。主要是项目经费未支出。', { value: '58.48', unit: '%', from: 'evidence-sentence' }],
  ['a threshold of its own standard is not the value', '评分标准：≥90%得6分；80%-90%得4分。全年预算资金支出率为85%，自评得分4分。', { value: '85', unit: '%', from: 'evidence-sentence' }],
  ['a comparison is not the value', '自评得分4分，部门预算资金支出率为85%，低于90%。', { value: '85', unit: '%', from: 'evidence-sentence' }],
  ['no rate stated', '自评得分6分，预算执行情况良好。', null],
];

describe('indicator facts from a narrative (text and docx)', () => {
  for (const format of ['txt', 'docx'] as const) {
    it.each(NARRATIVE_CASES)(`${format}: %s`, async (_what, body, actual) => {
      const node = leaf(reportOf(await readAs(format, NARRATIVE(body))), '部门预算资金支出率');
      expect(factOf(node.actual)).toEqual(actual);
    });
  }
});

it('the sample: 58.48% is the stated 部门预算资金支出率, read from its sentence', async () => {
  const { readFile } = await import('node:fs/promises');
  const result = parseReportText(await readFile(new URL('../../../shared/reports/lechang-2024-self-eval.txt', import.meta.url), 'utf8'));
  const node = leaf(reportOf(result), '部门预算资金支出率');
  expect(factOf(node.actual)).toEqual({ value: '58.48', unit: '%', from: 'evidence-sentence' });
  expect(node.actual?.text).toContain('全年预算资金支出率为58.48%');
});
