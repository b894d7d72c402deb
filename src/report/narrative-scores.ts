import { Decimal } from 'decimal.js';
import type { Paragraph } from '../model/index.js';
import { STANDARD_DEFINITION } from './figure-roles.js';

/**
 * The score and weight phrases of a narrative report, in every common phrasing:
 * `自评得分 5 分` · `得分4.56分` · `评分 9 分` · `得5分` · `…≤100%，得5分。` · `该项指标分值5分，得4分` · `扣0.5分`
 * (score = weight − deduction) · weights as `（5分）`, `指标分值 18 分`, `权重 10%` (in a 100-point system, that many points).
 * A phrase inside a quoted or stated scoring standard ("评分标准：≥90%得5分；80%-90%得4分") is not the indicator's score;
 * a sentence that only mentions the standard in passing ("对照评分标准，执行率97.6%，得4.52分") states the score.
 */

export interface ScorePhrase {
  score: number;
  paragraph: Paragraph;
  index: number; // offset of the phrase in the paragraph's text
  after: string; // the paragraph's text after the phrase (the explanation, if any)
  before: string; // the paragraph's text before the phrase ("…未达到序时进度，得9分" puts the cause first)
}

const NUMBER = '(-?\\d+(?:\\.\\d+)?)';
/** Explicit score words: the phrasing the sample and most reports use. */
const STRONG = new RegExp(`(?:自评得分|自评分|得分)(?:为|是)?[:：]?\\s*${NUMBER}\\s*分`, 'gu');
/** Shorter phrasings: 评分 9 分, 得5分 (not 每…得, not 得满分). */
const WEAK = [
  new RegExp(`评分(?:为|是)?[:：]?\\s*${NUMBER}\\s*分`, 'gu'),
  new RegExp(`(?<![每获])得\\s*${NUMBER}\\s*分`, 'gu'),
];
const FULL_MARKS = /(?:自评|该项|本项|该指标|本指标|此项)[^，。；]{0,6}得满分/gu;
const DEDUCTION = new RegExp(`(?<!每[^，。；]{0,12})扣(?:除|减)?\\s*${NUMBER}\\s*分`, 'gu');

/**
 * A sentence that defines a standard: "评分标准：…", "计分方法为…" (figure-roles' STANDARD_DEFINITION), "考核标准是…", or
 * a standard's own marks. "对照/按照/根据评分标准，…" names the standard without stating it, so it is not one.
 */
const STANDARD_STATED = /标准为|标准是|扣完为止/u;
const definesStandard = (sentence: string): boolean => STANDARD_DEFINITION.test(sentence) || STANDARD_STATED.test(sentence);
const BAND_SCORE = /得\s*\d+(?:\.\d+)?\s*分/gu;

const SENTENCE_END = new Set('。！？');
const CLAUSE_END = new Set('，。；！？');

/** The sentence (between 。！？ or paragraph ends) around `index`. */
function sentenceAt(text: string, index: number): { text: string; start: number } {
  let start = index;
  while (start > 0 && !SENTENCE_END.has(text[start - 1]!)) start -= 1;
  let end = index;
  while (end < text.length && !SENTENCE_END.has(text[end]!)) end += 1;
  return { text: text.slice(start, end), start };
}

/** A clause about another year or another unit's score ("上年自评得分95分", "全市平均得分88分") is not this indicator's. */
const OTHER_SUBJECT = /上年|去年|上一年|以前年度|往年|同期|全市|全省|全区|全县|平均|排名/u;

function aboutSomethingElse(text: string, index: number): boolean {
  let start = index;
  while (start > 0 && !CLAUSE_END.has(text[start - 1]!)) start -= 1;
  return OTHER_SUBJECT.test(text.slice(start, index));
}

/** Is the phrase at `index` part of a quoted or stated scoring standard rather than the indicator's own score? */
export function insideStandard(text: string, index: number): boolean {
  if (aboutSomethingElse(text, index)) return true;
  const before = text.slice(0, index);
  const opens = (before.match(/[“「『]/gu) ?? []).length;
  const closes = (before.match(/[”」』]/gu) ?? []).length;
  if (opens > closes) return true;
  const sentence = sentenceAt(text, index);
  if (definesStandard(sentence.text)) return true;
  // Several 得N分 in one sentence separated by ；: a banded standard ("≥90%得5分；80%-90%得4分；…")
  const bands = (sentence.text.match(BAND_SCORE) ?? []).length;
  return bands >= 2 && sentence.text.includes('；');
}

function firstMatch(body: readonly Paragraph[], patterns: readonly RegExp[]): ScorePhrase | null {
  for (const paragraph of body) {
    const found: { index: number; length: number; value: string }[] = [];
    for (const pattern of patterns) {
      for (const m of paragraph.text.matchAll(pattern)) {
        if (m[1] === undefined || insideStandard(paragraph.text, m.index)) continue;
        found.push({ index: m.index, length: m[0].length, value: m[1] });
      }
    }
    found.sort((a, b) => a.index - b.index);
    const first = found[0];
    if (first) return { score: Number(first.value), paragraph, index: first.index, after: afterPhrase(paragraph.text, first.index + first.length), before: beforePhrase(paragraph.text, first.index) };
  }
  return null;
}

/** The sentence before the phrase (from the last full stop), without trailing punctuation. */
function beforePhrase(text: string, start: number): string {
  return text.slice(sentenceAt(text, start).start, start).replace(/[，。；：、\s]+$/u, '').trim();
}

function afterPhrase(text: string, end: number): string {
  return text.slice(end).replace(/^[，。；：、\s]+/u, '').trim();
}

/** The indicator's own score in its body text; `weight` lets `扣0.5分` and `得满分` become a score. */
export function findScorePhrase(body: readonly Paragraph[], weight: number | null): ScorePhrase | null {
  const strong = firstMatch(body, [STRONG]);
  if (strong) return strong;
  const weak = firstMatch(body, WEAK);
  if (weak) return weak;
  if (weight === null) return null;
  for (const paragraph of body) {
    for (const m of paragraph.text.matchAll(FULL_MARKS)) {
      if (insideStandard(paragraph.text, m.index)) continue;
      return { score: weight, paragraph, index: m.index, after: afterPhrase(paragraph.text, m.index + m[0].length), before: beforePhrase(paragraph.text, m.index) };
    }
  }
  for (const paragraph of body) {
    const deductions = [...paragraph.text.matchAll(DEDUCTION)].filter((m) => m[1] !== undefined && !insideStandard(paragraph.text, m.index));
    if (deductions.length === 0) continue;
    const lost = deductions.reduce((total, m) => total.plus(m[1]!), new Decimal(0));
    const score = Decimal.max(0, new Decimal(weight).minus(lost)).toNumber();
    const first = deductions[0]!;
    return { score, paragraph, index: first.index, after: afterPhrase(paragraph.text, first.index + first[0].length), before: beforePhrase(paragraph.text, first.index) };
  }
  return null;
}

/** `（5分）`, `（分值5分）`, `（权重10%）` in a heading title. */
export const WEIGHT_IN_TITLE = /（\s*(?:(?:指标)?分值|权重|满分)?[:：为]?\s*(\d+(?:\.\d+)?)\s*分\s*）|（\s*权重[:：为]?\s*(\d+(?:\.\d+)?)\s*%\s*）/u;
/** `指标分值 18 分`, `该项指标分值5分`, `权重 10%`, `权重10分` at the start of the text under a heading. */
const WEIGHT_IN_BODY = /^(?:该项|本项|该|本)?(?:指标)?(?:分值|权重)(?:为|是)?[:：]?\s*(\d+(?:\.\d+)?)\s*(分|%)/u;
const WEIGHT_ANYWHERE = /(?:指标)?分值(?:为)?[:：]?\s*(\d+(?:\.\d+)?)\s*分|权重(?:为)?[:：]?\s*(\d+(?:\.\d+)?)\s*[%分]/u;

/** The weight written in a heading title, or null. */
export function weightInTitle(title: string): number | null {
  const m = WEIGHT_IN_TITLE.exec(title);
  const text = m?.[1] ?? m?.[2];
  return text === undefined ? null : Number(text);
}

/** The weight stated in the text on a heading's line (after its full stop), or at the start of its first paragraph. */
export function weightInBody(headingBody: string, firstParagraph: string | null): number | null {
  const own = WEIGHT_ANYWHERE.exec(headingBody);
  const ownText = own?.[1] ?? own?.[2];
  if (ownText !== undefined) return Number(ownText);
  const first = firstParagraph === null ? null : WEIGHT_IN_BODY.exec(firstParagraph);
  return first?.[1] === undefined ? null : Number(first[1]);
}
