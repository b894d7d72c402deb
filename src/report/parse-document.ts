import type { Adjustment, Document, IndicatorNode, Paragraph, ParseProblem, ParseResult, Report, StatedTotal } from '../model/index.js';
import { splitParagraphs } from './split-paragraphs.js';
import { buildOutline } from './outline.js';
import { extractIndicators, indicatorLeaves } from './indicators.js';
import { extractStatedTotals } from './stated-totals.js';
import { extractFigures } from './figures.js';
import { problem } from './problems.js';
import { scoreColumnMissing } from './score-column-missing.js';
import { findTableColumns, type TableColumns } from './table-columns.js';
import { MAX_TABLE_ROWS, tableLines, tableViews, type TableView } from './table-rows.js';
import { newTree, readIndicatorTable } from './indicator-table.js';
import { withEvidenceStandards } from './evidence-standard.js';
import { BUDGET_INDICATOR_NAME, readBudgetBlock } from './target-form.js';
import { coverOf } from './cover.js';
import { restoreTableHeaders } from './table-continuation.js';
import { allIndicatorsOf } from './indicator-walk.js';
import { lowerBound } from './query/line-index.js';
import { bonusOf } from './adjustments.js';
import { attachIndicatorFacts } from './indicator-facts.js';

const REPORT_WORDS = /自评|绩效|评价|指标|预算/u;
const DOCUMENT_TITLE = /报告$|自评表$|评分表$/u;

interface TablesReading {
  indicators: IndicatorNode[];
  statedTotals: StatedTotal[];
  adjustments: Adjustment[];
  paragraphs: Paragraph[];
  budget: Report['budget'];
  budgetIndicator: IndicatorNode | null;
  unscored: TableColumns[]; // indicator headers without a score column (for the refusal message)
  standards: IndicatorNode[]; // leaves of tables without scores that carry a 评分标准 (a 评分细则 appended to a narrative)
  problems: ParseProblem[];
}

/** Read every table: the national form's budget block, then indicator tables (several per table allowed). */
function readTables(document: Pick<Document, 'blocks'>, views: readonly TableView[]): TablesReading {
  const tree = newTree();
  const out: TablesReading = { indicators: [], statedTotals: [], adjustments: [], paragraphs: [], budget: undefined, budgetIndicator: null, unscored: [], standards: [], problems: [] };
  const standardsTree = newTree();
  for (const { view, block } of restoreTableHeaders(document, views)) {
    if (view.block.rows.length > MAX_TABLE_ROWS) {
      out.problems.push({ code: 'table-truncated', message: `第 ${view.index} 个表格超过 ${MAX_TABLE_ROWS} 行，只读取了前 ${MAX_TABLE_ROWS} 行。`, line: view.lines[0] });
    }
    let from = 0;
    const budget = out.budget ? null : readBudgetBlock(view);
    if (budget) {
      out.budget = budget.budget;
      out.budgetIndicator = budget.indicator;
      out.paragraphs.push(...budget.paragraphs);
      from = budget.endRow;
    }
    while (from < view.texts.length) {
      const columns = findTableColumns(view.texts, from);
      if (!columns) break;
      const next = findTableColumns(view.texts, columns.firstDataRow);
      const to = next?.headerRow ?? view.texts.length;
      if (columns.score === null) {
        out.unscored.push(columns);
        if (columns.standard !== null) readIndicatorTable(view, columns, standardsTree, to);
      } else {
        const reading = readIndicatorTable(view, columns, tree, to, from === 0 ? block : null);
        out.statedTotals.push(...reading.statedTotals);
        out.paragraphs.push(...reading.paragraphs);
        out.adjustments.push(...reading.adjustments);
      }
      from = to;
    }
  }
  out.indicators = tree.roots;
  out.standards = indicatorLeaves(standardsTree.roots).filter((leaf) => leaf.standard);
  return out;
}

const nameKey = (name: string) => name.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '').replace(/(?:情况|指标)$/u, '');

/** A narrative's indicators take the 评分标准 of the same-named row of a 评分细则 table in the same document. */
function withTableStandards(nodes: readonly IndicatorNode[], standards: readonly IndicatorNode[]): IndicatorNode[] {
  if (standards.length === 0) return [...nodes];
  const byName = new Map(standards.map((leaf) => [nameKey(leaf.name), leaf]));
  const visit = (node: IndicatorNode): IndicatorNode => {
    const source = node.children.length === 0 && !node.standard ? byName.get(nameKey(node.name)) : undefined;
    const children = node.children.map(visit);
    if (!source) return { ...node, children };
    const line = source.standardLine ?? source.line;
    return {
      ...node, children, standard: source.standard ?? null, standardLine: source.standardLine ?? null,
      standardSource: { from: 'standard-table', line, ...(source.standardSource?.location ? { location: source.standardSource.location } : {}) },
    };
  };
  return nodes.map(visit);
}

/** Does a line belong to an indicator's own text (its heading to the end of its evidence)? Spans merged, binary search. */
function ownedLines(nodes: readonly IndicatorNode[]): (line: number) => boolean {
  const spans = allIndicatorsOf(nodes)
    .map((node) => [node.line, node.evidenceLines?.[1] ?? node.scoreLine ?? node.line] as const)
    .sort((a, b) => a[0] - b[0]);
  const starts: number[] = [];
  const ends: number[] = [];
  for (const [first, last] of spans) {
    if (starts.length > 0 && first <= ends[ends.length - 1]! + 1) ends[ends.length - 1] = Math.max(ends[ends.length - 1]!, last);
    else {
      starts.push(first);
      ends.push(last);
    }
  }
  return (line) => {
    const span = lowerBound(starts, line + 1) - 1; // the last span starting at or before the line
    return span >= 0 && line <= ends[span]!;
  };
}

function hasScores(nodes: readonly IndicatorNode[]): boolean {
  return indicatorLeaves(nodes).some((leaf) => leaf.score !== null);
}

/** Lines of table rows (not running text) and the lines the format marks as headings. */
function layoutOptions(document: Document, views: readonly TableView[]) {
  const barriers = new Set(views.flatMap(tableLines));
  const headingLevels = new Map<number, number>();
  document.blocks.forEach((block, i) => {
    if (block.kind !== 'heading' || block.level === null) return;
    if (i === 0 && DOCUMENT_TITLE.test(block.text.trim())) return; // the document's title, not a section
    headingLevels.set(block.line, block.level);
  });
  return { barriers, headingLevels };
}

/**
 * Recognise the report in a Document: narrative indicators (every phrasing), indicator tables, the national target
 * form's budget block, and a narrative with a table in it (the table gives the tree, the text is kept as `textView`).
 * Never throws for bad input.
 */
export function parseDocument(document: Document): ParseResult {
  const { lines } = document;
  if (lines.every((l) => l.trim() === '')) return { ok: false, problems: [problem('empty-file')] };
  const views = tableViews(document);
  const { headings, paragraphs: textParagraphs } = splitParagraphs(lines, layoutOptions(document, views));
  const sections = buildOutline(headings, lines.length);
  const narrative = extractIndicators(headings, textParagraphs);
  const textTotals = extractStatedTotals(textParagraphs, ownedLines(narrative.indicators));
  const tables = readTables(document, views);

  let indicators: IndicatorNode[];
  let adjustments: Adjustment[];
  let statedTotals: StatedTotal[];
  let textView: Report['textView'];
  const budgetOnly = tables.budgetIndicator ? [tables.budgetIndicator] : [];
  if (hasScores(tables.indicators)) {
    indicators = [...budgetOnly, ...tables.indicators];
    adjustments = tables.adjustments.length > 0 ? tables.adjustments : narrative.adjustments;
    statedTotals = [...tables.statedTotals, ...textTotals];
    if (hasScores(narrative.indicators) || textTotals.length > 0) {
      textView = { indicators: narrative.indicators, statedTotals: textTotals, bonus: bonusOf(narrative.adjustments) };
    }
  } else if (hasScores(narrative.indicators)) {
    const namesBudget = indicatorLeaves(narrative.indicators).some((leaf) => leaf.name.includes(BUDGET_INDICATOR_NAME));
    indicators = [...(namesBudget ? [] : budgetOnly), ...withEvidenceStandards(withTableStandards(narrative.indicators, tables.standards), textParagraphs)];
    adjustments = narrative.adjustments;
    statedTotals = [...tables.statedTotals, ...textTotals];
  } else if (tables.budgetIndicator?.score != null) {
    indicators = budgetOnly;
    adjustments = tables.adjustments;
    statedTotals = [...tables.statedTotals, ...textTotals];
  } else {
    const unscored = tables.unscored[0];
    if (unscored) return { ok: false, problems: [scoreColumnMissing(unscored)] };
    if (document.format === 'xlsx') return { ok: false, problems: [problem('no-score-table')] };
    const reportLike = textParagraphs.some((p) => REPORT_WORDS.test(p.text)) && narrative.indicators.length > 0;
    return { ok: false, problems: [problem(reportLike ? 'no-scores' : 'not-a-report')] };
  }
  statedTotals.sort((a, b) => a.line - b.line);

  const paragraphs = [...textParagraphs, ...tables.paragraphs].sort((a, b) => a.line - b.line);
  const cover = coverOf(document, textParagraphs, sections, views);
  const report: Report = {
    ...cover,
    source: { name: document.name, format: document.format, encoding: document.encoding, ...(document.ocr ? { ocr: true } : {}) },
    lines,
    lineLocations: document.lineLocations,
    paragraphs,
    sections,
    indicators,
    bonus: bonusOf(adjustments),
    adjustments,
    statedTotals,
    figures: extractFigures(paragraphs),
    ...(tables.budget ? { budget: tables.budget } : {}),
    ...(textView ? { textView } : {}),
  };
  attachIndicatorFacts(report);
  const problems: ParseProblem[] = [
    ...tables.problems,
    ...indicatorLeaves(indicators)
      .filter((leaf) => leaf.assessed && leaf.score === null)
      .map((leaf) => ({ code: 'missing-score', message: `指标“${leaf.name}”没有写明自评得分。`, line: leaf.line })),
  ];
  return { ok: true, report, problems };
}
