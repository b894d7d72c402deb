import type { IndicatorNode, Report, Section } from '../../model/index.js';
import { extractNumbers } from '../guard/extract-numbers.js';
import { askedAspect, askedPeriod, bestMatches, searchFigures, type FigureMatch } from './figure-search.js';
import { indicatorsIn, sectionIn, type IndicatorMatch } from './report-match.js';
import { vocabularyOf, type ReportVocabulary } from './report-vocabulary.js';
import { normalizeText } from './words.js';

/** A subject the question asks about and the figures found for it. */
export interface AskedSubject {
  text: string; // the words of the question that name it: "三公经费"
  matches: FigureMatch[]; // best first
  found: boolean; // the figures cover the words well enough to answer; false: only similar figures
}

export type Operation = 'share' | 'difference' | 'sum' | 'growth' | 'rate';

/** One thing the question asks of the report. A question may ask several ("…是多少，超了怎么扣分"). */
export type QueryPart =
  | { kind: 'lookup'; subjects: AskedSubject[]; indicator: IndicatorNode | null }
  | { kind: 'compute'; operation: Operation; operands: AskedSubject[]; direction: 'less' | 'more' | null; text: string }
  | { kind: 'scores'; nodes: IndicatorNode[]; notFull: boolean }
  | { kind: 'findings'; consistency: boolean; lines: number[]; nodes: IndicatorNode[]; numbers: string[]; topic: string }
  | { kind: 'what-it-takes' }
  | { kind: 'section-review'; section: Section }
  | { kind: 'rule'; text: string; clause: string };

export interface UnderstoodQuestion {
  parts: QueryPart[];
  /** The topic the question was about, for a follow-up that leaves it out ("那决算数呢"). */
  topic: string | null;
}

const RULE = /怎么算|如何算|如何计算|怎么计算|计算公式|公式是|怎么扣|如何扣|扣分规则|计分规则|评分标准|计分标准|怎么评分|怎么打分|怎么计分|是什么意思|什么意思|含义|定义|指的是|是指什么|什么口径|会不会扣|扣不扣|会扣分|要扣分/u;
const REVIEW = /写[得的]?(?:够不够|全不全|怎么样|好不好|行不行|可以吗|完整|够吗|到位|充分)|够不够|全不全|完整吗|漏了|遗漏|漏写|少写了?|没写|有没有写|写到了?|写全|写齐|是否完整|缺了?什么|还缺|还差什么|够了吗|够吗|充分吗/u;
const WHAT_IT_TAKES = /(?:怎么|怎样|如何|要|才能|能|还能|可以).{0,8}(?:满分|不扣分|提分|多得分|多拿分|拿回|挽回|补回|加分)|多(?:拿|得)(?:点|些|一点)?分|提分|提高(?:自评)?得分|拿满分|得满分|拿到满分|丢的分/u;
const CONSISTENCY = /不一致|前后|矛盾|对不上|不统一|打架|冲突|出入|不符|到底是|究竟是/u;
const PROBLEM = /有问题吗|有没有问题|有什么问题|有啥问题|这样写|写得?对吗|对不对|合理吗|有错吗|错了吗|写错|说得通|合适吗|有毛病|行不行|可以吗|没问题吧/u;
const SCORE = /多少分|几分|得分|得了|分数|满分|扣了?(?:多少|几)|分值|拿了多少|总共.{0,3}分|一共.{0,3}分|得多少/u;
const NOT_FULL = /(?:哪些|哪几|什么).{0,6}(?:没|未|不是)(?:有)?(?:拿|得)?(?:到)?满分|没(?:有)?(?:拿|得)?满分的|(?:哪些|哪几).{0,6}扣(?:了)?分|扣分的(?:指标|项)|丢分的|哪些.{0,4}丢分|失分的/u;
const SHARE = /占.{0,24}(?:比例|比重|百分之|多少|几成|比率|份额|比列|比)|比例是多少|占比/u;
const GROWTH = /(?:增长|下降|减少|增加|降低|上升|变化|变动|少|多)了?(?:百分之几|百分之多少|多少%|几个百分点|多少个百分点|幅度|率|百分比|几成)|同比|增幅|降幅|增长率|下降率/u;
const DIFF = /(?:比|较|与|和|跟|同).{0,14}(?:少|多|减少|增加|下降|上升|降低|增长|差|高|低|超)了?(?:多少|几)|(?:超|超出|超支|超了|节约|节省|结余|剩|剩下|差|相差|少|多|没花|省)了?(?:多少|几)|(?:少|多|没)(?:花|用|执行|支出|花掉|采购)了?(?:多少|几)|差额|差距多大|差了?多少/u;
const SUM = /加起来|合计|一共|总共|之和|总和|加在一起|共计|加总/u;
const RATE = /(?:执行率|控制率|支出率|使用率|完成率|比率|率)(?:是|为|有)?(?:多少|几)|率呢/u;
const LOOKUP = /多少|几|有多大|数是|金额|分别|是啥|是什么|多大|情况|呢|[?？]$/u;
/** "报告有什么问题" asks for the whole check, not for one topic. */
const GENERIC_PROBLEM = /^(?:帮我)?(?:看看|看一下)?(?:这份|我的|我们的)?报告(?:里|中)?(?:有|还有)?(?:什么|哪些|没有)问题/u;
const WHY = /为什么|为啥|怎么会|原因/u;
const TARGET = /(?:达到|到|做到|提高到|控制在).{0,6}(?:多少|几).{0,8}(?:满分|不扣分|才)/u;

function clausesOf(question: string): string[] {
  return question
    .split(/[，,；;。？?！!]|另外|还有|同时|以及(?=.{0,10}(?:怎么|如何|是否))/u)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
}

/** The figures of the report for a subject named in words (what a lookup would find). */
export function subjectFor(report: Report, text: string): AskedSubject {
  return subject(vocabularyOf(report), text, report);
}

function subject(vocabulary: ReportVocabulary, text: string, report: Report): AskedSubject {
  const period = askedPeriod(text, report.year);
  const all = searchFigures(vocabulary, { text, aspect: askedAspect(text), period });
  const matches = bestMatches(period ? all.filter((m) => m.entry.period === period) : preferCurrent(all));
  const found = matches.length > 0 && matches[0]!.coverage >= 0.6;
  return { text: topicOf(text), matches, found };
}

/** Without 上年 in the question, last year's figure of the same topic is left out. */
function preferCurrent(matches: FigureMatch[]): FigureMatch[] {
  return matches.filter((m) => m.entry.period === 'current' || !matches.some((o) => o.entry.period === 'current' && o.entry.key === m.entry.key));
}

/** The topic words of a clause: question words and cues taken off ("2024年总收入比上年少了多少万元" → "总收入"). */
export function topicOf(text: string): string {
  return normalizeText(text)
    .replace(/\d{4}年度?|\d+(?:\.\d+)?(?:%|万元|元|个|人|名|项)?/gu, '')
    .replace(/(?:比|较|跟|同)(?:上年|去年|上一年|上年度).*$/u, '')
    .replace(/(?:增长|下降|减少|增加|降低|上升|变化|变动|增幅|降幅)了?(?:百分之|多少|几|幅度|率|百分比).*$/u, '')
    .replace(/(?:是|为|有)?了?(?:多少|几)[\p{Script=Han}]{0,3}(?:呢|啊|呀)?$/u, '')
    .replace(/了$/u, '')
    .replace(/^(?:那|那么|请问|帮我|看看|查一下|查查|说说|告诉我|我想知道|想问一下|问一下)+/u, '')
    .replace(/(?:报告里|报告中|报告|我们|我局|我单位|今年|本年度?|的|呢|啊|呀|吗|是|分别|数)+$/u, '')
    .replace(/^(?:报告里|报告中|我们|我局|我单位|今年|本年度?)+/u, '');
}

/** "基本支出占总支出的比例" → ["基本支出", "总支出"]. */
function shareOperands(text: string): [string, string] | null {
  const m = /^(.*?)占(.*?)(?:的)?(?:比例|比重|百分之|多少|几成|比率|份额|比列|比)/u.exec(normalizeText(text));
  if (!m || !m[1] || !m[2]) return null;
  return [m[1], m[2]];
}

/** "A比B少了多少" / "A和B差多少" → [A, B]; null when the clause names one subject only. */
function pairOperands(text: string): [string, string] | null {
  const m = /^(.*?)(?:比|较|与|和|跟|同)(.*?)(?:少|多|减少|增加|下降|上升|降低|增长|差|高|低|超|相差)/u.exec(normalizeText(text).replace(/多少|几/gu, '？'));
  if (!m || !m[1] || !m[2] || /^(?:上年|去年|上一年|上年度|预算|决算)/u.test(m[2])) return null;
  return [m[1], m[2]];
}

/** "实际支出比预算少了多少": the figure named first, against the budget (or actual) figure of the same sentence. */
function againstAspect(vocabulary: ReportVocabulary, text: string, report: Report): [AskedSubject, AskedSubject] | null {
  const m = /^(.*?)(?:比|较|与|和|跟)(预算数?|年初预算|全年预算|决算数?|实际)/u.exec(normalizeText(text));
  if (!m || !m[1]) return null;
  const first = subject(vocabulary, topicOf(m[1]), report);
  const top = first.matches[0];
  if (!first.found || !top) return null;
  const aspect = /预算/u.test(m[2]!) ? 'budget' : 'actual';
  const other = vocabulary.figures.find(
    (e) => e !== top.entry && e.aspect === aspect && e.figure.line === top.entry.figure.line && e.sentence === top.entry.sentence && e.figure.unit === top.entry.figure.unit,
  );
  if (!other) return null;
  return [first, { text: m[2]!, matches: [{ entry: other, score: top.score, matched: [m[2]!], coverage: 1 }], found: true }];
}

function listOperands(text: string): string[] {
  const body = normalizeText(text).replace(/(?:加起来|合计|一共|总共|之和|总和|加在一起|共计|加总|分别).*$/u, '');
  const parts = body.split(/和|与|及|、|加上|加|跟|以及/u).map((p) => p.trim()).filter((p) => p.length >= 2);
  return parts.length >= 2 ? parts : [];
}

function directionOf(text: string): 'less' | 'more' | null {
  if (/少|减少|下降|降低|节约|节省|结余|剩|没花|省/u.test(text)) return 'less';
  if (/多|增加|上升|增长|超|高/u.test(text)) return 'more';
  return null;
}

function findingsPart(vocabulary: ReportVocabulary, clause: string, report: Report): Extract<QueryPart, { kind: 'findings' }> | null {
  const consistency = CONSISTENCY.test(clause);
  const numbers = extractNumbers(clause).filter((n) => n.kind === 'quantity').map((n) => n.value);
  const indicators = indicatorsIn(vocabulary, clause).map((m) => m.node);
  const topic = topicOf(clause.replace(/(?:到底|究竟)是|还是.*$/gu, '').replace(CONSISTENCY, '').replace(PROBLEM, ''));
  const figures = topic.length >= 2 ? bestMatches(searchFigures(vocabulary, { text: topic, period: askedPeriod(clause, report.year) })) : [];
  const lines = [...new Set(figures.filter((f) => f.coverage >= 0.6).map((f) => f.entry.figure.line))];
  if (!consistency && numbers.length === 0 && indicators.length === 0 && lines.length === 0) return null;
  return { kind: 'findings', consistency, lines, nodes: indicators, numbers, topic };
}

export interface UnderstandOptions {
  previousTopic?: string | null;
}

/**
 * What a question asks of the loaded report, matched against the report's own vocabulary (figure subjects, indicator
 * names, section titles) with jieba and the synonym table. Null when it asks nothing the report can answer this way
 * (then the intents of intents.ts decide: lost points, totals, checks, drafts, knowledge questions).
 */
export function understandQuestion(question: string, report: Report, options: UnderstandOptions = {}): UnderstoodQuestion | null {
  const vocabulary = vocabularyOf(report);
  const whole = normalizeText(question);
  const parts: QueryPart[] = [];
  let topic: string | null = null;
  const section = REVIEW.test(whole) ? sectionIn(vocabulary, whole) : null;
  if (section && !/^\d/u.test(section.section.marker)) return { parts: [{ kind: 'section-review', section: section.section }], topic: null };
  const indicatorNamed = indicatorsIn(vocabulary, whole).filter((m) => m.exact);
  if (WHAT_IT_TAKES.test(whole) && !TARGET.test(whole) && indicatorNamed.length === 0 && !WHY.test(whole)) {
    return { parts: [{ kind: 'what-it-takes' }], topic: null };
  }
  if (NOT_FULL.test(whole) && !WHY.test(whole)) return { parts: [{ kind: 'scores', nodes: [], notFull: true }], topic: null };
  if (CONSISTENCY.test(whole) || (PROBLEM.test(whole) && !GENERIC_PROBLEM.test(whole))) {
    const part = findingsPart(vocabulary, question.replace(/这样写|写得|这么写/gu, ''), report);
    if (part) return { parts: RULE.test(whole) ? [part, { kind: 'rule', text: question, clause: question }] : [part], topic: part.topic || null };
  }
  for (const clause of clausesOf(question)) {
    const part = clausePart(vocabulary, clause, report, whole, options, indicatorNamed);
    if (!part) continue;
    if (part.kind === 'lookup' || part.kind === 'compute') topic ??= (part.kind === 'lookup' ? part.subjects[0]?.text : part.operands[0]?.text) ?? null;
    parts.push(part);
  }
  if (parts.length === 0 || parts.every((p) => p.kind === 'rule')) return null;
  return { parts: mergeLookups(parts), topic };
}

function clausePart(
  vocabulary: ReportVocabulary,
  clause: string,
  report: Report,
  whole: string,
  options: UnderstandOptions,
  named: IndicatorMatch[],
): QueryPart | null {
  const text = normalizeText(clause);
  if (RULE.test(text)) return { kind: 'rule', text: whole, clause };
  if (CONSISTENCY.test(text) || (PROBLEM.test(text) && !/报告(?:有|里有)?(?:什么|哪些)问题/u.test(text))) {
    const part = findingsPart(vocabulary, clause, report);
    if (part) return part;
  }
  if (GROWTH.test(text) || SHARE.test(text) || DIFF.test(text) || (SUM.test(text) && listOperands(text).length >= 2)) {
    const part = computePart(vocabulary, clause, report);
    if (part) return part;
  }
  if (SCORE.test(text) && !WHY.test(whole) && !TARGET.test(whole) && !/总分|自评结果|总得分/u.test(text)) {
    const nodes = indicatorsIn(vocabulary, text).map((m) => m.node);
    if (nodes.length > 0) return { kind: 'scores', nodes, notFull: false };
  }
  if (RATE.test(text)) {
    const asked = subject(vocabulary, topicOf(text), report);
    const stated = asked.found && asked.matches.some((m) => m.entry.figure.unit === '%' || m.entry.figure.unit === '');
    if (!stated) {
      const rate = ratePart(vocabulary, text, report);
      if (rate) return rate;
      const indicator = named[0]?.node ?? indicatorsIn(vocabulary, text)[0]?.node ?? null;
      if (indicator) return { kind: 'lookup', subjects: [asked], indicator };
    }
  }
  const lookupText = withPreviousTopic(vocabulary, text, report, options.previousTopic ?? null);
  if (!lookupText) return null;
  const followUp = lookupText !== text;
  const names = /分别/u.test(text) ? listOperands(lookupText) : [];
  const subjects = (names.length >= 2 ? names : [topicOf(lookupText)]).map((n) => subject(vocabulary, n, report));
  if (subjects.every((s) => s.matches.length === 0)) return followUp ? { kind: 'lookup', subjects, indicator: null } : null;
  const strong = subjects.some((s) => s.found);
  if (!strong && !LOOKUP.test(text)) return null;
  if (!strong && SCORE.test(text)) return null;
  return { kind: 'lookup', subjects, indicator: named[0]?.node ?? null };
}

/** "那决算数呢" / "上年呢": the previous turn's topic with this turn's aspect or year. */
function withPreviousTopic(vocabulary: ReportVocabulary, text: string, report: Report, previous: string | null): string | null {
  const onlyAspect = /^(?:那|那么)?(?:它的|其)?(?:预算数?|决算数?|实际(?:支出)?(?:数)?|上年|去年|上一年|今年|本年)(?:的)?(?:呢|是多少|多少|呀)?$/u.test(text);
  if (previous && onlyAspect) return `${text.replace(/^(?:那|那么)/u, '').replace(/(?:的)?(?:呢|是多少|多少|呀)$/u, '')}${previous}`;
  const own = topicOf(text);
  if (own.length < 2) return null;
  return searchFigures(vocabulary, { text: own }).length > 0 || !previous ? text : null;
}

function computePart(vocabulary: ReportVocabulary, clause: string, report: Report): QueryPart | null {
  const text = normalizeText(clause);
  const direction = directionOf(text.replace(/^.*?(?:比|较)/u, '').replace(/多少|几/gu, ''));
  if (SHARE.test(text)) {
    const pair = shareOperands(text);
    if (pair) {
      const operands = pair.map((p) => subject(vocabulary, topicOf(p), report));
      if (operands.every((o) => o.matches.length > 0)) return { kind: 'compute', operation: 'share', operands, direction: null, text: clause };
    }
  }
  const aspectPair = SUM.test(text) ? null : againstAspect(vocabulary, text, report);
  if (aspectPair) return { kind: 'compute', operation: 'difference', operands: aspectPair, direction, text: clause };
  const pair = SUM.test(text) ? null : pairOperands(text);
  if (pair && !GROWTH.test(text)) {
    const operands = pair.map((p) => subject(vocabulary, topicOf(p), report));
    if (operands.every((o) => o.found)) return { kind: 'compute', operation: 'difference', operands, direction, text: clause };
  }
  if (SUM.test(text)) {
    const names = listOperands(text);
    const operands = names.map((n) => subject(vocabulary, topicOf(n), report));
    if (operands.length >= 2 && operands.every((o) => o.matches.length > 0)) return { kind: 'compute', operation: 'sum', operands, direction: null, text: clause };
  }
  // One subject: this year against last year, or actual against budget.
  const topic = (topicOf(text.replace(/(?:比|较|跟|同|与).*$/u, '')) || topicOf(text)).replace(/(?:少|多|没|超|节约|节省|结余|剩)(?:了)?(?:花|用|执行|支出|花掉|采购|出)?$/u, '');
  if (topic.length < 2) return null;
  const yearOnYear = /上年|去年|上一年|同比|上年度|增长|下降|增幅|降幅/u.test(text);
  const current = subject(vocabulary, topic, report);
  if (yearOnYear) {
    const previous = subjectIn(vocabulary, topic, report, 'previous');
    const now = subjectIn(vocabulary, topic, report, 'current');
    if (previous && now) return { kind: 'compute', operation: GROWTH.test(text) ? 'growth' : 'difference', operands: [now, previous], direction, text: clause };
  }
  let budget = subjectWithAspect(vocabulary, topic, report, 'budget');
  let actual = subjectWithAspect(vocabulary, topic, report, 'actual');
  // "政府采购预算 120.00 万元，实际采购 101.50 万元": the other side is in the same sentence under a shorter name.
  if (budget && !actual) actual = counterpart(vocabulary, budget, 'actual');
  if (actual && !budget) budget = counterpart(vocabulary, actual, 'budget');
  if (budget && actual && sameKey(budget, actual)) {
    return { kind: 'compute', operation: GROWTH.test(text) ? 'rate' : 'difference', operands: [actual, budget], direction, text: clause };
  }
  return current.found && DIFF.test(text) ? null : null;
}

function ratePart(vocabulary: ReportVocabulary, text: string, report: Report): QueryPart | null {
  const topic = topicOf(text.replace(/(?:执行率|控制率|支出率|使用率|完成率|比率|率).*$/u, ''));
  if (topic.length < 2) return null;
  const budget = subjectWithAspect(vocabulary, topic, report, 'budget');
  const actual = subjectWithAspect(vocabulary, topic, report, 'actual');
  if (!budget || !actual || !sameKey(budget, actual)) return null;
  return { kind: 'compute', operation: 'rate', operands: [actual, budget], direction: null, text };
}

/** The figure of the other aspect in the same sentence and unit as a subject's best figure. */
function counterpart(vocabulary: ReportVocabulary, asked: AskedSubject, aspect: 'budget' | 'actual'): AskedSubject | null {
  const top = asked.matches[0]!;
  const other = vocabulary.figures.find(
    (e) => e !== top.entry && e.aspect === aspect && e.period === top.entry.period && e.figure.line === top.entry.figure.line && e.sentence === top.entry.sentence && e.figure.unit === top.entry.figure.unit,
  );
  if (!other) return null;
  return { text: asked.text, matches: [{ entry: { ...other, key: top.entry.key }, score: top.score, matched: top.matched, coverage: 1 }], found: true };
}

/** Budget and actual of the same thing: keys equal or one inside the other ("政府采购" and "采购"). */
function sameKey(a: AskedSubject, b: AskedSubject): boolean {
  const x = a.matches[0]!.entry.key;
  const y = b.matches[0]!.entry.key;
  return x === y || (x.length >= 2 && y.length >= 2 && (x.includes(y) || y.includes(x)));
}

function subjectIn(vocabulary: ReportVocabulary, topic: string, report: Report, period: 'current' | 'previous'): AskedSubject | null {
  const matches = bestMatches(searchFigures(vocabulary, { text: topic, period }).filter((m) => m.entry.period === period && m.coverage >= 0.6));
  return matches.length > 0 ? { text: topic, matches, found: true } : null;
}

function subjectWithAspect(vocabulary: ReportVocabulary, topic: string, report: Report, aspect: 'budget' | 'actual'): AskedSubject | null {
  const period = askedPeriod(topic, report.year) ?? 'current';
  const matches = bestMatches(
    searchFigures(vocabulary, { text: topic, aspect, period }).filter((m) => m.entry.aspect === aspect && m.entry.period === period && m.coverage >= 0.6 && m.entry.figure.unit !== '%'),
  );
  return matches.length > 0 ? { text: topic, matches, found: true } : null;
}

/** Two lookups in one question become one list. */
function mergeLookups(parts: QueryPart[]): QueryPart[] {
  const out: QueryPart[] = [];
  for (const part of parts) {
    const last = out.at(-1);
    if (part.kind === 'lookup' && last?.kind === 'lookup') last.subjects.push(...part.subjects);
    else out.push(part);
  }
  return out;
}
