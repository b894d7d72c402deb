import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/score/own-standard.js';
import { bySeverity, runRule } from '../../rule-tester.js';
import { loud, reportIn, reportOfItems, RULE_FORMATS, ruleFindings, type IndicatorRow } from '../../rule-shapes.js';

type Row = [level1: string, level2: string, name: string, weight: string, standard: string, score: string, reason: string];

/** A 评分表 in the 投入/过程/产出/效果 system as a pipe table (invented unit and figures). */
function table(rows: Row[], total = '合计'): string {
  const sum = rows.reduce((s, r) => s + Number(r[5]), 0);
  return [
    '示例县农业服务中心2024年度部门整体支出绩效自评报告',
    '',
    '| 一级指标 | 二级指标 | 三级指标 | 分值 | 评分标准 | 自评得分 | 扣分原因 |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    `| ${total} | | | 100 | | ${sum} | |`,
    '',
    `自评得分 ${sum} 分。`,
  ].join('\n');
}

const CONTROL = '≤100%得满分；每超1个百分点扣0.5分，扣完为止';
const BANDS = '≥90%得5分；80%（含）-90%得4分；70%（含）-80%得3分；60%（含）-70%得2分；<60%得0分';
const FILL: Row[] = [['产出', '职责履行', '实际完成率', '45', '根据履职效果酌情评分', '45', ''], ['效果', '履职效益', '社会效益', '40', '根据履职效果酌情评分', '40', '']];

function rows(first: Row, second: Row): Row[] {
  return [first, second, ...FILL];
}

describe('score/own-standard', () => {
  it.each([
    ['control rate within the limit', ['投入', '预算配置', '在职人员控制率', '5', CONTROL, '5', '在职人员控制率为 98.5%'] as Row],
    ['control rate over: 3.2 × 0.5 = 1.6', ['投入', '预算配置', '在职人员控制率', '5', CONTROL, '3.4', '在职人员控制率为 103.2%'] as Row],
    ['band 80%–90%', ['投入', '预算配置', '重点支出安排率', '5', BANDS, '4', '重点支出安排率 85%'] as Row],
    ['proportional', ['投入', '预算配置', '预算完成率', '5', '得分=分值×完成率', '4.5', '完成率 90%'] as Row],
    ['the target in the reason is not the measured rate', ['投入', '预算配置', '重点支出安排率', '5', BANDS, '4', '未达到90%的目标，重点支出安排率为85%'] as Row],
    ['a fall is a negative change: 下降12.5% meets ≤0', ['过程', '成本控制', '“三公经费”变动率', '5', '≤0得满分；>0时每超1个百分点扣0.5分，扣完为止', '5', '“三公”经费较上年下降12.5%'] as Row],
  ])('clean: %s', (_name, row) => {
    const text = table(rows(row, ['过程', '预算执行', '预算调整率', '10', '=0得10分；>0得0分', '10', '预算调整率为 0']));
    expect(bySeverity(runRule(rule, text), 'error')).toEqual([]);
  });

  it.each([
    ['control rate over, full score claimed', ['投入', '预算配置', '在职人员控制率', '5', CONTROL, '5', '在职人员控制率为 103.2%'] as Row, '3.4', '超 3.2 个百分点 × 0.5 = 扣 1.6 分，应得 3.4 分'],
    ['band: 85% is 4, not 5', ['投入', '预算配置', '重点支出安排率', '5', BANDS, '5', '重点支出安排率 85%'] as Row, '4', '80% ≤ x < 90%'],
    ['band, rate written as 达到', ['投入', '预算配置', '重点支出安排率', '5', BANDS, '5', '重点支出安排率达到85%'] as Row, '4', '85%'],
    ['band, the target in the reason is skipped', ['投入', '预算配置', '重点支出安排率', '5', BANDS, '5', '未达到90%的目标，重点支出安排率为85%'] as Row, '4', '扣分原因写明 85%'],
    ['proportional: 5 × 90% = 4.5', ['投入', '预算配置', '预算完成率', '5', '得分=分值×完成率', '5', '完成率 90%'] as Row, '4.5', '5 × 90% = 4.5'],
    ['a rise stays positive: 增长3% over ≤0', ['过程', '成本控制', '“三公经费”变动率', '5', '≤0得满分；>0时每超1个百分点扣0.5分，扣完为止', '5', '“三公”经费较上年增长3%'] as Row, '3.5', '扣 1.5 分'],
  ])('mutation caught: %s', (_name, row, expected, formula) => {
    const text = table(rows(row, ['过程', '预算执行', '预算调整率', '10', '=0得10分；>0得0分', '10', '预算调整率为 0']));
    const errors = bySeverity(runRule(rule, text), 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ expected, indicatorId: expect.stringContaining(row[2]), location: { table: 1 } });
    expect(errors[0]!.formula).toContain(formula);
    expect(errors[0]!.message).toContain(row[4]);
  });

  it('an uncomputable standard with lost points gets one info naming the standard and why', () => {
    const text = table(rows(['投入', '预算配置', '在职人员控制率', '5', CONTROL, '5', '在职人员控制率为 98%'], ['过程', '预算管理', '管理制度健全性', '10', '根据履职效果酌情评分', '8', '制度不够完善']));
    const infos = bySeverity(runRule(rule, text), 'info').filter((f) => f.indicatorId?.endsWith('管理制度健全性'));
    expect(infos).toHaveLength(1);
    expect(infos[0]!.message).toContain('根据履职效果酌情评分');
    expect(infos[0]!.message).toContain('无法自动计算');
  });

  it('full-score rows with uncomputable standards are listed once, not one note each', () => {
    const text = table(rows(['投入', '预算配置', '在职人员控制率', '5', CONTROL, '5', '在职人员控制率为 98%'], ['过程', '预算管理', '管理制度健全性', '10', '根据履职效果酌情评分', '10', '']));
    const infos = bySeverity(runRule(rule, text), 'info');
    expect(infos).toHaveLength(1);
    expect(infos[0]!.message).toMatch(/^3 项/u);
  });

  it('a countable standard becomes computable when the reason states the count', () => {
    const row = (score: string, reason: string): Row => ['过程', '预算管理', '资金使用合规性', '10', '每出现一例不符合扣1分，扣完为止', score, reason];
    const base: Row = ['投入', '预算配置', '在职人员控制率', '5', CONTROL, '5', '在职人员控制率为 98%'];
    expect(bySeverity(runRule(rule, table(rows(base, row('8', '抽查发现2例报销手续不全')))), 'error')).toEqual([]);
    expect(bySeverity(runRule(rule, table(rows(base, row('9', '抽查发现2例报销手续不全')))), 'error')).toMatchObject([{ expected: '8', actual: '9' }]);
  });

  it('a number inside the 评分标准 cell is not the measured value', () => {
    const row: Row = ['过程', '预算管理', '验收合格率', '10', '=100%得10分', '9', '1个项目验收延期导致合格率未达标'];
    const text = table(rows(['投入', '预算配置', '在职人员控制率', '5', CONTROL, '5', '在职人员控制率为 98%'], row));
    expect(bySeverity(runRule(rule, text), 'error')).toEqual([]);
    expect(runRule(rule, text).find((f) => f.indicatorId?.endsWith('验收合格率'))?.message).toContain('无法自动计算');
  });

  it('the sample (narrative, no 评分标准 cells) gets nothing', () => {
    expect(runRule(rule)).toEqual([]);
  });
});

describe('score/own-standard on every table format', () => {
  const BANDS = '≥95%得6分；85%（含）-95%得4分；<85%得0分';
  const fill: IndicatorRow = { block: '产出', name: '培训完成率', weight: 94, score: 94, standard: '≥90%得满分；<90%得0分', reason: '完成率为96%' };
  const formats = RULE_FORMATS.filter((f) => f !== 'txt');

  it.each(formats)('%s: the actual is read from the 扣分原因 cell (88.3%), the 95% it is compared with is not', async (format) => {
    const row: IndicatorRow = { block: '过程', name: '项目支出执行率', weight: 6, score: 4, standard: BANDS, reason: '执行率为88.3%，低于95%' };
    expect(loud(await ruleFindings(rule, await reportIn(format, [row, fill])))).toEqual([]);
  });

  it.each(formats)('%s: 6 where 88.3% earns 4 is exactly one error expecting 4', async (format) => {
    const row: IndicatorRow = { block: '过程', name: '项目支出执行率', weight: 6, score: 6, standard: BANDS, reason: '执行率为88.3%，低于95%' };
    expect(loud(await ruleFindings(rule, await reportIn(format, [row, fill])))).toMatchObject([{ severity: 'error', expected: '4', actual: '6' }]);
  });

  it('below what the standard gives: a stated cause makes it a note, none a warning', async () => {
    const row = (reason: string): IndicatorRow => ({ block: '过程', name: '部门预算执行率', weight: 6, score: 4, standard: BANDS, reason });
    const withCause = await ruleFindings(rule, await reportIn('xlsx', [row('执行率为98%，但未按序时进度执行，扣2分'), fill]));
    expect(loud(withCause)).toEqual([]);
    expect(withCause.find((f) => f.indicatorId?.endsWith('部门预算执行率'))).toMatchObject({ severity: 'info', expected: '6' });
    expect(loud(await ruleFindings(rule, await reportIn('xlsx', [row('执行率为98%'), fill])))).toMatchObject([{ severity: 'warning', expected: '6', actual: '4' }]);
  });
});

describe('score/own-standard says which is missing: a value or a computable standard', () => {
  it('full marks under a computable standard without the value it needs are listed apart from judgement standards', async () => {
    const rows: IndicatorRow[] = [
      { block: '投入', name: '在职人员控制率', weight: 5, score: 5, standard: CONTROL },
      { block: '过程', name: '管理制度健全性', weight: 95, score: 95, standard: '根据履职效果酌情评分' },
    ];
    const messages = (await ruleFindings(rule, await reportIn('xlsx', rows))).map((f) => f.message);
    expect(messages).toEqual([
      expect.stringMatching(/^1 项得满分的指标没有写出评分标准所需的实际值.*“在职人员控制率”/u),
      expect.stringMatching(/^1 项得满分的指标的评分标准无法自动计算.*“管理制度健全性”/u),
    ]);
  });
});

describe('score/own-standard when the standard names the row’s own 目标值', () => {
  const table = (score: string) => [
    ['指标名称', '目标值', '完成值', '分值', '评分标准', '得分', '偏差说明'],
    ['投诉办结率', '100%', '98%', '50', '达到目标值得满分，每低1个百分点扣1分', score, '2件投诉跨年办结'],
    ['培训合格率', '95%', '96.2%', '50', '达到目标值得满分，每低1个百分点扣1分', '50', ''],
    ['总分', '<', '<', '100', '', String(50 + Number(score)), ''],
  ];

  it.each(RULE_FORMATS.filter((f) => f !== 'txt'))('%s: 98% against its 目标值 100% earns 48; 96.2% against 95% full marks', async (format) => {
    expect(loud(await ruleFindings(rule, await reportOfItems(format, [{ table: table('48') }])))).toEqual([]);
  });

  it.each(RULE_FORMATS.filter((f) => f !== 'txt'))('%s: 49 is one error expecting 48', async (format) => {
    expect(loud(await ruleFindings(rule, await reportOfItems(format, [{ table: table('49') }])))).toMatchObject([{ severity: 'error', expected: '48' }]);
  });
});
