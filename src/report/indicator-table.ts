import type { Adjustment, IndicatorMeasure, IndicatorNode, Paragraph, StatedTotal } from '../model/index.js';
import { adjustmentScore } from './adjustments.js';
import { WEIGHT_IN_TITLE, weightInTitle } from './narrative-scores.js';
import { normalizeHeader, roleOfHeader, type TableColumns } from './table-columns.js';
import { numberText, rowLocation, rowParagraph, type TableView } from './table-rows.js';

const TOTAL_ROW = /^(?:合计|总分|总计|自评总分|总得分|综合得分|综合评分|得分合计|评价总分|自评得分合计|评价得分合计|最终得分)/u;
/** A 二级 block's own subtotal row under its children: "产出指标 | 小计 | 50 | 48". */
const SUBTOTAL_ROW = /^(?:小计|合计|小结)$/u;
/**
 * Rows of a form that are not indicators: the national forms' footer (偏差大或目标未完成原因分析, 改进措施及结果应用方案),
 * signatures and dates (联系人, 填报日期, 单位负责人), notes (备注, 说明).
 */
const FORM_ROW = /^(?:偏差大|目标未完成|未完成原因|原因分析|偏差原因|存在的?问题|改进措施|整改措施|结果应用|联系人|联系电话|联系方式|填报人|填表人|填报日期|填表日期|填报单位|审核人|审核意见|单位负责人|部门负责人|财务负责人|项目负责人|负责人|签字|盖章|备注|说明|注[：:]|评价结论|自评结论)/u;
const BONUS_ROW = /加减分|加分项|减分项|附加分|扣分项/u;
const NOT_ASSESSED = /不考核|不适用|不参与(?:评分|考核)|不纳入(?:评分|考核)|不予考核/u;
const PLACEHOLDER = /^(?:无|没有|—+|-+|\/|／|不适用|\s*)$/u;
const NUMBERING = /^(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十\d]{1,3}）|\d{1,2}(?:\.\d{1,2})*[.、．]?(?=\p{Script=Han}))\s*/u;

/** What one indicator table adds to the report. Nodes are shared by id across tables (a table split in two). */
export interface TableReading {
  statedTotals: StatedTotal[];
  adjustments: Adjustment[]; // every 加分项/扣分项/加减分 row, signed as it counts
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

/**
 * The header written again (a table continued on a new page): two or more cells repeat the header of their column.
 * A data row whose cells merely read like headers ("预算执行率 | … | 预算执行率为94%") is not one.
 */
function isRepeatedHeader(texts: readonly string[], columns: TableColumns): boolean {
  const repeated = texts.filter((t, c) => {
    const header = normalizeHeader(t);
    const own = columns.headers[c] ?? '';
    return header !== '' && roleOfHeader(t) !== null && (header === own || own.split('/').includes(header));
  }).length;
  return repeated >= 2;
}

/**
 * A row that only names a block, written across the row (one text in every filled cell): "一、产出指标（50分）",
 * "预算执行情况（20分）". Its weight is the one in its title; it has no score of its own.
 */
function blockHeader(texts: readonly string[]): string | null {
  const filled = new Set(texts.filter((t) => t !== ''));
  if (filled.size !== 1) return null;
  const text = [...filled][0]!;
  return weightInTitle(text) !== null && /\p{Script=Han}/u.test(text) ? text : null;
}

/** The rank a block title's numbering gives it: "一、" 1, "（一）" 2, "1." 3, "（1）" 4; unnumbered 1. */
function blockRank(title: string): number {
  const text = title.trim();
  if (/^[一二三四五六七八九十]{1,3}、/u.test(text)) return 1;
  if (/^[（(][一二三四五六七八九十]{1,3}[)）]/u.test(text)) return 2;
  if (/^\d{1,2}[.、．](?!\d)/u.test(text)) return 3;
  if (/^[（(]\d{1,2}[)）]/u.test(text)) return 4;
  return 1;
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

/** The tree's node for a name under `parent` (created at row `r` when new). */
function nodeFor(tree: TreeBuilder, parent: IndicatorNode | undefined, rawName: string, view: TableView, r: number, column: number): IndicatorNode {
  const name = cleanName(rawName);
  const path = [...(parent?.path ?? []), name];
  const id = path.join('/');
  let node = tree.byId.get(id);
  if (!node) {
    node = {
      id, name, path, level: path.length, weight: weightInTitle(rawName), score: null, assessed: true, notAssessedReason: null,
      line: view.lines[r]!, scoreLine: null, evidence: '', evidenceLines: null, reason: null, rubricId: null,
      location: rowLocation(view, r, column), children: [],
    };
    tree.byId.set(id, node);
    (parent ? parent.children : tree.roots).push(node);
  } else if (node.weight === null) {
    node.weight = weightInTitle(rawName);
  }
  return node;
}

/**
 * Read an indicator table's rows [from, to) into the tree: merged level cells give the parents, the last level the
 * leaf with its 分值, 得分, 扣分原因, 评分标准 and measured values. A 合计/总分 row is a stated total; every 加分项/扣分项/
 * 加减分 row an adjustment; a 小计 row its block's own subtotal; a row naming a block across the table ("一、产出指标（50分）")
 * that block with its weight; a form's footer rows (原因分析, 改进措施, 联系人 …) and placeholder rows (无) no indicator.
 */
export function readIndicatorTable(view: TableView, columns: TableColumns, tree: TreeBuilder, to = view.texts.length, blockTitle: string | null = null): TableReading {
  const reading: TableReading = { statedTotals: [], adjustments: [], paragraphs: [], leaves: 0 };
  const cellOf = (r: number, c: number | null) => (c === null ? '' : (view.texts[r]![c] ?? ''));
  let above: string[] = []; // the previous indicator row's level names, for merges a PDF or a plain table leaves empty
  // A block named across a row (or, for a piece of a table, right above it): parent of the rows below in a one-level table
  let block: IndicatorNode | undefined = blockTitle === null ? undefined : nodeFor(tree, undefined, blockTitle, view, columns.firstDataRow, columns.levels[0] ?? 0);
  if (blockTitle !== null) above = columns.levels.map((_, i) => (i === 0 ? blockTitle : ''));
  const blocks: { rank: number; node: IndicatorNode }[] = block ? [{ rank: blockRank(blockTitle!), node: block }] : [];
  for (let r = columns.firstDataRow; r < to; r += 1) {
    const texts = view.texts[r]!;
    const line = view.lines[r]!;
    if (texts.every((t) => t === '') || isRepeatedHeader(texts, columns)) continue;
    const header = blockHeader(texts);
    if (header !== null) {
      reading.paragraphs.push(rowParagraph(view, r, [cleanName(header)], { headers: columns.headers }));
      // "一、预算执行（50分）" then "（一）资金管理（30分）": a block of a finer numbering nests in the one above it.
      const rank = blockRank(header);
      while (blocks.length > 0 && blocks[blocks.length - 1]!.rank >= rank) blocks.pop();
      block = nodeFor(tree, blocks[blocks.length - 1]?.node, header, view, r, columns.levels[0] ?? 0);
      blocks.push({ rank, node: block });
      above = columns.levels.map((_, i) => (i === 0 ? header : ''));
      continue;
    }
    const firstText = texts.find((t) => t !== '') ?? '';
    if (FORM_ROW.test(firstText)) {
      reading.paragraphs.push(rowParagraph(view, r, [], { headers: columns.headers }));
      continue;
    }
    const levelTexts = filledDown(columns.levels.map((c) => texts[c] ?? ''), above);
    const rawNames = levelTexts.filter((n, i, all) => n !== '' && n !== all[i - 1]);
    const paragraph = rowParagraph(view, r, rawNames.map(cleanName), { headers: columns.headers });
    reading.paragraphs.push(paragraph);
    const weight = num(cellOf(r, columns.weight));
    const scoreText = cellOf(r, columns.score);
    const score = num(scoreText);
    const reasonText = cellOf(r, columns.reason);
    const reason = PLACEHOLDER.test(reasonText) ? '' : reasonText;
    if (TOTAL_ROW.test(rawNames[0] ?? firstText)) {
      // "总分 | 100分" merged across 分值 and 得分: the full marks, not a stated score.
      const spansWeight = columns.score !== null && view.block.rows[r]?.[columns.score]?.merged === true && cellOf(r, columns.weight) === scoreText;
      if (score !== null && !spansWeight) reading.statedTotals.push({ value: score, line, text: paragraph.text.replace(/\t+/gu, ' ').trim() });
      continue;
    }
    if (rawNames.length === 0) continue;
    const bonusName = rawNames.find((n) => BONUS_ROW.test(n));
    if (bonusName !== undefined) {
      if (score !== null) reading.adjustments.push({ score: adjustmentScore(bonusName, score), line, evidence: reason, label: cleanName(bonusName) });
      continue;
    }
    if (rawNames.length > 1 && SUBTOTAL_ROW.test(cleanName(rawNames[rawNames.length - 1]!))) {
      // The block's own 分值/得分, kept as written on the block (never replaced by its children's sum).
      const owner = tree.byId.get(rawNames.slice(0, -1).map(cleanName).join('/'));
      if (owner) Object.assign(owner, { weight: weight ?? owner.weight, score: score ?? owner.score, scoreLine: score === null ? owner.scoreLine : line });
      continue;
    }
    if (PLACEHOLDER.test(cleanName(rawNames[rawNames.length - 1]!)) && weight === null && score === null) continue;
    above = levelTexts;
    let parent: IndicatorNode | undefined = columns.levels.length === 1 ? block : undefined;
    rawNames.forEach((rawName, depth) => {
      const name = cleanName(rawName);
      if (name === '') return;
      const node = nodeFor(tree, parent, rawName, view, r, columns.levels[depth] ?? 0);
      const ownWeight = columns.levelWeights?.[depth];
      if (depth < rawNames.length - 1 && node.weight === null && ownWeight !== null && ownWeight !== undefined) node.weight = num(cellOf(r, ownWeight));
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
          ...(columns.standard === null ? {} : {
            standard: standard === '' ? null : standard, standardLine: standard === '' ? null : line,
            standardSource: standard === '' ? null : { from: 'standard-column' as const, line, location: rowLocation(view, r, columns.standard) },
          }),
          measures: measuresOf(view, r, columns),
          ...(columns.deduction === null || columns.deduction === undefined ? {} : { deduction: num(cellOf(r, columns.deduction)) }),
        });
        if (score !== null || notAssessed) reading.leaves += 1;
      }
      parent = node;
    });
  }
  return reading;
}
