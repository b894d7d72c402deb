import type { Aspect, FigureEntry, Period, ReportVocabulary } from './report-vocabulary.js';
import { bigramsOf, synonymExpansions, wordsOf } from './words.js';

/** A figure that fits the words of a question, with the words that made it fit (the answer says what it matched). */
export interface FigureMatch {
  entry: FigureEntry;
  score: number;
  matched: string[];
  /** Share of the question's own topic words found in the figure's topic (1 = all of them). */
  coverage: number;
}

export interface FigureQuery {
  text: string;
  aspect?: Aspect; // asked for 预算 or 决算/实际 explicitly
  period?: Period | null; // asked for 上年 explicitly; null: not said
}

/** Which of 预算 / 决算 a question asks for, in its own words. */
export function askedAspect(text: string): Aspect {
  const actual = /决算|实际|花了|用了|支出了|花掉|执行数|执行了|实际支出|完成/u.test(text);
  const budget = /预算数|预算是|预算多少|年初预算|安排了?多少|预算安排|预算为|的预算/u.test(text);
  if (actual && !budget) return 'actual';
  if (budget && !actual) return 'budget';
  return null;
}

export function askedPeriod(text: string, year: number | null): Period | null {
  if (/上年|去年|上一年|前一年|上年度/u.test(text)) return 'previous';
  if (year !== null && text.includes(`${year - 1}`)) return 'previous';
  if (/今年|本年|当年/u.test(text) || (year !== null && text.includes(`${year}`))) return 'current';
  return null;
}

function weightOf(word: string, vocabulary: ReportVocabulary): number {
  const df = vocabulary.documentFrequency.get(word) ?? 0;
  if (df === 0) return 0;
  const rarity = Math.log(1 + vocabulary.figures.length / df);
  return rarity * Math.min(word.length, 4);
}

/** Topic words of a clause: jieba words, and the synonym table's terms for its colloquial phrases. */
export function topicWords(text: string): string[] {
  const own = wordsOf(text);
  const expanded = synonymExpansions(text).flatMap((t) => wordsOf(t));
  return [...new Set([...own, ...expanded])];
}

/** Score every figure against the clause; best first. Only figures sharing a topic word or two bigrams count. */
const NOT_TOPIC = /^(?:预算|决算|实际|支出数|预算数|决算数|比例|比重|比率|占|增长|减少|下降|上升|变化|合计|加起来|上年|去年|上年度|少了|多了|超了|差|相差)$/u;

const PERIOD_WORD = /^(?:上年|去年|上年度|上一年|今年|本年|当年)$/u;

/** The longest own words of a clause (a word inside a longer one is left out): what coverage is measured on. */
function maximalWords(words: readonly string[]): string[] {
  return words.filter((w) => !words.some((o) => o !== w && o.length > w.length && o.includes(w)));
}

function coverageOf(own: readonly string[], topic: string): number {
  const maximal = maximalWords(own);
  const total = maximal.reduce((n, w) => n + w.length, 0);
  if (total === 0) return 0;
  let covered = 0;
  for (const word of maximal) {
    if (topic.includes(word)) covered += word.length;
    else covered += Math.max(0, ...own.filter((o) => o !== word && word.includes(o) && topic.includes(o)).map((o) => o.length));
  }
  return covered / total;
}

export function searchFigures(vocabulary: ReportVocabulary, query: FigureQuery): FigureMatch[] {
  const allOwn = wordsOf(query.text);
  const filtered = allOwn.filter((w) => !NOT_TOPIC.test(w));
  // "全年预算数是多少": when the question names only budget/actual words, those are its topic.
  const own = filtered.length > 0 ? filtered : allOwn.filter((w) => !PERIOD_WORD.test(w));
  const words = filtered.length > 0 ? topicWords(query.text).filter((w) => !NOT_TOPIC.test(w)) : own;
  const ownSet = new Set(own);
  const bigrams = bigramsOf(query.text);
  const matches: FigureMatch[] = [];
  for (const entry of vocabulary.figures) {
    let score = 0;
    const matched: string[] = [];
    // The user's own words first; the synonym table's expansions only find a figure none of them finds.
    for (const word of own) {
      if (entry.match.includes(word)) {
        score += weightOf(word, vocabulary) || word.length * 0.5;
        matched.push(word);
      }
    }
    if (matched.length === 0) {
      for (const word of words) {
        if (!ownSet.has(word) && entry.match.includes(word)) {
          score += (weightOf(word, vocabulary) || word.length * 0.5) * 0.5;
          matched.push(word);
        }
      }
    }
    let shared = 0;
    for (const bigram of bigrams) if (entry.bigrams.includes(bigram)) shared += 1;
    if (matched.length === 0 && shared < 2) continue;
    score += shared * 0.4;
    if (query.aspect && entry.aspect === query.aspect) score += 0.8;
    if (query.aspect && entry.aspect && entry.aspect !== query.aspect) score -= 1.5;
    if (query.period && entry.period !== query.period) score -= 3;
    if (!query.period && entry.period === 'previous') score -= 0.6;
    if (score <= 0.8) continue;
    const viaSynonym = matched.length > 0 && matched.every((w) => !ownSet.has(w)) && matched.some((w) => w.length >= 3);
    const coverage = Math.max(coverageOf(own, entry.match), viaSynonym ? 0.7 : 0);
    matches.push({ entry, score, matched: matched.length > 0 ? matched : [entry.key], coverage });
  }
  return matches.sort((a, b) => b.score - a.score || a.entry.figure.line - b.entry.figure.line);
}

/** The matches close to the best (within `share` of its score), one per figure value, line and unit. */
export function bestMatches(matches: readonly FigureMatch[], share = 0.75, limit = 6): FigureMatch[] {
  const top = matches[0];
  if (!top) return [];
  const seen = new Set<string>();
  const out: FigureMatch[] = [];
  for (const m of matches) {
    if (m.score < top.score * share) break;
    const id = `${m.entry.figure.value}|${m.entry.figure.unit}|${m.entry.figure.line}|${m.entry.key}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(m);
    if (out.length >= limit) break;
  }
  return out;
}
