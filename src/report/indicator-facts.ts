import type { Figure, IndicatorNode, IndicatorValueFact, Paragraph, Report } from '../model/index.js';
import { STATED_VALUE_ROLES } from '../model/figure-role.js';
import { allIndicatorsOf } from './indicator-walk.js';
import { roleOfHeader, type ColumnRole } from './table-columns.js';
import { BUDGET_INDICATOR_NAME } from './target-form.js';
import { offsetInParagraph, queryOf, type ReportQuery } from './query/report-query.js';

/**
 * Each leaf's stated facts (model/indicator.ts): its target and actual values with where they were read. The figure an
 * actual value was read from gets the role `actual`. (A narrative's quoted standard sentence is not yet made its
 * `standard`: the figures in it are thresholds, but rules would start judging scores by it — a decision for the rules.)
 *
 * Where the actual value is read, first found wins: the 实际完成值 column; the budget block's 执行率; a number in the
 * 扣分原因/说明 cell; a sentence of the indicator's own text. A number counts only when it is a stated value (never a
 * threshold, target, weight or score — see figure-roles.ts) and is about the indicator: its subject names the indicator
 * ("执行率为88.3%" for 项目支出执行率), or (in the row's own reason cell) its unit is the unit the indicator is measured in
 * (the target's, else % when the standard or the name speaks of a rate). Nothing that fits: `actual` is null.
 */
export function attachIndicatorFacts(report: Report): void {
  // The report's own query: its line and figure indexes are built once and serve every reader after parsing too.
  const query = queryOf(report);
  const nodes = [...allIndicatorsOf(report.indicators), ...allIndicatorsOf(report.textView?.indicators ?? [])];
  for (const node of nodes) {
    if (node.children.length > 0) continue;
    const row = rowOf(query, node);
    node.target = row ? columnFact(query, row, node, 'target') : null;
    node.actual = (row ? columnFact(query, row, node, 'actual') ?? budgetFact(query, row, node) ?? reasonFact(query, row, node) : null)
      ?? evidenceFact(query, node);
    if (!node.actual && row) plannedAndDone(query, row, node);
    const actual = node.actual;
    if (actual?.figureId) {
      // A fact is read on its figure's own line (fact() below), so the figure is found there without an id map.
      const figure = query.figuresOnLine(actual.line).find((f) => f.id === actual.figureId);
      if (figure && STATED_VALUE_ROLES.has(figure.role)) figure.role = 'actual';
    }
  }
}

/** A table row's paragraph (with its column headers) when the indicator was read from a table. */
interface Row {
  paragraph: Paragraph;
  roles: (ColumnRole | null)[];
}

function rowOf(query: ReportQuery, node: IndicatorNode): Row | null {
  if (node.measures === undefined && node.standardSource?.from !== 'standard-column') return null;
  const paragraph = query.paragraphAt(node.line);
  if (!paragraph?.cells || !paragraph.table) return null;
  return { paragraph, roles: paragraph.table.headers.map((h) => roleOfHeader(h)?.role ?? null) };
}

function columnOf(paragraph: Paragraph, figure: Figure): number {
  return paragraph.text.slice(0, offsetInParagraph(paragraph, figure)).split('\t').length - 1;
}

function cellText(row: Row, column: number): string {
  return row.paragraph.text.split('\t')[column] ?? '';
}

function fact(value: Figure | null, text: string, from: IndicatorValueFact['from'], row: Row | null, column: number, query: ReportQuery, line: number): IndicatorValueFact {
  const location = row ? row.paragraph.cells?.[column] : query.locate(line);
  return {
    value: value?.value ?? null,
    unit: value?.unit ?? '',
    text,
    from,
    line,
    ...(location ? { location: { ...location } } : {}),
    ...(value ? { figureId: value.id } : {}),
  };
}

/** The row's 实际完成值 or 年度指标值 cell; a cell without a number ("达标") gives a fact without a value. */
function columnFact(query: ReportQuery, row: Row, node: IndicatorNode, role: 'target' | 'actual'): IndicatorValueFact | null {
  const column = row.roles.indexOf(role);
  if (column < 0) return null;
  const text = cellText(row, column);
  if (text === '' || /^(?:—+|-+|\/|／|无)$/u.test(text)) return null;
  const figure = query.figuresOnLine(node.line).find((f) => columnOf(row.paragraph, f) === column) ?? null;
  return fact(figure, text, role === 'target' ? 'target-column' : 'actual-column', row, column, query, node.line);
}

/** The national form's budget block: its 执行率 is the budget indicator's actual value. */
function budgetFact(query: ReportQuery, row: Row, node: IndicatorNode): IndicatorValueFact | null {
  if (node.id !== BUDGET_INDICATOR_NAME) return null;
  const column = row.roles.indexOf('executionRate');
  if (column < 0) return null;
  const figure = query.figuresOnLine(node.line).find((f) => columnOf(row.paragraph, f) === column);
  return figure ? fact(figure, cellText(row, column), 'budget-row', row, column, query, node.line) : null;
}

/** The unit the indicator is measured in, when it can be told: its target's, else % for a rate. */
function expectedUnit(node: IndicatorNode): string | null {
  if (node.target?.value != null) return node.target.unit;
  if (/%/u.test(node.standard ?? '')) return '%';
  return /(?:率|比例|比率|满意度|占比)$/u.test(node.name) ? '%' : null;
}

/** How well a figure's subject names the indicator: the length of the longest tail of the name (≥ 2) in the subject. */
function nameMatch(name: string, subject: string): number {
  for (let length = name.length; length >= 2; length -= 1) if (subject.includes(name.slice(name.length - length))) return length;
  return 0;
}

/**
 * The figure that states the indicator's value: a stated value (not yet another indicator's) in the indicator's unit
 * when that is known, naming the indicator best; with `requireName` (running text) or no known unit, it must name it.
 */
function best(candidates: readonly Figure[], node: IndicatorNode, requireName: boolean): Figure | null {
  const unit = expectedUnit(node);
  let found: Figure | null = null;
  let score = -1;
  for (const figure of candidates) {
    if (!STATED_VALUE_ROLES.has(figure.role) || figure.role === 'actual') continue;
    if (unit !== null && figure.unit !== unit) continue;
    const match = nameMatch(node.name, figure.subject);
    if (match === 0 && (requireName || unit === null)) continue;
    if (match > score) {
      found = figure;
      score = match;
    }
  }
  return found;
}

/** A stated value in the row's 扣分原因/偏差原因/说明 cell ("执行率为88.3%，低于95%" → 88.3%). */
function reasonFact(query: ReportQuery, row: Row, node: IndicatorNode): IndicatorValueFact | null {
  const column = row.roles.indexOf('reason');
  if (column < 0) return null;
  const inCell = query.figuresOnLine(node.line).filter((f) => columnOf(row.paragraph, f) === column);
  const figure = best(inCell, node, false);
  return figure ? fact(figure, cellText(row, column), 'reason-cell', row, column, query, node.line) : null;
}

/**
 * "计划完成20项，实际完成19项" in the reason cell, with no rate stated: the planned count is the target and the done count
 * (same unit) the actual value, so that a 按完成比例 standard can be computed.
 */
function plannedAndDone(query: ReportQuery, row: Row, node: IndicatorNode): void {
  const column = row.roles.indexOf('reason');
  if (column < 0) return;
  const inCell = query.figuresOnLine(node.line).filter((f) => columnOf(row.paragraph, f) === column);
  const planned = inCell.find((f) => f.role === 'target' && f.unit !== '');
  const done = planned && inCell.find((f) => STATED_VALUE_ROLES.has(f.role) && f.role !== 'actual' && f.unit === planned.unit);
  if (!planned || !done) return;
  const text = cellText(row, column);
  node.target ??= fact(planned, text, 'reason-cell', row, column, query, node.line);
  node.actual = fact(done, text, 'reason-cell', row, column, query, node.line);
  done.role = 'actual';
}

/** A stated value in a sentence of the indicator's own text whose subject names it ("全年预算资金支出率为58.48%"). */
function evidenceFact(query: ReportQuery, node: IndicatorNode): IndicatorValueFact | null {
  if (node.evidenceLines === null) return null;
  const figures = query.figuresBetween(node.line, query.lastLineOf(node));
  const figure = best(figures, node, true);
  if (!figure) return null;
  const paragraph = query.paragraphAt(figure.line);
  return fact(figure, paragraph ? sentenceAround(paragraph.text, offsetInParagraph(paragraph, figure)) : figure.raw, 'evidence-sentence', null, 0, query, figure.line);
}

function sentenceAround(text: string, index: number): string {
  let start = index;
  while (start > 0 && !'。！？；\t'.includes(text[start - 1]!)) start -= 1;
  let end = index;
  while (end < text.length && !'。！？\t'.includes(text[end]!)) end += 1;
  return text.slice(start, end).trim();
}
