import type { FigureRole } from '../model/index.js';
import type { ColumnRole } from './table-columns.js';

/**
 * What a number is (model/figure.ts FigureRole), decided from where it stands: its table column, the words before and
 * after it, and whether its sentence is a scoring standard. `actual` is given later, by the indicator facts
 * (report/indicator-facts.ts), to the one figure each indicator's stated value was read from — and here to a number in
 * a 实际完成值 column.
 */
export interface RoleContext {
  text: string; // the paragraph's normalised text (a table row: cells joined by tabs)
  index: number; // offset of the number in `text`
  end: number; // offset after the number and its unit
  unit: string; // the figure's unit as read ("%", "万元", "分", "")
  columnRole: ColumnRole | null; // the role of the table column the number is in, null for running text
}

const MONEY = new Set(['元', '万元', '亿元', '千元']);
const RATE = new Set(['%', '‰', '个百分点']);
const DATE = new Set(['年', '月', '日']);

/** Words that define a standard: "评分标准：…", "计分方法为…". A passing mention ("根据评分标准，…") is not one. */
export const STANDARD_DEFINITION = /(?:评分标准|评分依据|计分方法|计分标准|评分办法|评分细则|评分规则|评分要点|考核标准|评价标准|评分方法|计分办法)[^，。；：:]{0,4}[：:为是]/u;
const STANDARD_MARKS = /扣完为止|扣满为止|最高不超过|最多扣|不得分[；;]|以此类推/u;
/** A band's score: 得6分, 扣0.5分, 计4分, 得满分, 不得分. */
const BAND_SCORE = /(?:得|扣|计|扣除|减)\s*-?\d+(?:\.\d+)?\s*分|得满分|不得分|该项不得分/gu;
const OPERATOR_BEFORE = /[≥≤<>＜＞≧≦=]\s*$/u;
const COMPARISON_BEFORE = /(?:低于|高于|不低于|不高于|不少于|不多于|不超过|不足|未达到|未达|未满|少于|多于|大于|小于|达不到|超出|每超|每低|每少|每多|每增加|每减少|每)\s*$/u;
const BOUND_AFTER = /^(?:（含）|\(含\)|以上|以下|及以上|及以下|以内|-|－|~|～|至)/u;
const RANGE_BEFORE = /\d(?:%|‰)?(?:（含）)?\s*[-－~～至]\s*$/u;
const TARGET_SUBJECT = /(?:指标值|目标值|目标|计划数|计划值|计划|预期值|预期|预计|任务数|任务)$/u;
const TARGET_AFTER = /^[^，。；\t]{0,3}(?:的)?(?:目标|计划|预期)/u;
const WEIGHT_SUBJECT = /(?:分值|权重|标准分|满分|总分值|指标分|满分值)$/u;

/** How many band scores (得6分, 扣0.5分, 得满分, 不得分) a text states. */
export function bandScoresIn(text: string): number {
  return text.match(BAND_SCORE)?.length ?? 0;
}

/** The stretch of `text` around `index` up to any of the break characters (exclusive), and its start. */
function around(text: string, index: number, breaks: ReadonlySet<string>): { text: string; start: number } {
  let start = index;
  while (start > 0 && !breaks.has(text[start - 1]!)) start -= 1;
  let end = index;
  while (end < text.length && !breaks.has(text[end]!)) end += 1;
  return { text: text.slice(start, end), start };
}

const SENTENCE_BREAKS = new Set('。！？\t\n');
const BAND_BREAKS = new Set('；;。！？\t\n');
const CLAUSE_BREAKS = new Set('，,；;。！？\t\n：:');

/** Is the number at `index` inside a standard: its sentence defines one, or has several banded scores ("…得5分；…得4分")? */
function inStandardSentence(text: string, index: number): boolean {
  const sentence = around(text, index, SENTENCE_BREAKS);
  const definition = STANDARD_DEFINITION.exec(sentence.text);
  if (definition && definition.index <= index - sentence.start) return true;
  if (STANDARD_MARKS.test(sentence.text)) return true;
  const bands = bandScoresIn(sentence.text);
  return bands >= 2 && /[；;]/u.test(sentence.text);
}

/** Is the number compared or bounded: "≥95%", "低于95%", "85%（含）", "85%-95%", "每少1项"? */
function compared(text: string, index: number, end: number, clauseStart: number): 'operator' | 'word' | null {
  const before = text.slice(Math.max(clauseStart, index - 8), index);
  if (OPERATOR_BEFORE.test(before) || RANGE_BEFORE.test(before)) return 'operator';
  if (COMPARISON_BEFORE.test(before)) return 'word';
  return BOUND_AFTER.test(text.slice(end)) ? 'operator' : null;
}

/** Is the number a band's own score, "得6分" / "扣0.5分" (the phrase's number)? */
function bandScoreAt(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 3), index);
  return /(?:得|扣|计|扣除|减)\s*$/u.test(before);
}

/** Plain stated values by unit. */
export function roleOfUnit(unit: string): FigureRole {
  if (MONEY.has(unit)) return 'amount';
  if (RATE.has(unit)) return 'rate';
  if (DATE.has(unit)) return 'date';
  if (unit === '分') return 'score';
  return unit === '' ? 'number' : 'count';
}

function roleOfColumn(role: ColumnRole | null): FigureRole | null {
  switch (role) {
    case 'standard': return 'threshold';
    case 'weight': return 'weight';
    case 'score': return 'score';
    case 'target': return 'target';
    case 'actual': return 'actual';
    case 'budgetInitial': case 'budgetFull': case 'budgetExecuted': return 'amount';
    case 'executionRate': return 'rate';
    default: return null;
  }
}

/** The role of one number; see RoleContext. */
export function figureRole(context: RoleContext): FigureRole {
  const { text, index, end, unit } = context;
  const byColumn = roleOfColumn(context.columnRole);
  if (byColumn) return byColumn;
  if (DATE.has(unit)) return 'date';
  const clause = around(text, index, CLAUSE_BREAKS);
  const subject = text.slice(clause.start, index).replace(/(?:为|是|达到|达|共|约|计|：|:)+\s*$/u, '');
  if (inStandardSentence(text, index)) return 'threshold';
  const band = around(text, index, BAND_BREAKS);
  const hasBandScore = bandScoresIn(band.text) > 0;
  const comparison = compared(text, index, end, clause.start);
  if (comparison === 'word' && /每\s*$/u.test(text.slice(Math.max(clause.start, index - 4), index)) && hasBandScore) return 'threshold';
  if (comparison !== null && !MONEY.has(unit)) {
    if (TARGET_AFTER.test(text.slice(end))) return 'target';
    if (comparison === 'word' || hasBandScore) return 'threshold';
  }
  if (TARGET_SUBJECT.test(subject)) return 'target';
  if (WEIGHT_SUBJECT.test(subject)) return 'weight';
  if (unit === '分') {
    if (text[index - 1] === '（' && /^\s*）/u.test(text.slice(end))) return 'weight'; // "（5分）" after a name
    // A band's score after a compared number in the same clause: "≥90%得5分" within a standard is handled above;
    // "未达到90%，得4分" is the indicator's own score.
    if (bandScoreAt(text, index) && comparison !== null) return 'threshold';
    return 'score';
  }
  return roleOfUnit(unit);
}
