import type { Adjustment, IndicatorNode, Paragraph } from '../model/index.js';
import type { Heading } from './heading.js';
import { lineAtOffset } from './paragraph-lines.js';
import { adjustmentInText } from './adjustments.js';
import { WEIGHT_IN_TITLE, findScorePhrase, insideStandard, weightInBody, weightInTitle } from './narrative-scores.js';

const WEIGHT_IN_BODY = /(?:指标)?分值(?:为)?[:：]?\s*(\d+(?:\.\d+)?)\s*分/u;
const NOT_ASSESSED = /不考核|不适用|不参与(?:评分|考核)|不纳入(?:评分|考核)|不予考核/u;
const BONUS_TITLE = /加减分|加分项|减分项|附加分/u;
const SUFFIXES = /(情况|指标)$/u;

interface Candidate {
  heading: Heading;
  name: string;
  weight: number | null;
  body: Paragraph[];
  isBonus: boolean;
}

export interface IndicatorExtraction {
  indicators: IndicatorNode[];
  adjustments: Adjustment[]; // every 加减分 heading with a score, in report order
}

function cleanName(title: string): string {
  return title.replace(WEIGHT_IN_TITLE, '').replace(/[（(]\s*[)）]$/u, '').replace(/[。．.，,；;:：\s]+$/u, '').trim();
}

/** Paragraphs that belong directly to each heading (before the next heading of any level). */
function bodiesByHeading(headings: readonly Heading[], paragraphs: readonly Paragraph[]): Map<Heading, Paragraph[]> {
  const map = new Map<Heading, Paragraph[]>();
  let h = 0;
  for (const paragraph of paragraphs) {
    while (h + 1 < headings.length && headings[h + 1]!.line <= paragraph.line) h += 1;
    const heading = headings[h];
    if (!heading || heading.line > paragraph.line) continue;
    const list = map.get(heading) ?? [];
    list.push(paragraph);
    map.set(heading, list);
  }
  return map;
}

/** "预算执行率：得分9.5分（满分10分）": the name, then its score after a colon. */
const SCORE_AFTER_COLON = /[：:]\s*((?:自评)?得分(?:为)?\s*\d+(?:\.\d+)?\s*分.*)$/u;

function toCandidate(heading: Heading, body: Paragraph[]): Candidate | null {
  const firstOwn = body.find((p) => p.line !== heading.line) ?? null;
  const scoreBracket = SCORE_BRACKET.exec(heading.title) ?? SCORE_AFTER_COLON.exec(heading.title);
  const weight = weightInTitle(heading.title) ?? weightInBody(heading.body, firstOwn?.text ?? null) ?? (scoreBracket ? weightInBody(scoreBracket[0], null) : null);
  const isBonus = BONUS_TITLE.test(heading.title);
  if (weight === null && !isBonus) return null;
  // "（分值5分，得分4分）" in the title: its score counts when the text under the heading states none
  const titleParagraph: Paragraph[] = scoreBracket
    ? [{ text: scoreBracket[1] ?? scoreBracket[0], line: heading.line, endLine: heading.line, sectionPath: [], segments: [{ line: heading.line, offset: 0 }] }]
    : [];
  const name = cleanName(heading.title.replace(SCORE_BRACKET, '').replace(SCORE_AFTER_COLON, ''));
  return { heading, name, weight, body: [...body, ...titleParagraph], isBonus };
}

/** A bracket in a heading title with the weight and the score: "（分值5分，得分4分）", "（5分，自评得分4分）". */
const SCORE_BRACKET = /（[^（）]{0,12}\d+(?:\.\d+)?\s*分[^（）]{0,4}(?:得分|自评得分|得)[^（）]{0,3}\d+(?:\.\d+)?\s*分[^（）]{0,6}）/u;

function evidenceOf(body: readonly Paragraph[], heading: Heading): { text: string; lines: [number, number] | null } {
  const own = body.filter((p) => !(p.line === heading.line && WEIGHT_IN_BODY.test(p.text) && p.text.length < 20));
  if (own.length === 0) return { text: '', lines: null };
  return { text: own.map((p) => p.text).join('\n'), lines: [own[0]!.line, own[own.length - 1]!.endLine] };
}

/** Extract the indicator tree and the 加减分项 from the outline: every heading that states a weight is an indicator. */
export function extractIndicators(headings: readonly Heading[], paragraphs: readonly Paragraph[]): IndicatorExtraction {
  const bodies = bodiesByHeading(headings, paragraphs);
  const roots: IndicatorNode[] = [];
  const stack: { level: number; node: IndicatorNode }[] = [];
  const adjustments: Adjustment[] = [];

  for (const heading of headings) {
    const candidate = toCandidate(heading, bodies.get(heading) ?? []);
    while (stack.length > 0 && stack[stack.length - 1]!.level >= heading.level) stack.pop();
    if (!candidate) continue;
    const scored = findScorePhrase(candidate.body, candidate.weight);
    const evidence = evidenceOf(candidate.body, heading);
    if (candidate.isBonus && candidate.weight === null) {
      if (scored) adjustments.push({ score: scored.score, line: lineAtOffset(scored.paragraph, scored.index), evidence: evidence.text, label: candidate.name });
      else {
        // "（五）加分项 / 获得省级表彰，加1分。": the points are written as 加/扣 N 分, not as a score.
        for (const paragraph of candidate.body) {
          const stated = adjustmentInText(paragraph.text, (index) => insideStandard(paragraph.text, index));
          if (!stated) continue;
          adjustments.push({ score: stated.score, line: lineAtOffset(paragraph, stated.index), evidence: evidence.text, label: candidate.name });
          break;
        }
      }
      continue;
    }
    const parent = stack[stack.length - 1]?.node;
    const level = (parent?.level ?? 0) + 1;
    const name = level === 1 ? candidate.name.replace(SUFFIXES, '') : candidate.name;
    const path = [...(parent?.path ?? []), name];
    const notAssessed = !scored && candidate.body.some((p) => NOT_ASSESSED.test(p.text));
    const weight = candidate.weight;
    const score = scored?.score ?? null;
    const lost = scored !== null && weight !== null && scored.score < weight;
    const node: IndicatorNode = {
      id: path.join('/'),
      name,
      path,
      level,
      weight,
      score,
      assessed: !notAssessed,
      notAssessedReason: notAssessed ? (candidate.body.find((p) => NOT_ASSESSED.test(p.text))?.text ?? null) : null,
      line: heading.line,
      scoreLine: scored ? lineAtOffset(scored.paragraph, scored.index) : null,
      evidence: evidence.text,
      evidenceLines: evidence.lines,
      reason: lost && (scored.after !== '' || scored.before !== '') ? (scored.after !== '' ? scored.after : scored.before) : null,
      rubricId: null,
      children: [],
    };
    (parent ? parent.children : roots).push(node);
    stack.push({ level: heading.level, node });
  }
  return { indicators: roots, adjustments };
}

export { indicatorLeaves } from './indicator-walk.js';
