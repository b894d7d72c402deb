import type { BudgetBlock, BudgetRow, IndicatorMeasure, IndicatorNode, Paragraph } from '../model/index.js';
import { headerRolesOf, type TableColumns } from './table-columns.js';
import { numberText, rowLocation, rowParagraph, type TableView } from './table-rows.js';

/**
 * The budget block of the national target-based 自评表 (部门整体 and 项目支出 alike):
 *   | 年度预算执行情况（万元） |            | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
 *   |                         | 年度资金总额 | 100        | 120        | 114        | 10   | 95%    | 9.5  |
 *   |                         | 其中：当年财政拨款 | …   (上年结转资金, 其他资金)
 * It is a scored indicator (预算执行率: 得分 = 分值 × 执行率, at most 分值) and counts in the total.
 */

export const BUDGET_INDICATOR_NAME = '预算执行率';
export const BUDGET_STANDARD = '得分=分值×执行率（执行率=全年执行数÷全年预算数，得分不超过分值）';

const KINDS: { kind: BudgetRow['kind']; re: RegExp }[] = [
  { kind: 'fiscal', re: /财政拨款|财政资金|财政补助/u },
  { kind: 'carryover', re: /上年结转|结转资金/u },
  { kind: 'other', re: /其他资金|其他收入|自筹/u },
  { kind: 'total', re: /资金总额|年度资金|合计|总计|总额/u },
];

export interface BudgetReading {
  budget: BudgetBlock;
  indicator: IndicatorNode | null;
  endRow: number; // first row after the block
  paragraphs: Paragraph[]; // the block's rows as paragraphs (figures, quotes)
}

function budgetHeader(texts: readonly string[]): TableColumns | null {
  const roles = headerRolesOf(texts);
  return roles && roles.budgetFull !== null && roles.budgetExecuted !== null ? roles : null;
}

function labelOf(texts: readonly string[], before: number): { label: string; kind: BudgetRow['kind']; column: number } | null {
  for (let c = before - 1; c >= 0; c -= 1) {
    const text = texts[c] ?? '';
    const found = KINDS.find((k) => k.re.test(text));
    if (found) return { label: text, kind: found.kind, column: c };
  }
  return null;
}

/** Find and read the budget block of a table, or null when the table has none. */
export function readBudgetBlock(view: TableView): BudgetReading | null {
  const headerRow = view.texts.findIndex((texts) => budgetHeader(texts) !== null);
  if (headerRow < 0) return null;
  const columns = budgetHeader(view.texts[headerRow]!)!;
  const firstFigure = Math.min(
    ...[columns.budgetInitial, columns.budgetFull, columns.budgetExecuted].filter((c): c is number => c !== null),
  );
  const rows: BudgetRow[] = [];
  let r = headerRow + 1;
  for (; r < view.texts.length; r += 1) {
    const texts = view.texts[r]!;
    const label = labelOf(texts, firstFigure);
    if (!label) break;
    const cell = (c: number | null) => (c === null ? null : numberText(texts[c] ?? ''));
    rows.push({
      label: label.label, kind: label.kind,
      initial: cell(columns.budgetInitial), full: cell(columns.budgetFull), executed: cell(columns.budgetExecuted),
      rate: cell(columns.executionRate), weight: cell(columns.weight), score: cell(columns.score),
      line: view.lines[r]!, location: rowLocation(view, r, label.column),
    });
  }
  if (rows.length === 0) return null;
  const total = rows.find((row) => row.kind === 'total') ?? rows[0]!;
  const indicator = total.weight === null && total.score === null ? null : budgetIndicator(view, headerRow, total, columns);
  // The form states its figures in 万元 (年度预算执行情况（万元）); a header that says otherwise wins.
  const header = { headers: columns.headers, unit: '万元' };
  const paragraphs = Array.from({ length: r - headerRow }, (_, i) =>
    rowParagraph(view, headerRow + i, [BUDGET_INDICATOR_NAME], i === 0 ? undefined : header));
  return { budget: { line: view.lines[headerRow]!, rows, indicatorId: indicator?.id ?? null }, indicator, endRow: r, paragraphs };
}

function budgetIndicator(view: TableView, headerRow: number, total: BudgetRow, columns: TableColumns): IndicatorNode {
  const measure = (label: string, text: string | null, suffix = ''): IndicatorMeasure[] =>
    text === null ? [] : [{ label, text: `${text}${suffix}`, line: total.line, ...(total.location ? { location: total.location } : {}) }];
  const header = (c: number | null, fallback: string) => (c === null ? fallback : (columns.headers[c] ?? fallback));
  return {
    id: BUDGET_INDICATOR_NAME,
    name: BUDGET_INDICATOR_NAME,
    path: [BUDGET_INDICATOR_NAME],
    level: 1,
    weight: total.weight === null ? null : Number(total.weight),
    score: total.score === null ? null : Number(total.score),
    assessed: true,
    notAssessedReason: null,
    line: total.line,
    scoreLine: total.score === null ? null : total.line,
    evidence: '',
    evidenceLines: null,
    reason: null,
    rubricId: null,
    standard: BUDGET_STANDARD,
    standardLine: view.lines[headerRow]!,
    standardSource: { from: 'form', line: view.lines[headerRow]!, location: rowLocation(view, headerRow) },
    measures: [
      ...measure(header(columns.budgetInitial, '年初预算数'), total.initial),
      ...measure(header(columns.budgetFull, '全年预算数'), total.full),
      ...measure(header(columns.budgetExecuted, '全年执行数'), total.executed),
      ...measure(header(columns.executionRate, '执行率'), total.rate, '%'),
    ],
    ...(total.location ? { location: total.location } : {}),
    children: [],
  };
}
