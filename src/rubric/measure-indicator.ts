import type { DeductionRule, Figure, IndicatorMeasure, IndicatorNode, RubricIndicator } from '../model/index.js';
import { dec, format, percent, type Dec } from '../model/decimal.js';
import { boundOf, coreSubject, figureText, isRateFigure } from '../report/figure-words.js';
import { shortText, type Measured } from './standards/expected-result.js';
import { numberOf } from './standards/standard-text.js';
import { rubricRateIn, statedRateIn, type RubricRate } from './rubric-rate.js';

/**
 * What a report states for one indicator that a scoring rule can use — its actual value (rate, count, balance, the
 * target and the actual, a grade) and where each came from. Numbers of a standard (the row's 评分标准, "低于95%" after
 * the value, "未达到90%的目标") are thresholds, never the actual.
 */
export interface IndicatorFigures {
  node: IndicatorNode;
  figures: readonly Figure[]; // the indicator's own figures (queryOf(report).figuresOf(node))
  rubric?: RubricIndicator; // the matched rubric item, whose formula may recompute the rate
  rubricRate?: RubricRate | null; // that formula already resolved by the caller (computed here when absent)
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
  return { value, from: 'column', how: `执行率 = ${executed.label} ${executed.text} ÷ ${full.label} ${full.text} × 100% = ${format(value, 2)}%` };
}

/** "较上年下降12.5%": a fall stated as a positive number is a negative change (a 变动率 of −12.5%). */
const FALL_BEFORE = /(?:下降|减少|降低|缩减|压减|下降了|减少了|降低了)(?:约|为)?$/u;

function signed(value: string, before: string): string {
  return FALL_BEFORE.test(before) && !value.startsWith('-') ? `-${value}` : value;
}

/** Words right before a number that make it a target or a threshold it is compared with, not the value itself. */
const COMPARISON_BEFORE = /(?:目标|要求|标准|不低于|不少于|不高于|不超过|未达到|未达|达不到|低于|高于|≥|≤|>|<|应|计划|预期)[^，,。；;]{0,6}$/u;
/** A figure's subject that ends in a comparison ("…，低于" 95%, "目标值为" 90%): the number is what it is compared with. */
const COMPARED_WITH = /(?:低于|高于|不低于|不少于|不高于|不超过|未达到|未达|达不到|超过|≥|≤|>|<|目标值|指标值|目标为|要求|标准为?)(?:为|的|了)?$/u;

/** The measured rate in a 扣分原因/说明 cell: "执行率为88.3%，低于95%" → 88.3 (the 95% compared with is not it). */
function reasonRate(reason: string, name: string): string | null {
  const text = reason.normalize('NFKC');
  if (/\d%?-\d/u.test(text)) return null;
  const rates = [...text.matchAll(/(?<![\d.\-])(-?\d+(?:\.\d+)?)%(?![\d.])/gu)]
    .map((m) => { const before = text.slice(Math.max(0, m.index - 12), m.index); return { value: signed(m[1]!, before), before }; })
    .filter((r) => !COMPARISON_BEFORE.test(r.before));
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

/**
 * A figure of an indicator's text that is a threshold, target or bound, not a stated value: its role says so
 * (report/figure-roles.ts), or it is inside the row's own 评分标准, written as a bound ("比率≤100%"), or right after a comparison ("…，低于95%", "目标值为90%").
 */
export function isThresholdFigure(node: IndicatorNode, figure: Figure): boolean {
  return figure.role === 'threshold' || figure.role === 'target' || inStandard(node, figure) || boundOf(figure) !== null || COMPARED_WITH.test(figure.subject);
}

/** The rate word an indicator name ends with: "项目支出执行率" → "执行率" (a sentence often says only that). */
function rateWord(name: string): string | null {
  return /(?:执行|完成|支出|到位|覆盖|达标|合格|满意|控制|变动|调整|利用|使用|结余|及时)率$/u.exec(coreSubject(name))?.[0] ?? null;
}

/** The stated rate among the indicator's own figures: named like it, else the only rate that is not a threshold. */
function statedRate(input: IndicatorFigures): Figure | undefined {
  const { node, figures, rubric } = input;
  const rates = figures.filter((f) => isRateFigure(f) && !isThresholdFigure(node, f));
  const names = [node.name, ...(rubric ? [rubric.name, ...rubric.aliases] : [])].map(coreSubject);
  const word = rateWord(node.name);
  return rates.find((f) => names.some((n) => coreSubject(f.subject).includes(n)))
    ?? (rates.length === 1 ? rates[0] : undefined)
    ?? (word ? rates.find((f) => f.subject.includes(word)) : undefined);
}

/** Where a recognised actual value came from, in the terms of Measured. */
const FACT_SOURCE = { 'actual-column': 'column', 'target-column': 'column', 'reason-cell': 'reason', 'evidence-sentence': 'evidence', 'budget-row': 'column' } as const;

function rateOf(input: IndicatorFigures): Measured['rate'] | undefined {
  const { node, figures, rubric } = input;
  const budget = budgetRate(node);
  if (budget) return budget;
  const row = measure(node, RATE_LABEL, TARGET_LABEL);
  if (row) return { value: numberInText(row.text)!.value, from: 'column', how: `${row.label} ${row.text}` };
  const computed = rubric ? (input.rubricRate !== undefined ? input.rubricRate : rubricRateIn(figures, node, rubric)) : null;
  if (computed) return { value: computed.unit === '%' ? computed.exact : computed.exact.times(100), from: 'formula', how: computed.formula };
  // The actual value recognised with the report (report/indicator-facts.ts), when it is a rate.
  const fact = node.actual;
  if (fact && fact.value !== null && fact.unit === '%' && !(fact.figureId && figures.some((f) => f.id === fact.figureId && (f.role === 'threshold' || f.role === 'target')))) {
    const from = FACT_SOURCE[fact.from];
    const at = fact.text.normalize('NFKC').indexOf(fact.value);
    const value = signed(fact.value, at < 0 ? '' : fact.text.normalize('NFKC').slice(Math.max(0, at - 12), at)); // "下降12.5%" → −12.5
    const where = from === 'reason' ? '扣分原因' : from === 'column' ? '实际完成值' : '报告';
    return { value: dec(value), from, how: `${where}写明 ${value.replace(/^-/u, '下降 ')}%${value.startsWith('-') ? `（按 ${value}% 计）` : ''}` };
  }
  // A plan and what was done, both in the row's own reason cell ("计划完成20项，实际完成19项"): done ÷ planned.
  const planned = node.target;
  if (fact && planned && fact.from === 'reason-cell' && planned.from === 'reason-cell' && fact.value !== null && planned.value !== null
    && fact.unit === planned.unit && fact.unit !== '%' && dec(planned.value).gt(0)) {
    const value = dec(fact.value).div(planned.value).times(100);
    return { value, from: 'reason', how: `扣分原因写明计划 ${planned.value}${planned.unit}、完成 ${fact.value}${fact.unit}，${fact.value} ÷ ${planned.value} = ${shortText(value)}%` };
  }
  // A rubric item without the row's own standard: its stated rate as the rubric names it (the first rate otherwise).
  const named = rubric && !node.standard ? statedRateIn(figures, node, rubric) : null;
  if (named) return { value: named.unit === '%' ? dec(named.value) : dec(named.value).times(100), from: 'evidence', how: `报告写明 ${named.value}${named.unit}` };
  const fromReason = node.reason ? reasonRate(node.reason, node.name) : null;
  if (fromReason) return { value: dec(fromReason), from: 'reason', how: `扣分原因写明 ${fromReason.replace(/^-/u, '下降 ')}%${fromReason.startsWith('-') ? '（按 ' + fromReason + '% 计）' : ''}` };
  const stated = statedRate(input);
  if (!stated) return undefined;
  const value = dec(signed(stated.value, stated.subject)).times(stated.unit === '%' ? 1 : 100);
  return { value, from: 'evidence', how: `报告写明${coreSubject(stated.subject)} ${figureText(stated)}${value.isNegative() ? '（下降，按负数计）' : ''}` };
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
function balanceOf(figures: readonly Figure[]): Measured['balance'] | undefined {
  const money = figures.filter((f) => /元$/u.test(f.unit));
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

/** Everything the report states for an indicator that a rule of this kind can use. */
export function measureIndicator(input: IndicatorFigures, rule: DeductionRule): Measured {
  const measured: Measured = {};
  const rate = rateOf(input);
  if (rate) measured.rate = rate;
  const count = rule.kind === 'per-instance' || rule.kind === 'checklist' ? countOf(input.node, rule) : undefined;
  if (count) measured.count = count;
  const balance = rule.kind === 'carryover-balance' ? balanceOf(input.figures) : undefined;
  if (balance) measured.balance = balance;
  const target = targetOf(input.node);
  if (target) measured.target = target;
  const grade = gradeOf(input.node, rule);
  if (grade) measured.grade = grade;
  return measured;
}

