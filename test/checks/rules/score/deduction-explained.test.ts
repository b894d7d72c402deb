import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/score/deduction-explained.js';
import { bySeverity, runRule, sampleWith } from '../../rule-tester.js';
import type { Document } from '../../../../src/model/index.js';
import { parseDocument } from '../../../../src/report/parse-document.js';
import { matchRubric } from '../../../../src/rubric/match-rubric.js';
import { BUNDLED_RUBRIC } from '../../rule-tester.js';

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
