import type { Bonus, IndicatorMeasure, IndicatorNode, Paragraph, StatedTotal } from '../model/index.js';
import { WEIGHT_IN_TITLE, weightInTitle } from './narrative-scores.js';
import { roleOfHeader, type TableColumns } from './table-columns.js';
import { numberText, rowLocation, rowParagraph, type TableView } from './table-rows.js';

const TOTAL_ROW = /^(?:合计|总分|总计|自评总分|总得分|综合得分|得分合计|评价总分|自评得分合计)/u;
const BONUS_ROW = /加减分|加分项|减分项|附加分|扣分项/u;
const NOT_ASSESSED = /不考核|不适用|不参与(?:评分|考核)|不纳入(?:评分|考核)|不予考核/u;
const PLACEHOLDER = /^(?:无|没有|—+|-+|\/|／|不适用|\s*)$/u;
const NUMBERING = /^(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十\d]{1,3}）|\d{1,2}(?:\.\d{1,2})*[.、．]?(?=\p{Script=Han}))\s*/u;

/** What one indicator table adds to the report. Nodes are shared by id across tables (a table split in two). */
export interface TableReading {
  statedTotals: StatedTotal[];
  bonus: Bonus | null;
  paragraphs: Paragraph[];
  leaves: number; // rows read as scored or not-assessed leaves
}

export interface TreeBuilder {
  roots: IndicatorNode[];
  byId: Map<string, IndicatorNode>;
}

export function newTree(): TreeBuilder {
  return { roots: [], byId: new Map() };
}

function cleanName(raw: string): string {
  return raw.replace(WEIGHT_IN_TITLE, '').replace(NUMBERING, '').replace(/[（(]\s*[)）]$/u, '').replace(/[：:]$/u, '').trim();
}

/**
 * Outer level cells left empty under a master (a vertical merge printed to PDF, or a table that writes a parent once):
 * an empty level cell takes the text above it when a deeper level of the row is filled.
 */
function filledDown(levels: readonly string[], above: readonly string[]): string[] {
  const deepest = levels.reduce((d, t, i) => (t !== '' ? i : d), -1);
  return levels.map((t, i) => (t === '' && i < deepest ? (above[i] ?? '') : t));
}

function isRepeatedHeader(texts: readonly string[]): boolean {
  const roles = texts.filter((t) => roleOfHeader(t) !== null).length;
  return roles >= 2 && texts.every((t) => !/^\d+(?:\.\d+)?%?$/u.test(t));
}

function num(text: string | undefined): number | null {
  const n = text === undefined ? null : numberText(text);
  return n === null ? null : Number(n);
}

const MEASURE_ROLES = ['target', 'actual', 'executionRate', 'budgetInitial', 'budgetFull', 'budgetExecuted'] as const;

function measuresOf(view: TableView, r: number, columns: TableColumns): IndicatorMeasure[] {
  const measures: IndicatorMeasure[] = [];
  for (const role of MEASURE_ROLES) {
    const c = columns[role];
    if (c === null) continue;
    const text = view.texts[r]![c] ?? '';
    if (text === '') continue;
    measures.push({ label: columns.headers[c] ?? role, text, line: view.lines[r]!, location: rowLocation(view, r, c) });
  }
  return measures;
}

/**
 * Read an indicator table's rows [from, to) into the tree: merged level cells give the parents, the last level the
 * leaf with its 分值, 得分, 扣分原因, 评分标准 and measured values; a 合计/总分 row is a stated total, a 加减分 row the bonus.
 */
export function readIndicatorTable(view: TableView, columns: TableColumns, tree: TreeBuilder, to = view.texts.length): TableReading {
  const reading: TableReading = { statedTotals: [], bonus: null, paragraphs: [], leaves: 0 };
  const cellOf = (r: number, c: number | null) => (c === null ? '' : (view.texts[r]![c] ?? ''));
  let above: string[] = []; // the previous indicator row's level names, for merges a PDF or a plain table leaves empty
  for (let r = columns.firstDataRow; r < to; r += 1) {
    const texts = view.texts[r]!;
    const line = view.lines[r]!;
    if (texts.every((t) => t === '') || isRepeatedHeader(texts)) continue;
    const levelTexts = filledDown(columns.levels.map((c) => texts[c] ?? ''), above);
    const rawNames = levelTexts.filter((n, i, all) => n !== '' && n !== all[i - 1]);
    const firstText = texts.find((t) => t !== '') ?? '';
    const paragraph = rowParagraph(view, r, rawNames.map(cleanName), { headers: columns.headers });
    reading.paragraphs.push(paragraph);
    const weight = num(cellOf(r, columns.weight));
    const scoreText = cellOf(r, columns.score);
    const score = num(scoreText);
    const reasonText = cellOf(r, columns.reason);
    const reason = PLACEHOLDER.test(reasonText) ? '' : reasonText;
    if (TOTAL_ROW.test(rawNames[0] ?? firstText)) {
      if (score !== null) reading.statedTotals.push({ value: score, line, text: paragraph.text.replace(/\t+/gu, ' ').trim() });
      continue;
    }
    if (rawNames.length === 0) continue;
    if (rawNames.some((n) => BONUS_ROW.test(n))) {
      if (score !== null) reading.bonus = { score, line, evidence: reason };
      continue;
    }
    above = levelTexts;
    let parent: IndicatorNode | undefined;
    rawNames.forEach((rawName, depth) => {
      const name = cleanName(rawName);
      if (name === '') return;
      const path = [...(parent?.path ?? []), name];
      const id = path.join('/');
      let node = tree.byId.get(id);
      if (!node) {
        node = {
          id, name, path, level: path.length, weight: weightInTitle(rawName), score: null, assessed: true, notAssessedReason: null,
          line, scoreLine: null, evidence: '', evidenceLines: null, reason: null, rubricId: null,
          location: rowLocation(view, r, columns.levels[depth] ?? 0), children: [],
        };
        tree.byId.set(id, node);
        (parent ? parent.children : tree.roots).push(node);
      }
      if (depth === rawNames.length - 1) {
        const notAssessed = score === null && texts.some((t) => NOT_ASSESSED.test(t));
        const actual = cellOf(r, columns.actual);
        const evidence = [actual, reason].filter((t) => t !== '' && !PLACEHOLDER.test(t)).join('，');
        const standard = cellOf(r, columns.standard);
        Object.assign(node, {
          weight: weight ?? node.weight,
          score,
          assessed: !notAssessed,
          notAssessedReason: notAssessed ? (texts.find((t) => NOT_ASSESSED.test(t)) ?? null) : null,
          line,
          scoreLine: score === null ? null : line,
          evidence,
          evidenceLines: evidence === '' ? null : [line, line],
          reason: reason === '' ? null : reason,
          location: rowLocation(view, r, columns.levels[depth] ?? 0),
          ...(columns.standard === null ? {} : { standard: standard === '' ? null : standard, standardLine: standard === '' ? null : line }),
          measures: measuresOf(view, r, columns),
        });
        if (score !== null || notAssessed) reading.leaves += 1;
      }
      parent = node;
    });
  }
  return reading;
}
