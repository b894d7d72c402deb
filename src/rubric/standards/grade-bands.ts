import type { DeductionRule } from '../../model/index.js';
import { dec } from '../../model/decimal.js';
import { shortText, type ExpectedScore, type Measured } from './expected-result.js';
import { conditionOf } from './value-condition.js';

type GradeBands = Extract<DeductionRule, { kind: 'grade-bands' }>;
type Grade = GradeBands['grades'][number];

/**
 * Qualitative grades as shares of the weight: "100-80%（含80%）、80-50%（含50%）、50-0%", optionally with labels
 * ("分为全部达成、部分达成、未达成三档，分别按…"). The grades must start at 100% and end at 0%.
 */
export function parseGradeBands(normalized: string, description: string): GradeBands | null {
  const ranges = [...normalized.matchAll(/(\d+(?:\.\d+)?)%?(?:\(含(?:\d+(?:\.\d+)?%?)?\))?-(\d+(?:\.\d+)?)%(?:\(含(?:\d+(?:\.\d+)?%?)?\))?/gu)];
  if (ranges.length < 2) return null;
  const grades: Grade[] = [];
  for (const m of ranges) {
    const c = conditionOf(m[0]);
    if (!c || c.min === null || c.max === null) return null;
    grades.push({ min: c.min, max: c.max, minInclusive: c.minInclusive, maxInclusive: c.maxInclusive || c.max === 100 });
  }
  const top = Math.max(...grades.map((g) => g.max!));
  const bottom = Math.min(...grades.map((g) => g.min!));
  if (top !== 100 || bottom !== 0) return null;
  grades.sort((a, b) => b.max! - a.max!);
  if (grades.some((g, i) => i > 0 && g.max !== grades[i - 1]!.min)) return null; // must tile 100 → 0
  const labels = /分为([^;]+?)(?:[三四五两二]|\d)(?:档|个档次|个等级|级)/u.exec(normalized)?.[1]?.split(',').filter((l) => l.length > 0) ?? [];
  if (labels.length === grades.length) grades.forEach((g, i) => { g.label = labels[i]; });
  return { kind: 'grade-bands', grades, description, sources: [] };
}

/** The score must lie in weight × the claimed grade's share, or in [0, weight] when no grade is claimed. */
export function scoreGradeBands(rule: GradeBands, weight: number, measured: Measured): ExpectedScore {
  const w = dec(weight);
  const grade = measured.grade ? rule.grades.find((g) => g.label === measured.grade!.label) : undefined;
  if (!grade) return { range: { min: dec(0), max: w }, formula: `定性分档，报告没有写明属于哪一档，得分应在 0–${shortText(w)} 分之间` };
  const min = w.times(grade.min ?? 0).div(100);
  const max = w.times(grade.max ?? 100).div(100);
  return { range: { min, max }, formula: `${measured.grade!.how}，属“${grade.label}”一档（${grade.min}%–${grade.max}%），得分应在 ${shortText(min)}–${shortText(max)} 分之间` };
}
