import type { Paragraph, StatedTotal } from '../model/index.js';
import { lineAtOffset } from './paragraph-lines.js';

const TOTAL_PATTERNS: RegExp[] = [
  /自评(?:结果|总分|总得分|综合得分)(?:为|是|：|:)?\s*(\d+(?:\.\d+)?)\s*分/gu,
  /(?:总得分|综合得分|综合评分|总评分|得分合计|合计得分|评价总分|最终得分|评价得分合计|自评得分合计)(?:为|是|：|:)?\s*(\d+(?:\.\d+)?)\s*分/gu,
  /(?:整体支出绩效|整体绩效)(?:自评)?(?:总)?得分(?:为|是|：|:)?\s*(\d+(?:\.\d+)?)\s*分/gu,
];

/** "自评得分为93.8分" is an indicator's score inside its own text; outside every indicator's text it may be the total. */
const PLAIN_SCORE = /(?:自评得分|自评分|得分)(?:为|是|：|:)?\s*(\d+(?:\.\d+)?)\s*分/gu;
/** Words that make a plain score phrase the whole report's: "经自评，…", "综合…", "整体…". */
const WHOLE_REPORT = /经自评|经综合|综合|整体|总体|自评结论|自评结果|评价结论|部门自评|项目自评/u;
/** Every phrase above ends in a number of points: a paragraph without one is skipped in one test. */
const STATES_POINTS = /\d\s*分/u;
/** Words one of which every TOTAL_PATTERNS phrase holds (one test before running the three). */
const TOTAL_WORDS = /自评|总得分|综合|总评分|得分合计|合计得分|评价总分|最终得分|整体/u;
/** A whole-report score on a 100-point scale is rarely below this; a smaller plain score is an indicator's. */
const PLAIN_TOTAL_MIN = 60;

function sentenceBefore(text: string, index: number): string {
  let start = index;
  while (start > 0 && !'。！？\t'.includes(text[start - 1]!)) start -= 1;
  return text.slice(start, index);
}

/**
 * Every place that states the report's overall score: "自评结果为 99 分", "综合评分96分", "得分合计…", and a plain
 * "自评得分为93.8分" outside every indicator's own text (`ownedLine(line)` says whether a line belongs to one) when its
 * sentence speaks of the whole report or the score is a total's size.
 */
export function extractStatedTotals(paragraphs: readonly Paragraph[], ownedLine: (line: number) => boolean = () => false): StatedTotal[] {
  const found: StatedTotal[] = [];
  const push = (paragraph: Paragraph, m: RegExpMatchArray & { index: number }) => {
    const start = Math.max(0, m.index - 20);
    found.push({ value: Number(m[1]), line: lineAtOffset(paragraph, m.index), text: paragraph.text.slice(start, m.index + m[0].length) });
  };
  for (const paragraph of paragraphs) {
    if (!STATES_POINTS.test(paragraph.text)) continue;
    const before = found.length;
    if (TOTAL_WORDS.test(paragraph.text)) for (const pattern of TOTAL_PATTERNS) for (const m of paragraph.text.matchAll(pattern)) push(paragraph, m);
    if (found.length > before || paragraph.cells !== undefined) continue;
    if (paragraph.line === paragraph.endLine && ownedLine(paragraph.line)) continue; // a line of an indicator's own text
    for (const m of paragraph.text.matchAll(PLAIN_SCORE)) {
      if (ownedLine(lineAtOffset(paragraph, m.index))) continue;
      if (WHOLE_REPORT.test(sentenceBefore(paragraph.text, m.index)) || Number(m[1]) >= PLAIN_TOTAL_MIN) push(paragraph, m);
    }
  }
  found.sort((a, b) => a.line - b.line);
  return found.filter((t, i) => i === 0 || !(t.line === found[i - 1]!.line && t.value === found[i - 1]!.value));
}
