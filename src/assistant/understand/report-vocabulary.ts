import type { Figure, IndicatorNode, Report, Section } from '../../model/index.js';
import { coreSubject } from '../../report/figure-words.js';
import { bigramsOf, normalizeText, wordsOf } from './words.js';
import { queryOf } from '../../report/query/report-query.js';

/** Budget (预算数) or actual (决算数, 实际支出, 执行数) when the words say so. */
export type Aspect = 'budget' | 'actual' | null;
/** This year's figure or last year's (上年, 去年, or the year before the report's). */
export type Period = 'current' | 'previous';

/** A figure of the report described by what it is about, with the words to match questions against. */
export interface FigureEntry {
  figure: Figure;
  topic: string; // what the figure is, subject inherited from the clause when it only says 决算数: "三公经费决算数"
  match: string; // the topic as matched: brackets dropped ("村（居）" → "村居")
  key: string; // the topic without budget/actual words: "三公经费"
  aspect: Aspect;
  period: Period;
  words: string[];
  bigrams: string[];
  sentence: string; // the sentence of the original line that holds the figure
}

export interface IndicatorEntry {
  node: IndicatorNode;
  keys: string[]; // normalised name forms
  words: string[];
}

export interface SectionEntry {
  section: Section;
  key: string;
  words: string[];
}

/** Everything a question is matched against: the report's own figure subjects, indicator names and section titles. */
export interface ReportVocabulary {
  figures: FigureEntry[];
  indicators: IndicatorEntry[];
  sections: SectionEntry[];
  /** How many figure entries contain a word: rare words decide more. */
  documentFrequency: Map<string, number>;
}

const ASPECT_WORDS = /预算安排|预算数|预算|决算数|决算支出|决算|实际支出数|实际支出|实际|执行数|支出数|完成数|金额|总额/gu;
const GENERIC = /^(?:其中|合计|共|约|为|达|达到|是|分别|总计|累计)*$/u;
const SCORE_SUBJECT = /(?:自评得分|指标分值|得分|分值)$/u;
const NOT_QUANTITY = new Set(['年', '月', '日']);

function aspectOf(topic: string): Aspect {
  if (/决算|实际|执行数|支出数|完成数/u.test(topic)) return 'actual';
  if (/预算/u.test(topic)) return 'budget';
  return null;
}

function periodOf(subject: string, year: number | null): Period {
  if (/上年|上一年|去年|上年度|前一年/u.test(subject)) return 'previous';
  if (year !== null && subject.includes(`${year - 1}年`)) return 'previous';
  return 'current';
}

function clean(subject: string): string {
  return normalizeText(coreSubject(subject))
    .replace(/^(?:\d{4}年度?|其中|另有|以及|和|及|与|，|,|我中心|本中心|我院|本院|我校|我委|我办|我们|全年|年末|年初)+/u, '')
    .replace(/(?:为|是|达到|达|共|约|合计|突破|超|分别为|分别)+$/u, '');
}

/** The sentence around a column of a line: from the previous 。；! up to the next. */
export function sentenceAt(line: string, column: number): string {
  const at = Math.max(0, Math.min(line.length - 1, column - 1));
  const before = line.slice(0, at);
  const start = Math.max(before.lastIndexOf('。'), before.lastIndexOf('；'), before.lastIndexOf(';')) + 1;
  const rest = line.slice(at);
  const endOffset = rest.search(/[。；;]/u);
  const end = endOffset < 0 ? line.length : at + endOffset + 1;
  return line.slice(start, end).trim();
}

/** Where the figure's digits are in its original line: the occurrence of its value nearest the stated column. */
function columnIn(line: string, figure: Figure): number {
  const value = figure.value;
  let best = figure.column;
  let distance = Number.POSITIVE_INFINITY;
  for (let at = line.indexOf(value); at >= 0; at = line.indexOf(value, at + 1)) {
    const before = line[at - 1] ?? '';
    const after = line[at + value.length] ?? '';
    if (/[\d.]/u.test(before) || /\d/u.test(after)) continue;
    const d = Math.abs(at + 1 - figure.column);
    if (d < distance) {
      distance = d;
      best = at + 1;
    }
  }
  return best;
}

function figureEntries(report: Report): FigureEntry[] {
  const entries: FigureEntry[] = [];
  let previous: { key: string; line: number; sentence: string } | null = null;
  for (const figure of report.figures) {
    if (NOT_QUANTITY.has(figure.unit)) continue;
    if (figure.unit === '分' && SCORE_SUBJECT.test(figure.subject)) continue;
    const line = report.lines[figure.line - 1] ?? '';
    const sentence = sentenceAt(line, columnIn(line, figure));
    // A table cell's subject is its row label and column header as written: nothing to trim.
    let topic = figure.table ? normalizeText(figure.subject) : clean(figure.subject);
    if (topic === '' && figure.unit === '' && normalizeText(figure.object) === '') continue; // a bare table number (weight, score)
    let key = topic.replace(ASPECT_WORDS, '');
    // "预算数为 3.55 万元，决算数为 0.0693 万元": the second figure only says 决算数, its topic is the clause's.
    const bare = key.replace(/比|较|上年度?|上一年|去年|同期|年末|年初/gu, '');
    if ((GENERIC.test(bare) || bare.length < 2) && previous && previous.line === figure.line && previous.sentence === sentence && previous.key) {
      topic = `${previous.key}${topic}`;
      key = previous.key;
    }
    const object = normalizeText(figure.object).replace(/[^\p{Script=Han}（）]/gu, '');
    const objectHead = /^[\p{Script=Han}]{1,4}(?:（[\p{Script=Han}]{1,3}）)?/u.exec(object)?.[0] ?? '';
    if (key.length < 2 && objectHead) key = `${key}${objectHead}`;
    const described = `${topic}${objectHead}`;
    entries.push({
      figure,
      topic: described || figure.raw,
      match: `${described || figure.raw}|${normalizeText(figure.subject)}`.replace(/[（）]/gu, ''),
      key: key || objectHead,
      aspect: aspectOf(topic),
      period: periodOf(figure.subject, report.year),
      words: wordsOf(described),
      bigrams: bigramsOf(described),
      sentence,
    });
    previous = { key, line: figure.line, sentence };
  }
  return entries;
}

function flattenSections(sections: readonly Section[]): Section[] {
  return sections.flatMap((s) => [s, ...flattenSections(s.children)]);
}

const cache = new WeakMap<Report, ReportVocabulary>();

export function vocabularyOf(report: Report): ReportVocabulary {
  const hit = cache.get(report);
  if (hit) return hit;
  const figures = figureEntries(report);
  const documentFrequency = new Map<string, number>();
  for (const entry of figures) for (const w of new Set([...entry.words, ...entry.bigrams])) documentFrequency.set(w, (documentFrequency.get(w) ?? 0) + 1);
  const indicators = queryOf(report).indicators().map((node) => ({
    node,
    keys: [normalizeText(node.name).replace(/[\p{P}\p{S}]/gu, ''), normalizeText(node.name).replace(/（[^）]*）/gu, '').replace(/[\p{P}\p{S}]/gu, '')],
    words: wordsOf(node.name),
  }));
  const sections = flattenSections(report.sections).map((section) => {
    const key = normalizeText(section.title).replace(/（[^）]*分）$/u, '').replace(/[\p{P}\p{S}\d]/gu, '');
    return { section, key, words: wordsOf(key) };
  });
  const vocabulary = { figures, indicators, sections, documentFrequency };
  cache.set(report, vocabulary);
  return vocabulary;
}
