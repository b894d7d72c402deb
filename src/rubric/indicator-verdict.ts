import type { DeductionRule } from '../model/index.js';
import { dec, plain } from '../model/decimal.js';
import { measureIndicator, type IndicatorFigures } from './measure-indicator.js';
import type { Measured } from './standards/expected-result.js';
import { expectedScore, expectedText, ruleSourceText, scoreAgrees } from './standards/expected-score.js';
import { parseStandard } from './standards/parse-standard.js';
import { normalizeStandard } from './standards/standard-text.js';

/**
 * One indicator's verdict: does its stated score follow from its own standard (the row's 评分标准), else the rubric's
 * rule, else a scoring method the report states for it ("按完成比例计分"), and its stated actual value? Checks,
 * answers, drafts and Word comments all read this one function, so they never disagree about a score.
 */

/** The standard that decides an indicator's score, and where it was written. */
export interface StandardUsed {
  source: 'own-standard' | 'rubric' | 'stated-method';
  text: string; // as written (own standard, the stated method) or the rubric rule's description
  rule: DeductionRule;
  line: number | null; // where the report writes it (null for a rubric rule)
}

export type VerdictMissing =
  | 'not-assessed' // 不考核
  | 'no-score' // no stated score
  | 'no-weight' // no stated weight
  | 'no-standard' // neither an own standard nor a rubric rule nor a stated method
  | 'standard-not-computable' // the standard leaves the score to judgement, or is not understood
  | 'no-stated-value'; // the standard is computable, but the report does not state the value it needs

export type IndicatorVerdict =
  | { kind: 'agrees'; standard: StandardUsed; stated: number; expected: string; working: string; measured: Measured }
  | { kind: 'should-be'; standard: StandardUsed; stated: number; expected: string; working: string; measured: Measured }
  | { kind: 'not-computable'; standard: StandardUsed | null; missing: VerdictMissing; why: string };

/** "按完成比例计分" (and its variants) written in the indicator's own reason or text. */
const STATED_METHOD = /按(?:实际)?\p{Script=Han}{0,4}?(?:比例|比率|率|进度)(?:[×*x](?:分值|权重|标准分))?(?:计算|折算)?(?:计分|得分|给分|赋分)/u;

function statedMethod(input: IndicatorFigures): StandardUsed | null {
  for (const text of [input.node.reason ?? '', input.node.evidence]) {
    const at = text.indexOf('按');
    if (at < 0) continue; // most texts state no method: skip normalising them
    const m = STATED_METHOD.exec(normalizeStandard(text.slice(at, at + 40)));
    if (!m) continue;
    const rule = parseStandard(m[0]);
    if (rule.kind !== 'unknown') return { source: 'stated-method', text: m[0], rule, line: input.node.scoreLine ?? input.node.line };
  }
  return null;
}

const TARGET_WORD = /(?:年度)?(?:目标值|指标值)/u;

/**
 * "达到目标值得满分，每低1个百分点扣1分": a standard that names the row's own 目标值 as its threshold, read with that
 * value (a rate) in its place. A standard computable as written (B/A, 按比例) is read as written.
 */
function ownStandardRule(standard: string, node: IndicatorFigures['node']): DeductionRule {
  const rule = parseStandard(standard);
  const target = node.target;
  if (rule.kind !== 'unknown' || !target || target.value === null || target.unit !== '%' || !TARGET_WORD.test(standard)) return rule;
  const read = parseStandard(standard.replaceAll(new RegExp(TARGET_WORD.source, 'gu'), `${target.value}%`));
  return read.kind === 'unknown' ? rule : { ...read, description: standard };
}

/** Which standard decides: the row's own 评分标准, else a computable rubric rule, else a method the text states. */
export function standardOf(input: IndicatorFigures): StandardUsed | null {
  const { node, rubric } = input;
  if (node.standard) return { source: 'own-standard', text: node.standard, rule: ownStandardRule(node.standard, node), line: node.standardLine ?? node.line };
  const rubricRule = rubric?.rule;
  if (rubricRule && rubricRule.kind !== 'unknown') return { source: 'rubric', text: rubricRule.description, rule: rubricRule, line: null };
  return statedMethod(input) ?? (rubricRule ? { source: 'rubric', text: rubricRule.description, rule: rubricRule, line: null } : null);
}

/** "报告自带的评分标准“…”", "评分细则的规则（…；来源 S2）", "报告写明的计分办法“按完成比例计分”". */
export function standardText(standard: StandardUsed): string {
  switch (standard.source) {
    case 'own-standard':
      return `报告自带的评分标准“${standard.text}”`;
    case 'rubric':
      return `评分细则的规则（${standard.text.replace(/。$/u, '')}；${ruleSourceText(standard.rule)}）`;
    case 'stated-method':
      return `报告写明的计分办法“${standard.text}”`;
  }
}

/** The verdict on one indicator's stated score. Never throws. */
export function indicatorVerdict(input: IndicatorFigures): IndicatorVerdict {
  const { node } = input;
  const standard = standardOf(input);
  const missing = (kind: VerdictMissing, why: string): IndicatorVerdict => ({ kind: 'not-computable', standard, missing: kind, why });
  if (!node.assessed) return missing('not-assessed', '本项不考核');
  if (node.score === null) return missing('no-score', '报告没有写明本项自评得分');
  const weight = node.weight ?? input.rubric?.weight ?? null;
  if (weight === null) return missing('no-weight', '报告没有写明本项分值');
  if (!standard) return missing('no-standard', '报告没有写明本项的评分标准，评分细则中也没有它的计分规则');
  if (standard.rule.kind === 'unknown') {
    return missing('standard-not-computable', standard.source === 'own-standard' ? '评分标准需要人工判断，或写法无法自动计算' : standard.text.replace(/。$/u, ''));
  }
  try {
    const measured = measureIndicator(input, standard.rule);
    const expected = expectedScore(standard.rule, weight, measured);
    if ('unknown' in expected) return missing('no-stated-value', expected.unknown);
    // A range of every score (a qualitative grade the report does not name) decides nothing.
    if ('range' in expected && expected.range.min.lte(0) && expected.range.max.gte(weight)) return missing('no-stated-value', expected.formula);
    const shown = expectedText(expected);
    // "…落在“85% ≤ x < 95%”一档，得 4 分" already ends with the score: no second "应得 4 分".
    const working = 'range' in expected || expected.formula.endsWith(`${shown} 分`) ? expected.formula : `${expected.formula}，应得 ${shown} 分`;
    const kind = scoreAgrees(node.score, expected) ? 'agrees' : 'should-be';
    return { kind, standard, stated: node.score, expected: shown, working, measured };
  } catch (error) {
    return missing('standard-not-computable', `计算时出错：${error instanceof Error ? error.message : String(error)}`);
  }
}

/** One sentence for people: "按…：…，应得 4 分；自评 4 分与之相符。" / "…；而自评 5 分，应为 4 分。" / "无法判断：…". */
export function verdictSentence(name: string, verdict: IndicatorVerdict): string {
  if (verdict.kind === 'not-computable') {
    const by = verdict.standard ? `按${standardText(verdict.standard)}，` : '';
    return `“${name}”${by}无法算出应得分：${verdict.why}。`;
  }
  const head = `“${name}”按${standardText(verdict.standard)}：${verdict.working}`;
  return verdict.kind === 'agrees'
    ? `${head}；自评 ${plain(verdict.stated)} 分与之相符。`
    : `${head}；而自评 ${plain(verdict.stated)} 分，${dec(verdict.stated).gt(dec(verdict.expected.split('–').at(-1)!)) ? '高于' : '低于'}应得分。`;
}
