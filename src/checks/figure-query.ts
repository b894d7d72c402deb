import type { Figure, IndicatorNode, Paragraph, Report } from '../model/index.js';
import { indicatorLineRange, isIndicatorFigure } from '../report/figure-words.js';

export { boundOf, coreSubject, figureText, isQuantity, isRateFigure } from '../report/figure-words.js';


/**
 * Figures ordered by line, built once per figures array (a report's figures never change after parsing), so that
 * every rule finds the figures of a line range by binary search: checking stays linear in the report's size.
 */
interface FigureIndex {
  /** Positions into the figures array, ordered by line, then by position. */
  order: number[];
  lines: number[];
}

const figureIndexes = new WeakMap<readonly Figure[], FigureIndex>();

function figureIndex(figures: readonly Figure[]): FigureIndex {
  let index = figureIndexes.get(figures);
  if (!index) {
    const order = figures.map((_, i) => i).sort((a, b) => figures[a]!.line - figures[b]!.line || a - b);
    index = { order, lines: order.map((i) => figures[i]!.line) };
    figureIndexes.set(figures, index);
  }
  return index;
}

/** First position in an ascending array whose value is ≥ `value`. */
function lowerBound(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The figures on lines first..last, in their original order. */
export function figuresBetween(report: Pick<Report, 'figures'>, first: number, last: number): Figure[] {
  const { order, lines } = figureIndex(report.figures);
  const positions: number[] = [];
  for (let i = lowerBound(lines, first); i < order.length && lines[i]! <= last; i++) positions.push(order[i]!);
  positions.sort((a, b) => a - b);
  return positions.map((i) => report.figures[i]!);
}

/** A value computed once per report's figures and key (a node, a paragraph), shared by the rules that ask for it. */
export function memoPerFigures<K extends object, V>(cache: WeakMap<readonly Figure[], WeakMap<K, V>>, figures: readonly Figure[], key: K, compute: () => V): V {
  let byKey = cache.get(figures);
  if (!byKey) cache.set(figures, (byKey = new WeakMap()));
  let found = byKey.get(key);
  if (found === undefined) {
    found = compute();
    byKey.set(key, found);
  }
  return found;
}

/** Several rules ask for an indicator's figures, some more than once: found once per report's figures and node. */
const nodeFigureCache = new WeakMap<readonly Figure[], WeakMap<IndicatorNode, readonly Figure[]>>();

/**
 * The figures written in an indicator's own text (heading to last evidence line), excluding the 分 of weight/score.
 * Shared between callers: do not modify.
 */
export function figuresOf(report: Pick<Report, 'figures'>, node: IndicatorNode): readonly Figure[] {
  return memoPerFigures(nodeFigureCache, report.figures, node, () =>
    figuresBetween(report, ...indicatorLineRange(node)).filter(isIndicatorFigure));
}

/** Paragraphs by first line, once per paragraphs array; `disjoint` when they never overlap (the usual case). */
interface ParagraphIndex {
  order: Paragraph[];
  starts: number[];
  disjoint: boolean;
}

const paragraphIndexes = new WeakMap<readonly Paragraph[], ParagraphIndex>();

function paragraphIndex(paragraphs: readonly Paragraph[]): ParagraphIndex {
  let index = paragraphIndexes.get(paragraphs);
  if (!index) {
    const order = [...paragraphs].sort((a, b) => a.line - b.line);
    const disjoint = order.every((p, i) => i === 0 || p.line > order[i - 1]!.endLine);
    index = { order, starts: order.map((p) => p.line), disjoint };
    paragraphIndexes.set(paragraphs, index);
  }
  return index;
}

/** The paragraph holding an original line (the first one in report order when paragraphs overlap). */
export function paragraphAt(report: Pick<Report, 'paragraphs'>, line: number): Paragraph | undefined {
  const { order, starts, disjoint } = paragraphIndex(report.paragraphs);
  if (!disjoint) return report.paragraphs.find((p) => p.line <= line && line <= p.endLine);
  const candidate = order[lowerBound(starts, line + 1) - 1];
  return candidate && line <= candidate.endLine ? candidate : undefined;
}

/** Paragraphs whose first line is in first..last, in report order (binary search over the per-report index). */
export function paragraphsStartingBetween(report: Pick<Report, 'paragraphs'>, first: number, last: number): Paragraph[] {
  const { order, starts, disjoint } = paragraphIndex(report.paragraphs);
  if (!disjoint) return report.paragraphs.filter((p) => p.line >= first && p.line <= last);
  const out: Paragraph[] = [];
  for (let i = lowerBound(starts, first); i < order.length && starts[i]! <= last; i++) out.push(order[i]!);
  return out;
}

/** Offset of a figure inside its paragraph's normalised text. */
export function offsetInParagraph(paragraph: Paragraph, figure: Figure): number {
  const segment = paragraph.segments.find((s) => s.line === figure.line);
  return (segment?.offset ?? 0) + figure.column - 1;
}

export interface PlacedFigure {
  figure: Figure;
  offset: number;
}

/** Several rules walk every paragraph's figures: found once per report's figures and paragraph. */
const paragraphFigureCache = new WeakMap<readonly Figure[], WeakMap<Paragraph, readonly PlacedFigure[]>>();

/** Figures of one paragraph with their offsets, in reading order (shared between callers: do not modify). */
export function paragraphFigures(report: Pick<Report, 'figures'>, paragraph: Paragraph): readonly PlacedFigure[] {
  return memoPerFigures(paragraphFigureCache, report.figures, paragraph, () =>
    figuresBetween(report, paragraph.line, paragraph.endLine)
      .map((figure) => ({ figure, offset: offsetInParagraph(paragraph, figure) }))
      .sort((a, b) => a.offset - b.offset));
}

