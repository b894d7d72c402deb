import type { Figure, IndicatorNode, RubricIndicator } from '../model/index.js';
import { dec, decimalsOf, format, percent, ratio, type Dec } from '../model/decimal.js';
import { boundOf, coreSubject, figureText, isRateFigure } from '../report/figure-words.js';

/** A rate the rubric defines, recomputed from the figures in an indicator's own text. */
export interface RubricRate {
  numerator: Figure;
  denominator: Figure;
  unit: '%' | 'ratio';
  exact: Dec; // in percent when unit is '%'
  formula: string; // "决算支出 65.02 万元 ÷ 政府采购预算 60.68 万元 × 100% = 107.15%"
  stated: Figure | null; // the rate as the report writes it, if it does
  bound: { figure: Figure; kind: 'max' | 'min' } | null; // "比率≤100%"
}

function matches(figure: Figure, keywords: readonly string[]): boolean {
  return keywords.some((k) => figure.subject.includes(k));
}

/**
 * The stated rate of an indicator among its own figures (`figures`: the indicator's text, see report/figure-words.ts):
 * a % (or bare ratio) figure named like the indicator or the rubric item, else the first rate.
 */
export function statedRateIn(figures: readonly Figure[], node: IndicatorNode, rubric: RubricIndicator): Figure | null {
  const names = [node.name, rubric.name, ...rubric.aliases].map(coreSubject);
  const rates = figures.filter((f) => isRateFigure(f) && boundOf(f) === null && f.role !== 'threshold' && f.role !== 'target');
  return rates.find((f) => names.some((n) => coreSubject(f.subject).includes(n))) ?? rates[0] ?? null;
}

/** Recompute the rubric's formula for one indicator from its own figures; null when an input is missing. */
export function rubricRateIn(figures: readonly Figure[], node: IndicatorNode, rubric: RubricIndicator): RubricRate | null {
  const formula = rubric.formula;
  if (!formula) return null;
  const inputs = figures.filter((f) => !isRateFigure(f) && f.unit !== '');
  const denominator = inputs.find((f) => matches(f, formula.denominator));
  if (!denominator) return null;
  const numerator = inputs.find(
    (f) => f !== denominator && f.unit === denominator.unit && matches(f, formula.numerator) && !matches(f, formula.denominator),
  );
  if (!numerator) return null;
  const stated = statedRateIn(figures, node, rubric);
  const boundFigure = figures.find((f) => isRateFigure(f) && boundOf(f) !== null) ?? null;
  const unit: '%' | 'ratio' = stated ? (stated.unit === '%' ? '%' : 'ratio') : formula.unit;
  const exact = unit === '%' ? percent(numerator.value, denominator.value) : ratio(numerator.value, denominator.value);
  if (exact === null) return null;
  const shown = unit === '%' ? `${format(exact, 2)}%` : format(exact, Math.max(2, stated ? decimalsOf(stated.value) : 2));
  return {
    numerator,
    denominator,
    unit,
    exact,
    formula: `${coreSubject(numerator.subject)} ${figureText(numerator)} ÷ ${coreSubject(denominator.subject)} ${figureText(denominator)}${unit === '%' ? ' × 100%' : ''} = ${shown}`,
    stated,
    bound: boundFigure ? { figure: boundFigure, kind: boundOf(boundFigure)! } : null,
  };
}

/** Does an exact rate respect a written bound ("≤100%")? */
export function withinBound(exact: Dec, bound: { figure: Figure; kind: 'max' | 'min' }): boolean {
  const limit = dec(bound.figure.value);
  return bound.kind === 'max' ? exact.lte(limit) : exact.gte(limit);
}
