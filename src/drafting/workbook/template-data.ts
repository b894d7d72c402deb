import type { Rubric, RubricIndicator } from '../../model/index.js';
import { emptyFiguresData, type FiguresData, type IndicatorRow } from './figures-data.js';

function rows(indicators: readonly RubricIndicator[], parent: string[]): IndicatorRow[] {
  return indicators.flatMap((indicator) => {
    const path = [...parent, indicator.name];
    const row: IndicatorRow = { path, weight: String(indicator.weight), score: null, assessed: true, reason: '', measured: '', evidence: '', cell: '' };
    return [row, ...rows(indicator.children, path)];
  });
}

/** The empty workbook for a rubric: its indicator tree with the weights, scores left for the person to fill in. */
export function templateData(rubric: Pick<Rubric, 'indicators'>): FiguresData {
  const data = emptyFiguresData();
  data.indicators = rows(rubric.indicators, []);
  return data;
}
