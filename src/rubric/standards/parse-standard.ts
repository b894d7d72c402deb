import type { DeductionRule } from '../../model/index.js';
import { parseCarryoverBalance } from './carryover-balance.js';
import { parseChecklist } from './checklist.js';
import { parseGradeBands } from './grade-bands.js';
import { parsePerInstance } from './per-instance.js';
import { parsePerPoint } from './per-point.js';
import { parseProportional } from './proportional.js';
import { parseScoreBands } from './score-bands.js';
import { normalizeStandard } from './standard-text.js';
import { parseTargetRatio } from './target-ratio.js';

type Parser = (normalized: string, description: string) => DeductionRule | null;

/** Most specific first: a 结余 rule has bands too, a per-point rule has a threshold clause, a B/A rule says 得分=权重. */
const FORMS: readonly Parser[] = [
  parseCarryoverBalance, parseTargetRatio, parsePerPoint, parseProportional, parseScoreBands, parseGradeBands, parsePerInstance, parseChecklist,
];

/** Standards that leave the score to judgement: never computed. */
const DISCRETIONARY = /酌情|视情况|视情|综合(?:评价|评定|考虑)|由评价组|专家评|根据.*(?:情况|效果)评分/u;

/**
 * A 评分标准 cell as a computable rule; anything not understood is `{ kind: 'unknown', description: text }`.
 * Never throws. The original text is kept as the description.
 */
export function parseStandard(text: string): DeductionRule {
  const description = text.trim();
  const unknown: DeductionRule = { kind: 'unknown', description, sources: [] };
  if (description.length === 0) return unknown;
  try {
    const normalized = normalizeStandard(description);
    if (DISCRETIONARY.test(normalized) && !/\d/u.test(normalized)) return unknown;
    for (const parse of FORMS) {
      const rule = parse(normalized, description);
      if (rule) return rule;
    }
  } catch {
    return unknown;
  }
  return unknown;
}
