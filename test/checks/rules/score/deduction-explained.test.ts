import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/score/deduction-explained.js';
import { bySeverity, runRule, sampleWith } from '../../rule-tester.js';
import type { Document } from '../../../../src/model/index.js';
import { parseDocument } from '../../../../src/report/parse-document.js';
import { matchRubric } from '../../../../src/rubric/match-rubric.js';
import { BUNDLED_RUBRIC } from '../../rule-tester.js';
import { loud, reportIn, reportOfItems, RULE_FORMATS, ruleFindings, type IndicatorRow } from '../../rule-shapes.js';

/** A score table as a Document: header, one row per indicator, the reason cell as given. */
function tableReport(rows: [name: string, weight: number, score: number, reason: string][]) {
  const grid = [['一级指标', '三级指标', '分值', '自评得分', '扣分原因'], ...rows.map(([n, w, s, r]) => ['产出', n, String(w), String(s), r])];
  const document: Document = {
    name: 't.xlsx', format: 'xlsx', encoding: 'binary',
    blocks: [{
      kind: 'table', name: '评分表', location: { sheet: '评分表' }, line: 1,
      rows: grid.map((cells, r) => cells.map((text, c) => ({ text, location: { sheet: '评分表', row: r + 1, column: c + 1 } }))),
    }],
    lines: grid.map((cells) => cells.join('\t')),
    lineLocations: grid.map((_, r) => ({ sheet: '评分表', row: r + 1 })),
  };
  const parsed = parseDocument(document);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join(' '));
  const rubricMatch = matchRubric(parsed.report, BUNDLED_RUBRIC);
  return rule.check(rubricMatch.report, { rubric: BUNDLED_RUBRIC, rubricMatch });
}

describe('score/deduction-explained', () => {
  it('lists both deductions of the sample with weight → score and the report reason', () => {
    const findings = runRule(rule);
    expect(bySeverity(findings, 'warning')).toEqual([]);
    expect(findings.map((f) => [f.indicatorId, f.line, f.formula])).toEqual([
      ['预算执行/资金管理/部门预算资金支出率', 113, '6 − 4 = 2'],
      ['预算执行/资金管理/政府采购执行率', 125, '2 − 0 = 2'],
    ]);
    expect(findings[0]!.message).toContain('6 → 4 分');
    expect(findings[0]!.message).toContain('项目经费申请未通过');
    expect(findings[1]!.message).toContain('2 → 0 分');
    expect(findings[1]!.message).toContain('采购LED大屏支出超出预算');
  });

  it('warns about lost points whose text gives no reason', () => {
    const findings = bySeverity(runRule(rule, sampleWith([81, '自评得分5分', '自评得分4分'])), 'warning');
    expect(findings).toMatchObject([{ line: 81, indicatorId: '预算编制/预算编制/预算编制规范性' }]);
    expect(findings[0]!.message).toContain('没有说明扣分原因');
  });

  it('warns when nothing at all follows the lowered score', () => {
    const text = sampleWith([161, '自评得分 3 分,本单位实际在用固定资产总额与所有固定资产总额的比例为 100%。', '自评得分 2 分。']);
    expect(bySeverity(runRule(rule, text), 'warning')).toMatchObject([{ line: 161 }]);
  });

  it.each([
    ['a 扣分原因 cell in any words', '部分目标细化量化不够', 'info'],
    ['a 偏差原因 cell naming the cause', '雨季巡查减少', 'info'],
    ['an empty reason cell', '', 'warning'],
  ])('table rows: %s → %s', (_label, reason, severity) => {
    const findings = tableReport([['巡查次数', 15, 13.75, reason], ['覆盖率', 85, 85, '']]);
    expect(findings.map((f) => [f.indicatorId, f.severity])).toEqual([['产出/巡查次数', severity]]);
  });

  it('a narrative sentence that names the shortfall before the deduction explains it', () => {
    const text = sampleWith([81, '自评得分5分，我局严格按市财政部门的文件要求和指导开展预算编制工作，未存在违规编制预算的情况。', '个别项目的支出测算偏粗，扣1分。']);
    expect(bySeverity(runRule(rule, text), 'warning')).toEqual([]);
  });
});

describe('score/deduction-explained on every format: the stated value that puts the score where it is explains it', () => {
  const fill: IndicatorRow = { block: '效果', name: '群众满意度', weight: 86, score: 86, standard: '≥90%得满分', reason: '满意度为93%' };
  const band: IndicatorRow = { block: '过程', name: '项目支出执行率', weight: 6, score: 4, standard: '≥95%得6分；85%（含）-95%得4分；<85%得0分', reason: '执行率为88.3%，低于95%' };
  const proportional: IndicatorRow = { block: '产出', name: '资金到位率', weight: 8, score: 7.6, standard: '按完成比例计分', reason: '资金到位率95%' };

  it.each(RULE_FORMATS.filter((f) => f !== 'txt'))('%s: a band and the stated 88.3%; 按完成比例计分 and 8 × 95% = 7.6', async (format) => {
    const findings = await ruleFindings(rule, await reportIn(format, [band, proportional, fill]));
    expect(loud(findings)).toEqual([]);
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining('扣分原因写明 88.3%，落在“85% ≤ x < 95%”一档，得 4 分，与自评得分相符'),
      expect.stringContaining('8 × 95% = 7.6 分，与自评得分相符'),
    ]);
  });

  it('narrative: “按完成比例计分” written in the text is the basis (no 评分标准 column)', async () => {
    const row: IndicatorRow = { block: '产出', name: '资金到位率', weight: 8, score: 7.6, reason: '资金到位率95%，按完成比例计分' };
    const findings = await ruleFindings(rule, await reportIn('txt', [row, fill]));
    expect(loud(findings)).toEqual([]);
    expect(findings[0]!.message).toContain('按报告写明的计分办法“按完成比例计分”');
  });

  it.each(RULE_FORMATS)('%s: a deduction with no reason and no value is still a warning', async (format) => {
    const bare: IndicatorRow = { block: '过程', name: '管理制度健全性', weight: 6, score: 5 };
    expect(loud(await ruleFindings(rule, await reportIn(format, [bare, fill])))).toMatchObject([
      { severity: 'warning', indicatorId: expect.stringContaining('管理制度健全性') },
    ]);
  });
});

describe('score/deduction-explained on a 项目支出 form: the footer row and the stated shortfall explain a deduction', () => {
  const form = (footer: string, actual = '98.6%') => [
    ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
    ['产出指标', '时效指标', '工程完工时间', '2024年11月底前', '2024年12月中旬', '50', '48', ''],
    ['^', '质量指标', '水质检测合格率', '100%', actual, '50', '49', ''],
    ['总分', '<', '<', '<', '<', '100', '97', ''],
    ['偏差大或目标未完成原因分析', footer, '<', '<', '<', '<', '<', '<'],
  ];

  it.each(RULE_FORMATS.filter((f) => f !== 'txt'))('%s: the footer names 工程完工时间; 98.6% against 100% is a stated shortfall — notes only', async (format) => {
    const findings = await ruleFindings(rule, await reportOfItems(format, [{ table: form('工程完工时间因管材供货延迟推迟至12月中旬') }]));
    expect(loud(findings)).toEqual([]);
    expect(findings.map((f) => f.message).join('\n')).toContain('管材供货延迟');
    expect(findings.map((f) => f.message).join('\n')).toContain('实际完成值 98.6% 未达到年度指标值 100%');
  });

  it.each(RULE_FORMATS.filter((f) => f !== 'txt'))('%s: a footer that names neither, and an actual that meets its target, explain nothing', async (format) => {
    const findings = await ruleFindings(rule, await reportOfItems(format, [{ table: form('无', '100%') }]));
    expect(loud(findings).map((f) => f.indicatorId)).toEqual([expect.stringContaining('工程完工时间'), expect.stringContaining('水质检测合格率')]);
  });
});

describe('score/deduction-explained: a stated value below where the own standard gives full marks', () => {
  const text = (body: string): string[] => ['某县示范局2024年度部门整体支出绩效自评报告', '自评得分为5.88分。', '（一）预算执行（6分）', `1.部门预算资金支出率（6分）。${body}`];

  it.each(RULE_FORMATS.filter((f) => f !== 'xlsx'))('%s: “达到100%得满分” and 98% explain the deduction — a note saying the amount is not given', async (format) => {
    const findings = await ruleFindings(rule, await reportOfItems(format, text('评分标准：支出率达到100%得满分。实际支出率98%，得5.88分。')));
    expect(loud(findings)).toEqual([]);
    expect(findings.map((f) => f.message).join()).toContain('低于评分标准给满分的 100%');
  });

});

describe('score/deduction-explained: a score equal to 分值 × the stated rate, with no written method, is a note', () => {
  // [indicator, weight, rate sentence, score, the product as the note writes it (null: not proportional → a warning)]
  const CASES: [string, number, string, string, string | null][] = [
    ['部门预算资金支出率', 6, '实际支出率98%', '5.88', '6 × 98% = 5.88'],
    ['项目完成率', 20, '全年完成率为95%', '19', '20 × 95% = 19'],
    ['资金到位率', 8, '资金到位率达到92.5%', '7.4', '8 × 92.5% = 7.4'],
    ['培训计划完成率', 15, '培训完成率96.67%', '14.5', '15 × 96.67% = 14.5005'],
    ['政府采购执行率', 6, '实际支出率98%', '5.5', null], // 6 × 98% = 5.88, not 5.5
    ['预算执行率', 10, '预算执行率94%', '9', null], // 10 × 94% = 9.4: an integer score must be the exact product
  ];
  const narrative = (name: string, weight: number, sentence: string, score: string, phrase: (s: string) => string): string[] => [
    '某县示范局2024年度部门整体支出绩效自评报告', `自评得分为${score}分。`, `（一）履职情况（${weight}分）`, `1.${name}（${weight}分）。${sentence}，${phrase(score)}。`,
  ];
  const PHRASES: [string, (s: string) => string][] = [['得N分', (s) => `得${s}分`], ['自评得分N分', (s) => `自评得分${s}分`], ['评分N分', (s) => `评分${s}分`]];
  const NARRATIVE_FORMATS = RULE_FORMATS.filter((f) => f !== 'xlsx');

  const narrativeCases = CASES.flatMap(([name, weight, sentence, score, product], i) => {
    const [phraseName, phrase] = PHRASES[i % PHRASES.length]!;
    const format = NARRATIVE_FORMATS[i % NARRATIVE_FORMATS.length]!;
    return [[`${format} ${name}：${sentence}，${phraseName}（${score}）`, format, narrative(name, weight, sentence, score, phrase), product] as const];
  });

  it.each(narrativeCases)('%s', async (_label, format, items, product) => {
    const findings = await ruleFindings(rule, await reportOfItems(format, items));
    if (product === null) {
      expect(loud(findings)).toMatchObject([{ severity: 'warning', message: expect.stringContaining('没有说明扣分原因') }]);
      return;
    }
    expect(loud(findings)).toEqual([]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain(`按比例计分：${product} 分，与自评得分相符；报告没有写明计分方法，请核实是否按比例计分`);
  });

  const table = (rows: typeof CASES) => [
    ['一级指标', '三级指标', '实际完成值', '分值', '得分', '扣分原因'],
    ...rows.map(([name, weight, sentence, score], i) => [i === 0 ? '履职' : '^', name, /(\d+(?:\.\d+)?%)/u.exec(sentence)![1]!, String(weight), score, '']),
  ];

  it.each(RULE_FORMATS.filter((f) => f !== 'txt'))('%s table: an empty 扣分原因 cell and 实际完成值 × 分值 = 得分 → notes; otherwise warnings', async (format) => {
    const findings = await ruleFindings(rule, await reportOfItems(format, ['某县示范局2024年度部门整体支出绩效自评表', { table: table(CASES) }]));
    const severityOf = new Map(findings.map((f) => [f.indicatorId?.split('/').at(-1), f.severity]));
    expect(findings).toHaveLength(CASES.length);
    expect(CASES.map(([name]) => severityOf.get(name))).toEqual(CASES.map(([, , , , product]) => (product === null ? 'warning' : 'info')));
    const notes = findings.filter((f) => f.severity === 'info').map((f) => f.message);
    for (const [, , , , product] of CASES) if (product !== null) expect(notes.join('\n')).toContain(`按比例计分：${product} 分，与自评得分相符`);
  });
});

describe('score/deduction-explained: the sentence that states the standard is not the report’s explanation', () => {
  const text = (standard: string, body: string): string[] => [
    '某县示范局2024年度部门整体支出绩效自评报告', '（一）管理（6分）', `1.管理制度健全性（6分）。${standard}${body}`,
  ];
  // [standard sentence, body after it, expected severity, a quote that must be in the message (null: none)]
  const CASES: [string, string, 'info' | 'warning', string | null][] = [
    ['评分标准：制度健全得6分，每缺一项扣1分。', '我局制度较为健全，得5分。', 'warning', null],
    ['评分办法为每缺一项制度扣1分，扣完为止。', '本年度制度建设情况良好，自评得分5分。', 'warning', null],
    ['计分方法：每缺一项扣1分。', '缺少资产管理制度，得5分。', 'info', '缺少资产管理制度'],
    ['考核标准：每缺一项扣1分。', '因内控制度尚未修订，自评得分5分。', 'info', '内控制度尚未修订'],
  ];
  const formats = RULE_FORMATS.filter((f) => f !== 'xlsx');

  it.each(CASES.map((c, i) => [formats[i % formats.length]!, ...c] as const))('%s: %s%s → %s', async (format, standard, body, severity, quoteText) => {
    const findings = await ruleFindings(rule, await reportOfItems(format, text(standard, body)));
    expect(findings.map((f) => f.severity)).toEqual([severity]);
    expect(findings[0]!.message).not.toContain(standard.replace(/。$/u, ''));
    if (quoteText !== null) expect(findings[0]!.message).toContain(quoteText);
  });
});
