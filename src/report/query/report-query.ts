/**
 * ReportQuery — the one object that walks a parsed Report and looks things up in it. Every floor above report/
 * (rubric/, checks/, drafting/, assistant/) reads the report through it instead of writing its own walks or caches.
 *
 *   const q = queryOf(report);           // built once per Report object, kept while the Report lives
 *
 * Indicator tree (report.indicators; `textView` indicators are not included):
 *   q.indicators()                 every node, parents before children, report order
 *   q.leaves()                     the scored leaves (no children; assessed or 不考核), report order
 *   q.byId(id) / q.byName(name)    node by IndicatorNode.id; nodes whose name is `name` (as written, or keyed loosely)
 *   q.parentOf(node) / q.ancestorsOf(node)
 *   q.lastLineOf(node)             last line of the node's own text (evidence end, else score line, else heading)
 *   q.ownsLine(node, line)         is `line` inside the node's own text
 *   q.leafAtLine(line)             the leaf whose own text holds `line`, or undefined
 * Figures (report.figures; Figure.role says what each number is — see model/figure.ts):
 *   q.figuresBetween(first, last)  figures on lines first..last, report order (binary search)
 *   q.figuresOnLine(line)
 *   q.figuresOf(node)              figures of the node's own text without 分 (weights/scores) and dates — shared, do not modify
 *   q.figuresWithRole(...roles)    every figure with one of the roles, report order
 *   q.statedFigures()              figures the report states as its own values (STATED_VALUE_ROLES): never thresholds,
 *                                  targets, weights or scores
 *   q.figureById(id)
 * Paragraphs:
 *   q.paragraphAt(line)            the paragraph holding a line
 *   q.paragraphsStartingBetween(first, last)
 *   q.paragraphFigures(paragraph)  its figures with their offsets in paragraph.text, reading order — shared, do not modify
 * Lines and places in the original:
 *   q.locate(line, column?)        DocumentLocation of a report line (narrowed to the cell with `column`)
 *   q.lineOf(location)             the report line of a place ({ sheet, row } / { sheet, cell } / { table, row } / { page, line } /
 *                                  { paragraph } / { line })
 * Per-report memo for a consumer's derived values (replaces module-level WeakMaps keyed on arrays):
 *   q.memo(slot, key, compute)     `slot` is the consumer's own constant object; `key` an object (a node, a paragraph)
 *
 * A Report is data (it crosses worker threads and is stored as JSON); the query is never stored in it. A Report is not
 * changed after parsing; code that builds a changed copy ({ ...report, indicators }) gets a new query for the copy —
 * through queryOfCopy(copy, original), which takes over the indexes of what the copy shares with the original.
 */
import type { DocumentLocation, Figure, IndicatorNode, Paragraph, Report } from '../../model/index.js';
import { STATED_VALUE_ROLES, type FigureRole } from '../../model/figure-role.js';
import { allIndicatorsOf } from '../indicator-walk.js';
import { LineIndex } from './line-index.js';
import { LineLocator } from './line-locator.js';

export interface PlacedFigure {
  figure: Figure;
  offset: number; // offset of the figure in its paragraph's normalised text
}

/** Units that are dates or codes, not quantities. */
const NOT_QUANTITY_UNITS = new Set(['年', '月', '日']);

/** A name compared loosely: no spaces or punctuation, full-width folded. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');
}

export class ReportQuery {
  private tree?: { all: IndicatorNode[]; leaves: IndicatorNode[]; byId: Map<string, IndicatorNode>; parents: Map<IndicatorNode, IndicatorNode>; byName: Map<string, IndicatorNode[]> };
  private leafIndex?: LineIndex<IndicatorNode>;
  private figureIndex?: LineIndex<Figure>;
  private figureIds?: Map<string, Figure>;
  private roleLists: Map<string, Figure[]> = new Map();
  private paragraphIndex?: { index: LineIndex<Paragraph>; disjoint: boolean };
  private readonly locator: LineLocator;
  private readonly memos = new Map<object, WeakMap<object, unknown>>();

  /**
   * `base`: the query of the report this one is a changed copy of ({ ...report, indicators }); the indexes of what the
   * copy shares with it (the same figures, paragraphs, lines) are taken over instead of built again.
   */
  constructor(readonly report: Report, base?: ReportQuery) {
    const same = <K extends keyof Report>(key: K) => base !== undefined && base.report[key] === report[key];
    this.locator = base && same('lines') && same('lineLocations') ? base.locator : new LineLocator(report);
    if (base && same('figures')) {
      this.figureIndex = base.figures();
      this.roleLists = base.roleLists;
    }
    if (base && same('paragraphs')) this.paragraphIndex = base.paragraphs();
  }

  // ---------- indicator tree ----------

  private treeIndex() {
    if (!this.tree) {
      const all = allIndicatorsOf(this.report.indicators);
      const parents = new Map<IndicatorNode, IndicatorNode>();
      for (const node of all) for (const child of node.children) parents.set(child, node);
      const byId = new Map<string, IndicatorNode>();
      const byName = new Map<string, IndicatorNode[]>();
      for (const node of all) {
        if (!byId.has(node.id)) byId.set(node.id, node);
        const key = nameKey(node.name);
        byName.set(key, [...(byName.get(key) ?? []), node]);
      }
      this.tree = { all, leaves: all.filter((n) => n.children.length === 0), byId, parents, byName };
    }
    return this.tree;
  }

  indicators(): readonly IndicatorNode[] {
    return this.treeIndex().all;
  }

  leaves(): readonly IndicatorNode[] {
    return this.treeIndex().leaves;
  }

  byId(id: string): IndicatorNode | undefined {
    return this.treeIndex().byId.get(id);
  }

  byName(name: string): readonly IndicatorNode[] {
    return this.treeIndex().byName.get(nameKey(name)) ?? [];
  }

  parentOf(node: IndicatorNode): IndicatorNode | undefined {
    return this.treeIndex().parents.get(node);
  }

  ancestorsOf(node: IndicatorNode): IndicatorNode[] {
    const out: IndicatorNode[] = [];
    for (let p = this.parentOf(node); p; p = this.parentOf(p)) out.unshift(p);
    return out;
  }

  lastLineOf(node: IndicatorNode): number {
    return node.evidenceLines?.[1] ?? node.scoreLine ?? node.line;
  }

  ownsLine(node: IndicatorNode, line: number): boolean {
    return line >= node.line && line <= this.lastLineOf(node);
  }

  leafAtLine(line: number): IndicatorNode | undefined {
    this.leafIndex ??= new LineIndex(this.leaves(), (n) => n.line);
    const candidate = this.leafIndex.atOrBefore(line);
    return candidate && this.ownsLine(candidate, line) ? candidate : undefined;
  }

  // ---------- figures ----------

  private figures(): LineIndex<Figure> {
    this.figureIndex ??= new LineIndex(this.report.figures, (f) => f.line);
    return this.figureIndex;
  }

  figuresBetween(first: number, last: number): Figure[] {
    return this.figures().between(first, last);
  }

  figuresOnLine(line: number): Figure[] {
    return this.figuresBetween(line, line);
  }

  figuresOf(node: IndicatorNode): readonly Figure[] {
    return this.memo(FIGURES_OF, node, () =>
      this.figuresBetween(node.line, this.lastLineOf(node)).filter((f) => f.unit !== '分' && !NOT_QUANTITY_UNITS.has(f.unit)));
  }

  figuresWithRole(...roles: FigureRole[]): readonly Figure[] {
    const key = [...roles].sort().join(',');
    let list = this.roleLists.get(key);
    if (!list) {
      const wanted = new Set(roles);
      list = this.report.figures.filter((f) => wanted.has(f.role));
      this.roleLists.set(key, list);
    }
    return list;
  }

  statedFigures(): readonly Figure[] {
    return this.figuresWithRole(...STATED_VALUE_ROLES);
  }

  figureById(id: string): Figure | undefined {
    this.figureIds ??= new Map(this.report.figures.map((f) => [f.id, f]));
    return this.figureIds.get(id);
  }

  // ---------- paragraphs ----------

  private paragraphs() {
    if (!this.paragraphIndex) {
      const index = new LineIndex(this.report.paragraphs, (p) => p.line);
      const order = [...this.report.paragraphs].sort((a, b) => a.line - b.line);
      const disjoint = order.every((p, i) => i === 0 || p.line > order[i - 1]!.endLine);
      this.paragraphIndex = { index, disjoint };
    }
    return this.paragraphIndex;
  }

  paragraphAt(line: number): Paragraph | undefined {
    const { index, disjoint } = this.paragraphs();
    if (!disjoint) return this.report.paragraphs.find((p) => p.line <= line && line <= p.endLine);
    const candidate = index.atOrBefore(line);
    return candidate && line <= candidate.endLine ? candidate : undefined;
  }

  paragraphsStartingBetween(first: number, last: number): Paragraph[] {
    const { index, disjoint } = this.paragraphs();
    if (!disjoint) return this.report.paragraphs.filter((p) => p.line >= first && p.line <= last);
    return index.between(first, last);
  }

  paragraphFigures(paragraph: Paragraph): readonly PlacedFigure[] {
    return this.memo(PARAGRAPH_FIGURES, paragraph, () =>
      this.figuresBetween(paragraph.line, paragraph.endLine)
        .map((figure) => ({ figure, offset: offsetInParagraph(paragraph, figure) }))
        .sort((a, b) => a.offset - b.offset));
  }

  // ---------- lines and places ----------

  locate(line: number, column?: number): DocumentLocation | undefined {
    return this.locator.locate(line, column);
  }

  lineOf(location: DocumentLocation): number | undefined {
    return this.locator.lineOf(location);
  }

  // ---------- memo ----------

  memo<K extends object, V>(slot: object, key: K, compute: () => V): V {
    let byKey = this.memos.get(slot);
    if (!byKey) this.memos.set(slot, (byKey = new WeakMap()));
    if (byKey.has(key)) return byKey.get(key) as V;
    const value = compute();
    byKey.set(key, value);
    return value;
  }
}

const FIGURES_OF = {};
const PARAGRAPH_FIGURES = {};

/** Offset of a figure inside its paragraph's normalised text. */
export function offsetInParagraph(paragraph: Paragraph, figure: Figure): number {
  const segment = paragraph.segments.find((s) => s.line === figure.line);
  return (segment?.offset ?? 0) + figure.column - 1;
}

/** One query per Report object, built on first use (keyed on the Report itself, so a changed copy gets its own). */
const queries = new WeakMap<Report, ReportQuery>();

export function queryOf(report: Report): ReportQuery {
  let query = queries.get(report);
  if (!query) queries.set(report, (query = new ReportQuery(report)));
  return query;
}

/**
 * The query of `copy`, a changed copy of `original` ({ ...original, indicators } — rubric matching sets rubric ids):
 * its own indicator tree, the original's figure, paragraph and line indexes where it holds the same arrays.
 */
export function queryOfCopy(copy: Report, original: Report): ReportQuery {
  let query = queries.get(copy);
  if (!query) queries.set(copy, (query = new ReportQuery(copy, queryOf(original))));
  return query;
}
