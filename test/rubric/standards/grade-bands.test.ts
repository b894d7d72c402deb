import { describe, expect, it } from 'vitest';
import { parsedAs, scoreOf } from './standard-table.js';

const THREE = '100-80%（含80%）、80-50%（含50%）、50-0%';
const LABELLED = '指标完成情况分为全部达成、部分达成、未达成三档，分别按100-80%（含80%）、80-50%（含50%）、50-0%合理确定分值';

describe('standard form: qualitative grades (a range of allowed scores)', () => {
  it('reads three grades that tile 100% → 0%', () => {
    const rule = parsedAs(THREE, 'grade-bands');
    expect(rule.grades.map((g) => [g.min, g.max])).toEqual([[80, 100], [50, 80], [0, 50]]);
    expect(parsedAs(LABELLED, 'grade-bands').grades.map((g) => g.label)).toEqual(['全部达成', '部分达成', '未达成']);
  });

  it.each([
    [THREE, 5, {}, '0–5'],
    [LABELLED, 5, { grade: { label: '部分达成', how: '报告写明“部分达成”' } }, '2.5–4'],
    [LABELLED, 10, { grade: { label: '全部达成', how: '' } }, '8–10'],
  ])('%s, weight %s → %s', (text, weight, measured, expected) => {
    expect(scoreOf(text, weight, measured)).toBe(expected);
  });

  it('ranges that do not reach 100% or 0% are not grades', () => {
    expect(parsedAs('90-80%、80-60%', 'unknown').kind).toBe('unknown');
  });
});
