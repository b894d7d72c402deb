import type { DeductionRule, Figure, IndicatorMeasure, IndicatorNode, Report, RubricIndicator } from '../model/index.js';
import { expectedScore as computeExpected, type ExpectedScore, type Measured } from '../rubric/standards/expected-score.js';
import { numberOf } from '../rubric/standards/standard-text.js';
import { dec, format, percent, type Dec } from './decimal.js';
import { boundOf, coreSubject, figuresOf, figureText, isRateFigure } from './figure-query.js';
import { resolveRubricRate, statedRateOf } from './rubric-rate.js';

/** The rate (in percent) an indicator's score depends on: recomputed from the rubric formula, else as stated. */
export function rateInPercent(report: Pick<Report, 'figures'>, node: IndicatorNode, rubric: RubricIndicator): { value: Dec; how: string } | null {
  const computed = resolveRubricRate(report, node, rubric);
  if (computed) return { value: computed.unit === '%' ? computed.exact : computed.exact.times(100), how: computed.formula };
  const stated = statedRateOf(report, node, rubric);
  if (!stated) return null;
  const value = stated.unit === '%' ? dec(stated.value) : dec(stated.value).times(100);
  return { value, how: `报告写明 ${stated.value}${stated.unit}` };
}

const RATE_LABEL = /执行率|完成率|实际完成|完成值|实际值|实际达到|完成情况|控制率|变动率|调整率|利用率|覆盖率|比率|比例/u;
const TARGET_LABEL = /年度指标值|指标值|目标值|预期目标|年度目标|计划值|预期值/u;
const ACTUAL_LABEL = /实际完成值|实际完成|完成情况|完成值|实际值|实际达到/u;
const NUMBER_IN_TEXT = /(?<![\d.\-])(-?\d+(?:\.\d+)?)(%?)(?![\d.]|-\d)/u;

/** The first number of a cell: "98.5%" → 98.5 (percent), "≥95%" → 95, "12 人" → 12; null for "-", ranges, text. */
function numberInText(text: string): { value: Dec; percent: boolean } | null {
  const normalized = text.normalize('NFKC').replace(/\s+/gu, '');
  if (/\d-\d/u.test(normalized)) return null;
  const m = NUMBER_IN_TEXT.exec(normalized);
  return m ? { value: dec(m[1]!), percent: m[2] === '%' } : null;
}

function measure(node: IndicatorNode, label: RegExp, not?: RegExp): IndicatorMeasure | undefined {
  return node.measures?.find((m) => label.test(m.label) && !(not?.test(m.label) ?? false) && numberInText(m.text) !== null);
}

/** Budget block: 全年执行数 ÷ 全年预算数 × 100%. */
function budgetRate(node: IndicatorNode): Measured['rate'] | undefined {
  const full = measure(node, /全年预算|调整后预算|预算数/u, /年初/u);
  const executed = measure(node, /全年执行|执行数|实际支出/u);
  if (!full || !executed) return undefined;
  const value = percent(numberInText(executed.text)!.value, numberInText(full.text)!.value);
  if (value === null) return undefined;
  return { value, how: `执行率 = ${executed.label} ${executed.text} ÷ ${full.label} ${full.text} × 100% = ${format(value, 2)}%` };
}

/** "较上年下降12.5%": a fall stated as a positive number is a negative change (a 变动率 of −12.5%). */
const FALL_BEFORE = /(?:下降|减少|降低|缩减|压减|下降了|减少了|降低了)(?:约|为)?$/u;

function signed(value: string, before: string): string {
  return FALL_BEFORE.test(before) && !value.startsWith('-') ? `-${value}` : value;
}

const TARGET_CONTEXT = /(?:目标|要求|标准|不低于|不少于|不高于|不超过|未达到|低于|高于|≥|≤|>|<|应|计划|预期)[^，,。；;]{0,6}$/u;

/** The measured rate in a 扣分原因 cell: "执行率为90%，未达到95%的目标" → 90 (a target after 未达到/目标 is not it). */
function reasonRate(reason: string, name: string): string | null {
  const text = reason.normalize('NFKC');
  if (/\d%?-\d/u.test(text)) return null;
  const rates = [...text.matchAll(/(?<![\d.\-])(-?\d+(?:\.\d+)?)%(?![\d.])/gu)]
    .map((m) => { const before = text.slice(Math.max(0, m.index - 12), m.index); return { value: signed(m[1]!, before), before }; })
    .filter((r) => !TARGET_CONTEXT.test(r.before));
  if (rates.length <= 1) return rates[0]?.value ?? null;
  const core = coreSubject(name);
  return (rates.find((r) => r.before.includes(core)) ?? rates[0]!).value;
}

/** A figure that is part of the row's own 评分标准 ("=100%得15分"), not a measured value. */
function inStandard(node: IndicatorNode, figure: Figure): boolean {
  if (!node.standard || figure.line !== (node.standardLine ?? node.line)) return false;
  const standard = node.standard.normalize('NFKC').replace(/\s+/gu, '');
  return standard.includes(`${figure.value}${figure.unit}`) || standard.includes(figure.value);
}

function rateOf(report: Pick<Report, 'figures'>, node: IndicatorNode, rubric?: RubricIndicator): Measured['rate'] | undefined {
  const budget = budgetRate(node);
  if (budget) return budget;
  const row = measure(node, RATE_LABEL, TARGET_LABEL);
  if (row) {
    const n = numberInText(row.text)!;
    return { value: n.value, how: `${row.label} ${row.text}` };
  }
  if (rubric) {
    const fromRubric = rateInPercent(report, node, rubric);
    if (fromRubric) return fromRubric;
  }
  const fromReason = node.reason ? reasonRate(node.reason, node.name) : null;
  if (fromReason) return { value: dec(fromReason), how: `扣分原因写明 ${fromReason.replace(/^-/u, '下降 ')}%${fromReason.startsWith('-') ? '（按 ' + fromReason + '% 计）' : ''}` };
  const names = [node.name].map(coreSubject);
  const rates = figuresOf(report, node).filter((f) => isRateFigure(f) && boundOf(f) === null && !inStandard(node, f));
  const stated = rates.find((f) => names.some((n) => coreSubject(f.subject).includes(n))) ?? (rates.length === 1 ? rates[0] : undefined);
  if (!stated) return undefined;
  const value = dec(signed(stated.value, stated.subject)).times(stated.unit === '%' ? 1 : 100);
  return { value, how: `报告写明${coreSubject(stated.subject)} ${figureText(stated)}${value.isNegative() ? '（下降，按负数计）' : ''}` };
}

const COUNT_UNITS = '例|处|次|项|个|笔|起|条';
const NONE_FOUND = /未发现|没有发现|无违规|无违纪|无问题|不存在(?:违规|问题)|均符合|全部符合|未出现/u;

/** 发现 2 例 / 存在 3 处问题 / 1 个要点未达到; 未发现 → 0. */
function countOf(node: IndicatorNode, rule: DeductionRule): Measured['count'] | undefined {
  const texts = [node.reason ?? '', node.evidence].map((t) => t.normalize('NFKC'));
  for (const text of texts) {
    if (text === '') continue;
    const pattern = rule.kind === 'checklist'
      ? new RegExp(`(\\d+|[一二两三四五六七八九十])(?:个|项|条)(?:评价)?要点(?:未|没有|不)`, 'u')
      : new RegExp(`(?:发现|存在|出现|查出|有)(?:问题|不符合|违规)?(\\d+|[一二两三四五六七八九十])(?:${COUNT_UNITS})`, 'u');
    const m = pattern.exec(text);
    if (m) {
      const value = numberOf(m[1]!);
      if (value !== null) return { value, how: `报告写明“${m[0]}”` };
    }
    const none = NONE_FOUND.exec(text);
    if (none && rule.kind === 'per-instance') return { value: 0, how: `报告写明“${none[0]}”` };
  }
  return undefined;
}

/** This year's 结转结余 and last year's 结转 from the row or the indicator's text (same unit). */
function balanceOf(report: Pick<Report, 'figures'>, node: IndicatorNode): Measured['balance'] | undefined {
  const money = figuresOf(report, node).filter((f) => /元$/u.test(f.unit));
  const lastYear = money.find((f) => /上年|上一年|上年度/u.test(f.subject) && /结转|结余/u.test(f.subject));
  const remaining = money.find((f) => f !== lastYear && /结余|结转/u.test(f.subject) && !/上年|上一年/u.test(f.subject) && f.unit === lastYear?.unit);
  if (!lastYear || !remaining) return undefined;
  return { remaining: dec(remaining.value), lastYear: dec(lastYear.value), how: `${coreSubject(remaining.subject)} ${figureText(remaining)}，${coreSubject(lastYear.subject)} ${figureText(lastYear)}` };
}

/** A = 年度指标值, B = 实际完成值; "≤5%" / "不超过" targets are 反向. */
function targetOf(node: IndicatorNode): Measured['target'] | undefined {
  const a = measure(node, TARGET_LABEL);
  const b = measure(node, ACTUAL_LABEL, TARGET_LABEL);
  if (!a || !b) return undefined;
  const negative = /≤|<|不超过|不高于|以内|以下|低于/u.test(a.text.normalize('NFKC'));
  return {
    target: numberInText(a.text)!.value, actual: numberInText(b.text)!.value,
    how: `${a.label} ${a.text}（A），${b.label} ${b.text}（B）`, direction: negative ? 'negative' : 'positive',
  };
}

function gradeOf(node: IndicatorNode, rule: DeductionRule): Measured['grade'] | undefined {
  if (rule.kind !== 'grade-bands') return undefined;
  const labels = rule.grades.flatMap((g) => (g.label ? [g.label] : [])).sort((x, y) => y.length - x.length);
  const text = `${node.reason ?? ''}${node.evidence}`;
  const label = labels.find((l) => text.includes(l));
  return label ? { label, how: `报告写明“${label}”` } : undefined;
}

/** Everything the report measured for an indicator that a rule of this kind can use. */
export function measuredFor(report: Pick<Report, 'figures'>, node: IndicatorNode, rule: DeductionRule, rubric?: RubricIndicator): Measured {
  const measured: Measured = {};
  const rate = rateOf(report, node, rubric);
  if (rate) measured.rate = rate;
  const count = rule.kind === 'per-instance' || rule.kind === 'checklist' ? countOf(node, rule) : undefined;
  if (count) measured.count = count;
  const balance = rule.kind === 'carryover-balance' ? balanceOf(report, node) : undefined;
  if (balance) measured.balance = balance;
  const target = targetOf(node);
  if (target) measured.target = target;
  const grade = gradeOf(node, rule);
  if (grade) measured.grade = grade;
  return measured;
}

/** The expected score of an indicator under a rule, from what the report measured. Never throws. */
export function expectedScoreOf(report: Pick<Report, 'figures'>, node: IndicatorNode, rule: DeductionRule, weight: number, rubric?: RubricIndicator): ExpectedScore {
  try {
    return computeExpected(rule, weight, measuredFor(report, node, rule, rubric));
  } catch (error) {
    return { unknown: `计算时出错：${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Does a stated score agree with an expected one (tolerance policy of checks/decimal.ts; a range is inclusive)? */
export function scoreAgrees(stated: number, expected: ExpectedScore): boolean {
  if ('unknown' in expected) return true;
  const s = dec(stated);
  if ('range' in expected) return s.gte(expected.range.min.minus('0.005')) && s.lte(expected.range.max.plus('0.005'));
  const places = Math.max(decimalsIn(String(stated)), 1);
  return expected.score.toDecimalPlaces(places).eq(s) || expected.score.toDecimalPlaces(2).eq(s);
}

function decimalsIn(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** "按 S2、S3 的规则（可信度低）" */
export function ruleSourceText(rule: DeductionRule): string {
  if (rule.origin) return `评分标准原文“${rule.origin.text}”${rule.origin.location ? `（${rule.origin.location}）` : ''}`;
  const ids = rule.sources.map((s) => s.id).join('、');
  const levels = { high: '高', medium: '中', low: '低', none: '无' } as const;
  const confidence = rule.sources.map((s) => levels[s.confidence]).join('/');
  return ids ? `来源 ${ids}，可信度${confidence}` : '来源不详';
}

export function formatScore(value: Dec): string {
  return value.isInteger() ? value.toFixed(0) : format(value, 2).replace(/0+$/u, '').replace(/\.$/u, '');
}
