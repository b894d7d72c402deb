import type { Finding, IndicatorNode } from '../model/index.js';
import { resolveRubricRate, statedRateOf } from '../checks/rubric-rate.js';
import { coreSubject } from '../report/figure-words.js';
import { countOf, differenceOf, percentOf, type Computation } from '../model/computation.js';
import type { DraftSource } from './draft-source.js';
import { causeOf, sentence } from './house-style.js';
import { indicatorTruth } from './indicator-truth.js';
import { queryOf } from '../report/query/report-query.js';

/** A clause without its closing punctuation, to be continued ("执行率为88.3%，低于95%。" → "执行率为88.3%，低于95%"). */
const stripEnd = (text: string) => text.trim().replace(/[。；;，,]+$/u, '');

/** A real shortfall of the report, with the figures that show it and the cause the report gives. */
export interface Shortfall {
  key: string; // rubric indicator id, or the rule id of a finding
  kind: 'deduction' | 'carry-over' | 'data-consistency';
  indicator: string | null;
  title: string; // "部门预算资金支出率偏低"
  facts: string; // the figures, as sentences
  cause: string | null; // the report's own cause
  brief: string; // title + the key figure, for the short version
  computations: Computation[];
  lines: number[]; // report lines the facts come from
  over: Computation | null; // amount above budget, when the shortfall is an overrun
  actual?: string; // the indicator's stated actual value as written ("88.3%"), when the report states one
  remedyCause?: string; // the cause a measure answers, when the facts already quote it ("汛期施工受阻")
  topics?: string[]; // what the data-consistency findings are about, in the report's words ("村（居）数量", "编制人数")
}

/** Rates where less is better: a deduction means the rate is too high. */
const LOWER_IS_BETTER = /结转结余|结余率|控制率|变动率|调整率/u;

/** Does the report say where unspent money went (returned to the treasury, carried over, budget cut)? */
const UNSPENT_EXPLAINED = /收回|结转下年|结转至下年|调减|核减|不形成结转/u;

function deductionShortfall(source: DraftSource, node: IndicatorNode): Shortfall {
  const rubric = source.rubricMatch.byIndicatorId.get(node.id);
  const computations: Computation[] = [];
  const lost = differenceOf({ value: node.weight!, unit: '分' }, { value: node.score!, unit: '分' });
  computations.push(lost);
  const lines = [node.line, node.scoreLine ?? node.line];
  let title = `${node.name}未得满分`;
  let figures = '';
  let brief = '';
  let over: Computation | null = null;
  let value: string | undefined; // the indicator's value as the facts state it
  const truth = indicatorTruth(source, node);
  const rate = rubric ? resolveRubricRate(source.report, node, rubric) : null;
  if (rate && rate.unit === '%') {
    const unit = rate.numerator.unit;
    const computed = percentOf({ value: rate.numerator.value, unit }, { value: rate.denominator.value, unit })!;
    computations.push(computed);
    lines.push(rate.numerator.line);
    const den = `${coreSubject(rate.denominator.subject)} ${rate.denominator.value} ${unit}`;
    const num = `${coreSubject(rate.numerator.subject)} ${rate.numerator.value} ${unit}`;
    figures = `${den}，${num}，${node.name} ${computed.shown}`;
    if (rate.exact.gt(100)) {
      over = differenceOf({ value: rate.numerator.value, unit }, { value: rate.denominator.value, unit });
      computations.push(over);
      title = `${node.name.replace(/执行率$/u, '')}超出预算`;
      figures += `，超出预算 ${over.shown}`;
    } else if (rate.exact.lt(100)) {
      title = `${node.name}偏低`;
    }
    brief = `${node.name} ${computed.shown}`;
    value = computed.shown;
  } else if (rubric) {
    // A rate the text states for the rubric's indicator — never a number of a standard or a target.
    const stated = statedRateOf(source.report, node, rubric);
    if (stated && stated.role !== 'threshold' && stated.role !== 'target') {
      lines.push(stated.line);
      figures = `${coreSubject(stated.subject)}为 ${stated.value}${stated.unit}`;
      brief = `${node.name} ${stated.value}${stated.unit}`;
      value = `${stated.value}${stated.unit}`;
      if (LOWER_IS_BETTER.test(node.name)) title = `${node.name}偏高`;
      else if (stated.unit === '%' && Number(stated.value) < 100) title = `${node.name}偏低`;
    }
  }
  const score = `该指标自评 ${node.score} 分（分值 ${node.weight} 分，扣 ${lost.shown}）`;
  // A table row states its value in its own cells (实际完成值, 扣分原因): say it in the report's words.
  const actual = figures ? null : truth.actual;
  let cause = causeOf(node.reason);
  let remedyCause: string | undefined;
  let reasonStatesIt = false;
  if (actual) {
    lines.push(actual.line);
    reasonStatesIt = node.reason !== null && actual.quote === node.reason;
    const label = actual.label === '扣分原因' || actual.label === '说明' || node.name.endsWith(actual.label) ? '' : actual.label;
    figures = reasonStatesIt ? stripEnd(node.reason!) : `${node.name}${label}为 ${actual.text}`;
    // The rest of the 扣分原因 beside the value ("…为90%，汛期施工受阻" → "汛期施工受阻") is what a measure answers.
    const rest = reasonStatesIt ? stripEnd(node.reason!).split(/[，,；;]/u).filter((c) => !c.includes(actual.text) && !/^(?:低于|高于|未达到|未达|超过|不足|计划|完成|实际|目标|全年|年度)/u.test(c.trim()) && c.trim().length >= 4) : [];
    if (rest.length > 0) remedyCause = rest.join('，');
    brief = `${node.name} ${actual.text}`;
    if (/%$/u.test(actual.text)) title = LOWER_IS_BETTER.test(node.name) ? `${node.name}偏高` : `${node.name}偏低`;
  }
  // A 扣分原因/偏差原因 cell that is not the value itself is the report's cause, in its words.
  if (!cause && node.reason && !reasonStatesIt && !(figures && figures.includes(stripEnd(node.reason)))) cause = sentence(node.reason);
  // The check says the stated score is wrong: the draft says what it should be rather than repeat it as a fact.
  const correction = truth.scoreFinding?.expected ? `（按评分标准应得 ${truth.scoreFinding.expected} 分，自评得分需更正）` : '';
  return {
    key: rubric?.id ?? node.id,
    kind: 'deduction',
    indicator: node.name,
    title,
    facts: sentence(`${figures ? `${figures}，${score}` : score}${correction}`.replace('）（按评分标准', '；按评分标准')),
    cause,
    brief: brief ? `${title}（${brief}）` : title,
    computations,
    lines,
    over,
    ...(actual ? { actual: actual.text } : value ? { actual: value } : {}),
    ...(remedyCause ? { remedyCause } : {}),
  };
}

function carryOverShortfall(finding: Finding): Shortfall {
  const m = /100%\s*−\s*([\d.]+)%\s*=\s*([\d.]+)%/u.exec(finding.formula ?? '');
  const facts = m
    ? `预算资金支出率为 ${m[1]}%，有 ${m[2]}% 的预算资金未支出，但结余率填报为 ${finding.actual ?? '0%'}`
    : finding.message.split('：')[0]!;
  return {
    key: finding.ruleId,
    kind: 'carry-over',
    indicator: '结转结余率',
    title: '结转结余情况反映不清',
    facts: sentence(facts),
    cause: '未支出的资金是被财政收回、结转下年还是形成结余，报告没有说明。',
    brief: '结转结余情况反映不清',
    computations: [],
    lines: [finding.line, ...(finding.related ?? []).map((r) => r.line)],
    over: null,
  };
}

/** A consistency finding restated as a fact, without line references and closing advice. */
function consistencyFact(finding: Finding): string {
  const [topic, ...rest] = finding.message.split('：');
  if (finding.ruleId === 'consistency/same-quantity' && rest.length > 0) {
    const body = rest.join('：').replace(/（第[^）]*行）/gu, '').replace(/。?请.*$/u, '');
    return sentence(body.replace(/写作/u, '数量分别写作'));
  }
  const expected = finding.expected ? `按分项合计为 ${finding.expected}${finding.formula ? `（${finding.formula}）` : ''}` : '';
  const actual = finding.actual ? `另一处写作 ${finding.actual}` : '';
  return sentence([topic!.replace(/对不上/u, '不一致'), [expected, actual].filter(Boolean).join('，')].filter(Boolean).join('：'));
}

/** What a consistency finding is about, in the report's words: the quoted quantity ("村（居）" → "村（居）数量"). */
function topicOf(finding: Finding): string | null {
  if (finding.ruleId === 'consistency/headcount') return '编制人数';
  const quoted = /“([^”]{1,20})”/u.exec(finding.message)?.[1];
  if (!quoted) return null;
  return /数|率|额|人次$/u.test(quoted) ? quoted : `${quoted}数量`;
}

function dataShortfall(findings: readonly Finding[]): Shortfall {
  const count = countOf(findings, '处', '前后不一致的数据');
  const topics = [...new Set(findings.map(topicOf).filter((t): t is string => t !== null))];
  return {
    key: 'consistency',
    kind: 'data-consistency',
    indicator: null,
    title: '基础数据前后不一致',
    facts: findings.map(consistencyFact).join(''),
    cause: null,
    brief: `基础数据前后不一致（${count.shown}）`,
    computations: [count],
    lines: findings.flatMap((f) => [f.line, ...(f.related ?? []).map((r) => r.line)]),
    over: null,
    topics,
  };
}

/**
 * The shortfalls a 存在问题 section should name: every deducted indicator, then the contradictions the checks found
 * that are real problems of the department's management (unexplained unspent funds, inconsistent base data).
 */
export function findShortfalls(source: DraftSource): Shortfall[] {
  const deducted = queryOf(source.report).leaves().filter((n) => n.assessed && n.weight !== null && n.score !== null && n.score < n.weight);
  const shortfalls = deducted.map((n) => deductionShortfall(source, n));
  const carryOver = source.findings.find((f) => f.ruleId === 'consistency/rate-contradiction');
  const explained = carryOver && (carryOver.related ?? []).some((r) => UNSPENT_EXPLAINED.test(source.report.lines[r.line - 1] ?? ''));
  if (carryOver && !explained) shortfalls.push(carryOverShortfall(carryOver));
  const data = source.findings.filter((f) => f.ruleId === 'consistency/same-quantity' || f.ruleId === 'consistency/headcount');
  if (data.length > 0) shortfalls.push(dataShortfall(data));
  return shortfalls;
}
