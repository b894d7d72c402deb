import { dec, matchesStated } from '../../model/decimal.js';
import { extractNumbers, type NumberMention } from './extract-numbers.js';
import { contextBefore, type Evidence, type EvidenceItem } from './evidence.js';

export { buildEvidence, emptyEvidence, type Evidence, type EvidenceInput, type QuotedPassage } from './evidence.js';
export { extractNumbers, type NumberMention } from './extract-numbers.js';

/**
 * The number guard: every number in an outgoing message must trace to the report's figures, a finding, a cited
 * passage, a computation made in this turn, or the user's own question. Units must agree (58.48% ≠ 58.48 万元);
 * money converts between 元/万元/亿元; a bare number (no unit) matches a value written with any unit.
 */
export interface TracedNumber {
  mention: NumberMention;
  source: string;
}

export interface GuardResult {
  ok: boolean;
  traced: TracedNumber[];
  untraced: NumberMention[];
}

const MONEY_FACTOR: Record<string, string> = { 元: '1', 万元: '10000', 亿元: '100000000', 万余元: '10000' };
/** Units that may stand for one another: a difference of percentages is written in 个百分点. */
const SAME_FAMILY: Record<string, string> = { 个百分点: '%' };

function family(unit: string): string {
  if (unit in MONEY_FACTOR) return 'money';
  return SAME_FAMILY[unit] ?? unit;
}

function baseValue(value: string, unit: string): string {
  const factor = MONEY_FACTOR[unit];
  return factor ? dec(value).times(factor).toFixed() : value;
}

function matches(mention: NumberMention, item: EvidenceItem): boolean {
  if (mention.unit !== '') {
    if (item.unit === '' || family(item.unit) !== family(mention.unit)) return false;
  }
  const unitForBase = mention.unit === '' ? item.unit : mention.unit;
  const mentionValue = baseValue(mention.value, unitForBase);
  const itemValue = baseValue(item.value, item.unit);
  if (item.rounded) return matchesStated(mentionValue, itemValue);
  return dec(mentionValue).eq(dec(itemValue));
}

/** Numbers written in the text just before a mention (its clause and the one before): what a calculation would show. */
function numbersBefore(text: string, mention: NumberMention): Set<string> {
  const window = text.slice(Math.max(0, mention.index - 60), mention.index);
  return new Set(extractNumbers(window).map((m) => m.value));
}

/**
 * Among matching items, the most fitting source: a calculation made in this turn whose operands are written just
 * before the number (+80; "自评 0 分（分值 2 分，扣 2 分）" is 2 − 0, not the 6 − 4 of another indicator), a report
 * line the caller names (+40), the same unit (+50), then the most characters shared with the words before the number.
 * A calculation whose operands are not in sight still counts (+20) over a source of another unit.
 */
function best(
  items: EvidenceItem[],
  mention: NumberMention,
  context: string,
  preferLines: ReadonlySet<number>,
  nearby: ReadonlySet<string>,
  lastLine: number | null,
): EvidenceItem | undefined {
  let chosen: EvidenceItem | undefined;
  let score = -1;
  for (const item of items) {
    const line = /^line (\d+)$/u.exec(item.label);
    // Locality: a number next to one traced to line 125 most likely comes from the same place (line 123, not 165).
    const near = line && lastLine !== null && Math.abs(Number(line[1]) - lastLine) <= 3 ? 30 : 0;
    const shown = item.rounded && (item.operands === undefined || item.operands.length === 0 || item.operands.every((o) => nearby.has(o)));
    let points = near + (line && preferLines.has(Number(line[1])) ? 40 : 0) + (item.rounded ? (shown ? 80 : 20) : 0) + (item.unit === mention.unit ? 50 : 0);
    for (const ch of new Set(context)) if (item.context.includes(ch)) points += 1;
    if (points > score) {
      chosen = item;
      score = points;
    }
  }
  return chosen;
}

function traceOne(
  mention: NumberMention,
  evidence: Evidence,
  context: string,
  preferLines: ReadonlySet<number>,
  nearby: ReadonlySet<string>,
  lastLine: number | null,
): string | null {
  if (mention.kind === 'line') {
    const line = Number(mention.value);
    const inReport = Number.isInteger(line) && line >= 1 && line <= evidence.reportLineCount;
    return inReport || evidence.knownLines.has(line) ? `line ${line}` : null;
  }
  if (mention.kind === 'year') {
    const year = evidence.items.find((i) => i.value === mention.value);
    return year ? year.label : null;
  }
  return best(evidence.items.filter((i) => matches(mention, i)), mention, context, preferLines, nearby, lastLine)?.label ?? null;
}

/** Check every number of `text` against the evidence. `preferLines`: report lines to name as sources when they match. */
export function traceNumbers(text: string, evidence: Evidence, options: { preferLines?: Iterable<number> } = {}): GuardResult {
  const preferLines = new Set(options.preferLines ?? []);
  const traced: TracedNumber[] = [];
  const untraced: NumberMention[] = [];
  let lastLine: number | null = null;
  for (const mention of extractNumbers(text)) {
    const source = traceOne(mention, evidence, contextBefore(text, mention.index), preferLines, numbersBefore(text, mention), lastLine);
    if (source === null) untraced.push(mention);
    else traced.push({ mention, source });
    const line = source ? /^line (\d+)$/u.exec(source) : null;
    if (line && mention.kind === 'quantity') lastLine = Number(line[1]);
  }
  return { ok: untraced.length === 0, traced, untraced };
}

/** What the model is told when its message fails: which numbers, and what to do instead (Chinese). */
export function guardFeedback(result: GuardResult): string {
  const listed = [...new Set(result.untraced.map((m) => m.text))].join('、');
  return (
    `你上一条回答中的这些数字在报告、检查结果、引用的资料和本轮计算中都找不到：${listed}。` +
    '请重写回答：只使用工具返回的数字；需要计算的先调用 compute 工具；不知道的数字就说不知道，不要估计或编造。'
  );
}

/** Mark every untraced number in place ("58.5%" → "58.5%［待核实］"), so that nothing unverified reads as fact. */
export function markUntraced(text: string, result: GuardResult): string {
  if (result.ok) return text;
  const marks = [...result.untraced].sort((a, b) => b.index - a.index);
  let out = text;
  for (const m of marks) out = `${out.slice(0, m.end)}［待核实］${out.slice(m.end)}`;
  return out;
}

export const UNVERIFIED_NOTE = '有数字未能在报告或资料中找到出处，已标注“待核实”，请人工核对。';
