import type { Figure, IndicatorNode, Report, RubricIndicator } from '../model/index.js';
import { dec, format, percent, ratio, type Dec } from './decimal.js';
import { boundOf, coreSubject, figuresOf, figureText, isRateFigure, memoPerFigures } from './figure-query.js';

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

function namesOf(rubric: RubricIndicator, node: IndicatorNode): string[] {
  return [node.name, rubric.name, ...rubric.aliases];
}

/** The stated rate of an indicator: a % (or bare ratio) figure in its text named like the indicator or like a rate. */
export function statedRateOf(report: Pick<Report, 'figures'>, node: IndicatorNode, rubric: RubricIndicator): Figure | null {
  const names = namesOf(rubric, node).map(coreSubject);
  const rates = figuresOf(report, node).filter((f) => isRateFigure(f) && boundOf(f) === null);
  return rates.find((f) => names.some((n) => coreSubject(f.subject).includes(n))) ?? rates[0] ?? null;
}

/** formula/rubric-rate and score/rubric-rule both ask for the same rates: resolved once per figures, node and rubric item. */
const rateCache = new WeakMap<readonly Figure[], WeakMap<IndicatorNode, Map<RubricIndicator, RubricRate | null>>>();

/** Recompute the rubric's formula for one indicator from the report's figures; null when an input is missing. */
export function resolveRubricRate(report: Pick<Report, 'figures'>, node: IndicatorNode, rubric: RubricIndicator): RubricRate | null {
  const byRubric = memoPerFigures(rateCache, report.figures, node, () => new Map<RubricIndicator, RubricRate | null>());
  if (!byRubric.has(rubric)) byRubric.set(rubric, computeRubricRate(report, node, rubric));
  return byRubric.get(rubric)!;
}

function computeRubricRate(report: Pick<Report, 'figures'>, node: IndicatorNode, rubric: RubricIndicator): RubricRate | null {
  const formula = rubric.formula;
  if (!formula) return null;
  const inputs = figuresOf(report, node).filter((f) => !isRateFigure(f) && f.unit !== '');
  const denominator = inputs.find((f) => matches(f, formula.denominator));
  if (!denominator) return null;
  const numerator = inputs.find(
    (f) => f !== denominator && f.unit === denominator.unit && matches(f, formula.numerator) && !matches(f, formula.denominator),
  );
  if (!numerator) return null;
  const stated = statedRateOf(report, node, rubric);
  const boundFigure = figuresOf(report, node).find((f) => isRateFigure(f) && boundOf(f) !== null) ?? null;
  const unit: '%' | 'ratio' = stated ? (stated.unit === '%' ? '%' : 'ratio') : formula.unit;
  const exact = unit === '%' ? percent(numerator.value, denominator.value) : ratio(numerator.value, denominator.value);
  if (exact === null) return null;
  const shown = unit === '%' ? `${format(exact, 2)}%` : format(exact, Math.max(2, stated ? decimalsOfFigure(stated) : 2));
  const formulaText = `${coreSubject(numerator.subject)} ${figureText(numerator)} ÷ ${coreSubject(denominator.subject)} ${figureText(denominator)}${unit === '%' ? ' × 100%' : ''} = ${shown}`;
  return {
    numerator,
    denominator,
    unit,
    exact,
    formula: formulaText,
    stated,
    bound: boundFigure ? { figure: boundFigure, kind: boundOf(boundFigure)! } : null,
  };
}

function decimalsOfFigure(figure: Figure): number {
  const dot = figure.value.indexOf('.');
  return dot < 0 ? 0 : figure.value.length - dot - 1;
}

/** Does an exact rate respect a written bound ("≤100%")? */
export function withinBound(exact: Dec, bound: { figure: Figure; kind: 'max' | 'min' }): boolean {
  const limit = dec(bound.figure.value);
  return bound.kind === 'max' ? exact.lte(limit) : exact.gte(limit);
}
