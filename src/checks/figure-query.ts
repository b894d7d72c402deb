import type { Figure, IndicatorNode, Paragraph, Report } from '../model/index.js';

/** Units that are dates or codes, not quantities. */
const NOT_QUANTITY_UNITS = new Set(['年', '月', '日']);

export function isQuantity(figure: Figure): boolean {
  return !NOT_QUANTITY_UNITS.has(figure.unit);
}

/** Is this a rate or ratio as written (unit % or a bare decimal after 比率/比例/率)? */
export function isRateFigure(figure: Figure): boolean {
  return figure.unit === '%' || (figure.unit === '' && /(?:率|比例|比率|比值)[≤≥<>]?$/u.test(figure.subject));
}

/** A figure written as a bound, e.g. "比率≤100%": the subject ends with ≤ / 不超过 … */
export function boundOf(figure: Figure): 'max' | 'min' | null {
  if (/(?:≤|<|不超过|不高于|不大于|以内)$/u.test(figure.subject)) return 'max';
  if (/(?:≥|>|不低于|不少于|不小于)$/u.test(figure.subject)) return 'min';
  return null;
}

/** Last original line of an indicator's own text (its evidence), or its score/heading line. */
function lastLineOf(node: IndicatorNode): number {
  return node.evidenceLines?.[1] ?? node.scoreLine ?? node.line;
}

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
    figuresBetween(report, node.line, lastLineOf(node)).filter((f) => f.unit !== '分' && isQuantity(f)));
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

const LEADING_QUALIFIERS = /^(?:\d{4}年度?|全年|本年度|本年|年度|今年|当年|我局|我单位|本单位|本部门|我部门|全市|我市|本市|全乐昌|目前|截至目前|共|合计)+/u;

/** A subject without leading time/owner words: "本年度我局预算资金支出率" → "预算资金支出率". */
export function coreSubject(subject: string): string {
  let core = coreSubjects.get(subject);
  if (core === undefined) {
    core = subject.replace(/[“”"'‘’]/gu, '').replace(/^[一二三四五六七八九十]+是/u, '').replace(LEADING_QUALIFIERS, '');
    if (coreSubjects.size >= MAX_CORE_SUBJECTS) coreSubjects.clear();
    coreSubjects.set(subject, core);
  }
  return core;
}

/** Several rules take the core of the same figures' subjects: each subject done once (bounded). */
const coreSubjects = new Map<string, string>();
const MAX_CORE_SUBJECTS = 20_000;

/** "65.02 万元" */
export function figureText(figure: Figure): string {
  return `${figure.value}${figure.unit === '' ? '' : ` ${figure.unit}`}`;
}
