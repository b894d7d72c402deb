import type { FigureRole } from '../model/index.js';
import type { ColumnRole } from './table-columns.js';

/**
 * What a number is (model/figure.ts FigureRole), decided from where it stands: its table column, the words before and
 * after it, and whether its sentence is a scoring standard. `actual` is given later, by the indicator facts
 * (report/indicator-facts.ts), to the one figure each indicator's stated value was read from — and here to a number in
 * a 实际完成值 column.
 */

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
/** A clause that opens with a plan: "计划完成20项", "年初计划重点工作10项", "预计新增1800个". */
const PLANNED_SUBJECT = /^(?:年初|全年|年度|本年)?(?:计划|预计|拟)/u;
const TARGET_AFTER = /^[^，。；\t]{0,3}(?:的)?(?:目标|计划|预期)/u;
const WEIGHT_SUBJECT = /(?:分值|权重|标准分|满分|总分值|指标分|满分值)$/u;

/** How many band scores (得6分, 扣0.5分, 得满分, 不得分) a text states. */
export function bandScoresIn(text: string): number {
  return text.match(BAND_SCORE)?.length ?? 0;
}

/**
 * A paragraph without any of these holds no standard sentence (see standardFrom): a definition or mark word, or bands
 * cut by ；that score points (band scores end in 分).
 */
const STANDARD_WORD = /评分|计分|考核标准|评价标准|扣完为止|扣满为止|最高不超过|最多扣|以此类推/u;
const BAND_BREAK = /[；;]/u;
const CONNECTOR_TAIL = /(?:为|是|达到|达|共|约|计|：|:)+\s*$/u;

/** Runs of text between sentence breaks, and between band breaks (；). */
const SENTENCE_RUNS = /[^。！？\t\n]+/gu;
const BAND_RUNS = /[^；;。！？\t\n]+/gu;

/** A stretch of text between break characters; `from`: the first offset inside it that counts (see below). */
interface Span {
  start: number;
  end: number;
  from: number;
}

/** Cut `text` at the break characters into spans; `from(span text)` gives the offset (in it) from which it counts, or −1. */
function spansOf(text: string, runs: RegExp, from: (part: string) => number): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(runs)) {
    const at = from(m[0]);
    spans.push({ start: m.index, end: m.index + m[0].length, from: at < 0 ? Number.POSITIVE_INFINITY : m.index + at });
  }
  return spans;
}

/** From where a sentence is a standard: after its "评分标准：", or all of it when it states several bands or 扣完为止. */
function standardFrom(sentence: string): number {
  const definition = STANDARD_DEFINITION.exec(sentence);
  if (STANDARD_MARKS.test(sentence) || (BAND_BREAK.test(sentence) && bandScoresIn(sentence) >= 2)) return 0;
  return definition ? definition.index : -1;
}

/** The span holding `index` (spans ordered, disjoint), by binary search. */
function spanAt(spans: readonly Span[], index: number): Span | undefined {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const span = spans[middle]!;
    if (index < span.start) high = middle - 1;
    else if (index >= span.end) low = middle + 1;
    else return span;
  }
  return undefined;
}

const CLAUSE_BREAK_CODES = new Set([...'，,；;。！？\t\n：:'].map((c) => c.charCodeAt(0)));
/** How far back the words before a number are read (comparisons, 每, target and weight words are shorter). */
const LOOK_BACK = 12;

/** The start of the clause holding `index`, at most LOOK_BACK characters back. */
function clauseStart(text: string, index: number): number {
  let start = index;
  while (start > 0 && index - start < LOOK_BACK && !CLAUSE_BREAK_CODES.has(text.charCodeAt(start - 1))) start -= 1;
  return start;
}

/**
 * Characters that can end the words before a compared number (OPERATOR_BEFORE, RANGE_BEFORE, COMPARISON_BEFORE) and
 * begin the words after a bounded one (BOUND_AFTER). Most numbers have none there: one look at a character then spares
 * cutting the text and running the patterns (parsing makes a role for every number of the report).
 */
const COMPARED_ENDS = new Set('≥≤<>＜＞≧≦=-－~～至于过足到达满出超低少多加每');
const BOUND_STARTS = new Set('（(以及-－~～至');

/** What `\s` matches in a regular expression, by code (no string made). */
function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029
    || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** Is the number compared or bounded: "≥95%", "低于95%", "85%（含）", "85%-95%", "每少1项"? */
function compared(text: string, index: number, end: number, clauseStart: number): 'operator' | 'word' | null {
  const from = Math.max(clauseStart, index - 8);
  let last = index - 1;
  while (last >= from && isSpace(text.charCodeAt(last))) last -= 1;
  if (last >= from && COMPARED_ENDS.has(text[last]!)) {
    const before = text.slice(from, index);
    if (OPERATOR_BEFORE.test(before) || RANGE_BEFORE.test(before)) return 'operator';
    if (COMPARISON_BEFORE.test(before)) return 'word';
  }
  return end < text.length && BOUND_STARTS.has(text[end]!) && BOUND_AFTER.test(text.slice(end, end + 4)) ? 'operator' : null;
}

/** Characters one of which the words before a planned number or a weight hold (TARGET_/PLANNED_/WEIGHT_SUBJECT). */
const SUBJECT_MARKS = new Set('值标数划期计务拟重分');

function holdsAny(text: string, start: number, end: number, marks: ReadonlySet<string>): boolean {
  for (let i = start; i < end; i += 1) if (marks.has(text[i]!)) return true;
  return false;
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

/**
 * The roles of the numbers of one paragraph (a table row: cells joined by tabs). Its sentences and bands are cut once,
 * on the first number that needs them; `roleAt` is then asked for each number in turn.
 */
export class ParagraphRoles {
  private sentences?: Span[]; // `from`: where the standard starts in the sentence
  private bands?: Span[]; // `from`: the band's start when it states a band score (得6分, 扣1分 …)
  private readonly mayHoldStandard: boolean;

  constructor(private readonly text: string) {
    // Most paragraphs name no standard: one test here spares cutting them into sentences.
    this.mayHoldStandard = STANDARD_WORD.test(text) || (text.includes('分') && BAND_BREAK.test(text));
  }

  private inStandard(index: number): boolean {
    if (!this.mayHoldStandard) return false;
    this.sentences ??= spansOf(this.text, SENTENCE_RUNS, standardFrom);
    return (spanAt(this.sentences, index)?.from ?? Number.POSITIVE_INFINITY) <= index;
  }

  private inBandWithScore(index: number): boolean {
    this.bands ??= spansOf(this.text, BAND_RUNS, (band) => (bandScoresIn(band) > 0 ? 0 : -1));
    return Number.isFinite(spanAt(this.bands, index)?.from ?? Number.POSITIVE_INFINITY);
  }

  /**
   * The role of the number at `index` (its text, with its unit, ends at `end`), written in `unit`, in a table column of
   * role `columnRole` (null for running text).
   */
  roleAt(index: number, end: number, unit: string, columnRole: ColumnRole | null): FigureRole {
    const text = this.text;
    const byColumn = roleOfColumn(columnRole);
    if (byColumn) return byColumn;
    if (DATE.has(unit)) return 'date';
    if (this.inStandard(index)) return 'threshold';
    const start = clauseStart(text, index);
    const comparison = compared(text, index, end, start);
    if (comparison !== null) {
      const banded = this.inBandWithScore(index);
      if (comparison === 'word' && banded && /每\s*$/u.test(text.slice(Math.max(start, index - 4), index))) return 'threshold';
      if (!MONEY.has(unit)) {
        if (TARGET_AFTER.test(text.slice(end, end + 8))) return 'target';
        if (comparison === 'word' || banded) return 'threshold';
      }
    }
    // The words right before the number (connectors dropped) say whether it is planned or a weight.
    if (holdsAny(text, start, index, SUBJECT_MARKS)) {
      const subject = text.slice(start, index).replace(CONNECTOR_TAIL, '');
      if (TARGET_SUBJECT.test(subject) || PLANNED_SUBJECT.test(subject)) return 'target';
      if (WEIGHT_SUBJECT.test(subject)) return 'weight';
    }
    if (unit === '分') {
      if (text[index - 1] === '（' && /^\s*）/u.test(text.slice(end, end + 2))) return 'weight'; // "（5分）" after a name
      // "≥90%得5分" inside a standard is handled above; after a compared number in its clause it is the band's score,
      // while "未达到90%，得4分" (another clause) is the indicator's own score.
      if (comparison !== null && bandScoreAt(text, index)) return 'threshold';
      return 'score';
    }
    return roleOfUnit(unit);
  }
}
