import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/consistency/same-quantity.js';
import { reportIn, reportOfItems, RULE_FORMATS, ruleFindings, type IndicatorRow } from '../../rule-shapes.js';
import { runRule, sampleWith } from '../../rule-tester.js';

describe('consistency/same-quantity', () => {
  it('on the sample: one warning for 村(居) 225 / 253 / 215 with all four lines; 251 台 and 19 个 agree', () => {
    const findings = runRule(rule);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', line: 185 });
    expect(findings[0]!.message).toContain('村（居）');
    expect(findings[0]!.message).toContain('225 个（第 43、51 行）');
    expect(findings[0]!.message).toContain('253 个（第 185 行）');
    expect(findings[0]!.message).toContain('215 个（第 223 行）');
    expect(findings[0]!.related?.map((r) => r.line)).toEqual([43, 51, 185, 223]);
  });

  it.each([
    ['粤智助 machines', 213, '251 台', '215 台', '粤智助'],
    ['镇（街） count', 51, '19 个', '18 个', '镇'],
    ['the same rate written twice', 117, '58.48%', '58.40%', '预算资金支出率'],
    ['a repeated total', 217, '923 个', '932 个', '已挂接数据目录数'],
  ])('flags a changed %s', (_label, line, from, to, name) => {
    const findings = runRule(rule, sampleWith([line, from, to]));
    const finding = findings.find((f) => f.related?.some((r) => r.line === line) && !f.message.includes('村（居）'));
    expect(finding?.severity).toBe('warning');
    expect(finding?.message).toContain(name);
  });
});

describe('consistency/same-quantity never groups the numbers of a standard, on every format', () => {
  const BANDS = '≥95%得6分；85%（含）-95%得4分；<85%得0分';
  const rows: IndicatorRow[] = [
    { block: '过程', name: '项目支出执行率', weight: 6, score: 4, standard: BANDS, reason: '执行率为88.3%，低于95%' },
    { block: '过程', name: '部门预算执行率', weight: 6, score: 6, standard: BANDS, reason: '执行率为98%' },
    { block: '效果', name: '群众满意度', weight: 88, score: 88, standard: '≥90%得满分；80%（含）-90%得70分', reason: '满意度为93%' },
  ];

  it.each(RULE_FORMATS)('%s: 95%, 85%, −95% of “≥95%得6分；85%（含）-95%得4分” are thresholds, not one quantity', async (format) => {
    expect(await ruleFindings(rule, await reportIn(format, rows))).toEqual([]);
  });

  // Running text beside the table (an .xlsx has only cells).
  it.each(RULE_FORMATS.filter((f) => f !== 'xlsx'))('%s: a count written two ways is still found beside them', async (format) => {
    const extra = ['全县128个村（居）已全部接入政务外网。', '今年为135个村（居）配备了自助服务终端。'];
    expect(await ruleFindings(rule, await reportIn(format, rows, { extra }))).toMatchObject([
      { severity: 'warning', expected: '128个', actual: '135个' },
    ]);
  });
});

describe('consistency/same-quantity: a short 实际…/已… subject is the actual of what its sentence named', () => {
  const text = (threePublic: string): string[] => [
    '某市民政局2024年度部门整体支出绩效自评报告',
    '1.预算执行率（50分）。全年预算数5600.00万元，实际支出5320.00万元，预算执行率为95%，得分50分。',
    `2.“三公”经费控制率（50分）。“三公”经费预算80.00万元，实际支出${threePublic}万元，得分50分。`,
    '综合得分为100分。',
  ];

  it.each(RULE_FORMATS.filter((f) => f !== 'xlsx'))('%s: 实际支出 5320.00 (the budget) and 68.00 (三公) are two quantities', async (format) => {
    expect(await ruleFindings(rule, await reportOfItems(format, text('68.00')))).toEqual([]);
  });

  it('a named quantity written two ways is still found', async () => {
    const twice = [...text('68.00'), '全年“三公”经费支出68.00万元。', '经核对，全年“三公”经费支出70.00万元。'];
    expect(await ruleFindings(rule, await reportOfItems('txt', twice))).toMatchObject([{ severity: 'warning' }]);
  });
});

describe('consistency/same-quantity: one value written to different places is one value', () => {
  const text = (total: string, rate: string): string[] => [
    '某县林业局2024年度部门整体支出绩效自评报告',
    `2024年度部门整体支出1200万元，部门预算资金支出率96.5%。`,
    '1.部门预算资金支出率（100分）。2024年度部门整体支出' + total + '万元，部门预算资金支出率' + rate + '，得100分。',
    '自评得分为100分。',
  ];

  it.each(RULE_FORMATS.filter((f) => f !== 'xlsx'))('%s: 1200 / 1200.00 万元 and 96.5% / 96.50% / 96.48% agree', async (format) => {
    expect(await ruleFindings(rule, await reportOfItems(format, text('1200.00', '96.50%')))).toEqual([]);
    expect(await ruleFindings(rule, await reportOfItems(format, text('1200.00', '96.48%')))).toEqual([]);
  });

  it('1200 and 1210 万元 still differ', async () => {
    expect(await ruleFindings(rule, await reportOfItems('txt', text('1210.00', '96.5%')))).toMatchObject([{ severity: 'warning', expected: '1200万元', actual: '1210.00万元' }]);
  });
});
