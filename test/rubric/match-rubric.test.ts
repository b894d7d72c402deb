import { describe, expect, it } from 'vitest';
import { normalizeIndicatorName } from '../../src/rubric/normalize-indicator-name.js';
import { matchRubric } from '../../src/rubric/match-rubric.js';
import { BUNDLED_RUBRIC, parseText, SAMPLE_TEXT, sampleWith } from '../checks/rule-tester.js';
import type { IndicatorNode } from '../../src/model/index.js';

function flatten(nodes: readonly IndicatorNode[]): IndicatorNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

describe('normalizeIndicatorName', () => {
  it('drops punctuation, brackets, 、，and a trailing 情况', () => {
    expect(normalizeIndicatorName('预决算信息，绩效评价结果公开性')).toEqual(['预决算信息绩效评价结果公开性']);
    expect(normalizeIndicatorName('预决算信息（、绩效评价结果）公开性')).toEqual(['预决算信息绩效评价结果公开性', '预决算信息公开性']);
    expect(normalizeIndicatorName('预算编制情况')).toEqual(['预算编制']);
    expect(normalizeIndicatorName(' 政府采购 执行率 ')).toEqual(['政府采购执行率']);
  });
});

describe('matchRubric on the sample', () => {
  it('matches all 36 indicators, sets rubricId, and leaves the input report untouched', () => {
    const report = parseText(SAMPLE_TEXT);
    const match = matchRubric(report, BUNDLED_RUBRIC);
    expect(match.unmatched).toEqual([]);
    expect(match.missing).toEqual([]);
    const nodes = flatten(match.report.indicators);
    expect(nodes).toHaveLength(36);
    expect(nodes.every((n) => n.rubricId !== null)).toBe(true);
    expect(flatten(report.indicators).every((n) => n.rubricId === null)).toBe(true);
    const byName = (name: string) => nodes.find((n) => n.name === name)!;
    expect(byName('预决算信息，绩效评价结果公开性').rubricId).toBe('预算执行/资金管理/预决算信息公开性');
    expect(byName('预算编制合理性').rubricId).toBe('预算编制/预算编制/预算编制合理性');
    expect(nodes.filter((n) => n.name === '预算编制').map((n) => n.rubricId)).toEqual(['预算编制', '预算编制/预算编制']);
  });

  it('matches by alias (在职人员控制率 ↔ 人员管理, 管理制度健全性 ↔ 制度管理) and keeps unknown names as unmatched', () => {
    const text = sampleWith([163, '人员管理', '在职人员控制率'], [167, '制度管理', '管理制度健全性'], [145, '项目监管', '项目宣传']);
    const match = matchRubric(parseText(text), BUNDLED_RUBRIC);
    const nodes = flatten(match.report.indicators);
    expect(nodes.find((n) => n.name === '在职人员控制率')?.rubricId).toBe('预算执行/人员管理');
    expect(nodes.find((n) => n.name === '管理制度健全性')?.rubricId).toBe('预算执行/制度管理');
    expect(match.unmatched.map((n) => n.name)).toEqual(['项目宣传']);
    expect(match.missing.map((i) => i.id)).toEqual(['预算执行/项目管理/项目监管']);
  });

  it('matches the 预决算信息（、绩效评价结果）公开性 spelling too', () => {
    const text = sampleWith([135, '预决算信息，绩效评价结果公开性', '预决算信息（、绩效评价结果）公开性']);
    expect(matchRubric(parseText(text), BUNDLED_RUBRIC).unmatched).toEqual([]);
  });
});
