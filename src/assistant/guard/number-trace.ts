import { dec, matchesStated } from '../../model/decimal.js';
import { extractNumbers, FILE_NAME, NAME_START, type NumberMention } from './extract-numbers.js';
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
 * What follows a number up to the end of its clause (，；。 or line end), or its whole bracket when one follows
 * ("（实际完成值，farm-2023.docx 表 1 第 6 行第 6 列）"): where a draft names the document it quotes.
 */
function clauseAfter(text: string, mention: NumberMention): string {
  const rest = text.slice(mention.end, mention.end + 120);
  const bracket = /^[”"’]?\s{0,2}[（(][^）)]*[）)]/u.exec(rest);
  return bracket ? bracket[0] : rest.slice(0, rest.search(/[，,；;。\n]|$/u));
}

/**
 * Among matching items, the most fitting source: a document the clause names right after the number (+150), a calculation made in this turn whose operands are written just
 * before the number (+80; "自评 0 分（分值 2 分，扣 2 分）" is 2 − 0, not the 6 − 4 of another indicator), a report
 * line the caller names (+40), the same unit (+50), then the most characters shared with the words before the number.
 * A calculation whose operands are not in sight still counts (+20) over a source of another unit.
 */
/** Where a mention stands: the words before it, what follows it in its clause, and what was traced just before. */
interface Surroundings {
  context: string;
  preferLines: ReadonlySet<number>;
  /** Numbers written just before the mention. */
  nearby: ReadonlySet<string>;
  /** The line each document's last traced quantity came from ("" = the report). */
  lastLines: ReadonlyMap<string, number>;
  /** The rest of the mention's clause, or the bracket after it. */
  citedAfter: string;
  /** The file named right before a line reference ("farm-2023.docx 第 3 行"), else null. */
  documentBefore: string | null;
}

const DOCUMENT_BEFORE = new RegExp(`(?:^|${NAME_START})(${FILE_NAME})\\s{0,2}第?\\s{0,2}$`, 'iu');

/** A file name written right before a mention ("transport-2023.txt 第 19 行" → "transport-2023.txt"). */
function documentBefore(text: string, mention: NumberMention): string | null {
  const m = DOCUMENT_BEFORE.exec(text.slice(Math.max(0, mention.index - 60), mention.index));
  return m ? m[1]! : null;
}

/** "farm-2023.docx line 6" → { document: "farm-2023.docx", line: 6 }; "line 6" → the report (""); others: no line. */
function placeOfLabel(label: string): { document: string; line: number | null } {
  if (/^(?:computed: |finding |question$)/u.test(label)) return { document: '', line: null };
  const m = /^(?:(.+) )?line (\d+)$/u.exec(label);
  return m ? { document: m[1] ?? '', line: Number(m[2]) } : { document: label, line: null };
}

function best(items: EvidenceItem[], mention: NumberMention, where: Surroundings): EvidenceItem | undefined {
  let chosen: EvidenceItem | undefined;
  let score = -1;
  for (const item of items) {
    const { document, line } = placeOfLabel(item.label);
    // The clause names this document right after the number ("上年 1100户（farm-2023.docx 表 1 第 6 行）"): it is the source.
    const named = document !== '' && where.citedAfter.includes(document) ? 150 : 0;
    // Locality: a number next to one traced to line 125 most likely comes from the same place (line 123, not 165).
    const last = where.lastLines.get(document);
    const near = line !== null && last !== undefined && Math.abs(line - last) <= 3 ? 30 : 0;
    const preferred = document === '' && line !== null && where.preferLines.has(line) ? 40 : 0;
    const shown = item.rounded && (item.operands === undefined || item.operands.length === 0 || item.operands.every((o) => where.nearby.has(o)));
    let points = named + near + preferred + (item.rounded ? (shown ? 80 : 20) : 0) + (item.unit === mention.unit ? 50 : 0);
    for (const ch of new Set(where.context)) if (item.context.includes(ch)) points += 1;
    if (points > score) {
      chosen = item;
      score = points;
    }
  }
  return chosen;
}

function traceOne(mention: NumberMention, evidence: Evidence, where: Surroundings): string | null {
  if (mention.kind === 'line') {
    const line = Number(mention.value);
    // "transport-2023.txt 第 19 行": a line of another document, traced only to a cited passage of that line.
    const document = where.documentBefore;
    if (document !== null) return evidence.citedLines?.get(document)?.has(line) ? `${document} line ${line}` : null;
    const inReport = Number.isInteger(line) && line >= 1 && line <= evidence.reportLineCount;
    return inReport || evidence.knownLines.has(line) ? `line ${line}` : null;
  }
  if (mention.kind === 'year') {
    const year = evidence.items.find((i) => i.value === mention.value);
    return year ? year.label : null;
  }
  return best(evidence.items.filter((i) => matches(mention, i)), mention, where)?.label ?? null;
}

/** Check every number of `text` against the evidence. `preferLines`: report lines to name as sources when they match. */
export function traceNumbers(text: string, evidence: Evidence, options: { preferLines?: Iterable<number> } = {}): GuardResult {
  const preferLines = new Set(options.preferLines ?? []);
  const traced: TracedNumber[] = [];
  const untraced: NumberMention[] = [];
  const lastLines = new Map<string, number>();
  for (const mention of extractNumbers(text)) {
    const where: Surroundings = {
      context: contextBefore(text, mention.index), preferLines, nearby: numbersBefore(text, mention), lastLines, citedAfter: clauseAfter(text, mention),
      documentBefore: mention.kind === 'line' ? documentBefore(text, mention) : null,
    };
    const source = traceOne(mention, evidence, where);
    if (source === null) untraced.push(mention);
    else traced.push({ mention, source });
    const place = source ? placeOfLabel(source) : null;
    if (place?.line != null && mention.kind === 'quantity') lastLines.set(place.document, place.line);
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
