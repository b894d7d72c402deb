import type { Finding, IndicatorNode } from '../model/index.js';
import { resolveRubricRate, statedRateOf } from '../checks/rubric-rate.js';
import { coreSubject } from '../report/figure-words.js';
import { countOf, differenceOf, percentOf, type Computation } from '../model/computation.js';
import type { DraftSource } from './draft-source.js';
import { causeOf, sentence } from './house-style.js';
import { indicatorTruth } from './indicator-truth.js';
import { queryOf } from '../report/query/report-query.js';
import { causeClauses, ownCauses, ownMeasures, quoted, reportRemarks, sameCause, type Quote } from './report-remarks.js';

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
  value?: string; // the clause that states it ("结转结余率为6%", "实际完成值为 98%")
  causes?: Quote[]; // the report's own causes, in its words, each with its line (none: the report states none)
  measures?: Quote[]; // the report's own 改进措施 for this indicator, each with its line
  topics?: string[]; // what the data-consistency findings are about, in the report's words ("村（居）数量", "编制人数")
}

/** Rates where less is better: a deduction means the rate is too high. */
const LOWER_IS_BETTER = /结转结余|结余率|控制率|变动率|调整率/u;

/** A name that measures a rate or degree ("执行率", "满意度", "保证率"): it can be 偏低 or 偏高; other names cannot. */
const RATE_NAME = /(?:率|度|比例|比率|指数)$/u;

/** Does the report say where unspent money went (returned to the treasury, carried over, budget cut)? */
const UNSPENT_EXPLAINED = /收回|结转下年|结转至下年|调减|核减|不形成结转/u;

/** The sentences of an indicator's text that state its deduction ("1台设备未及时入账，扣1分。"), not its standard. */
function deductionSentences(evidence: string): string {
  return evidence
    .split(/[。\n]/u)
    .filter((t) => /扣\s*[\d.]+\s*分/u.test(t) && !/评分标准|计分标准|每(?:低|降低|减少|超过|增加|超|高)|扣完为止|[“"][^”"]*扣/u.test(t))
    .join('。');
}

/**
 * "<指标>分值 W 分，自评 S 分，扣 D 分", each figure beside the indicator's name, so that a reader (and the number guard)
 * finds it on the indicator's own row. After a value of the row the weight comes first; without one the score leads
 * (an indicator's score is less often equal to a neighbouring row's figures than its weight).
 */
function scoreClause(node: IndicatorNode, lost: string, afterValue: boolean): string {
  return afterValue
    ? `${node.name}分值 ${node.weight} 分，自评 ${node.score} 分，扣 ${lost}`
    : `${node.name}自评 ${node.score} 分，分值 ${node.weight} 分，扣 ${lost}`;
}

function deductionShortfall(source: DraftSource, node: IndicatorNode, own: { causes: Quote[]; measures: Quote[] }): Shortfall {
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
    } else if (rate.exact.lt(100) && RATE_NAME.test(node.name)) {
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
      brief = `${coreSubject(stated.subject)} ${stated.value}${stated.unit}`;
      value = `${stated.value}${stated.unit}`;
      if (RATE_NAME.test(node.name) && LOWER_IS_BETTER.test(node.name)) title = `${node.name}偏高`;
      else if (RATE_NAME.test(node.name) && stated.unit === '%' && Number(stated.value) < 100) title = `${node.name}偏低`;
    }
  }
  // A table row states its value in its own cells (实际完成值, 扣分原因): say it in the report's words.
  const actual = figures ? null : truth.actual;
  const causes: Quote[] = [];
  let reasonStatesIt = false;
  if (actual) {
    lines.push(actual.line);
    reasonStatesIt = node.reason !== null && actual.quote === node.reason;
    const label = actual.label === '扣分原因' || actual.label === '说明' || node.name.endsWith(actual.label) ? '' : actual.label;
    // A short 实际完成值 cell is the value as written ("2024年12月中旬", not the year read from it).
    const text = actual.label === '实际完成值' && actual.quote.length <= 20 && actual.quote.includes(actual.text.replace(/%$/u, '')) ? actual.quote : actual.text;
    // A 扣分原因 cell stating the value: its clauses that state figures (its causes are quoted below).
    const stated = reasonStatesIt ? stripEnd(node.reason!).split(/[，,；;]/u).filter((c) => /\d/u.test(c) && causeClauses(c) === null).join('，') : '';
    figures = stated !== '' ? stated : `${node.name}${label}为 ${text}`;
    brief = stated !== '' ? stated : `${node.name} ${text}`;
    value = text;
    if (/%$/u.test(actual.text) && RATE_NAME.test(node.name)) title = LOWER_IS_BETTER.test(node.name) ? `${node.name}偏高` : `${node.name}偏低`;
  }
  // No value read for the indicator: the clauses of its explanation that state figures ("预算执行率为96%，未达到98%的序时进度要求").
  if (!figures) {
    const text = node.reason && /\d/u.test(node.reason) ? node.reason : deductionSentences(node.evidence);
    const stated = stripEnd(text.normalize('NFKC')).split(/[，,；;。]/u).map((c) => c.trim())
      .filter((c) => /\d/u.test(c) && causeClauses(c) === null && !/^扣\s*[\d.]+\s*分$|满分|计分|[“”]/u.test(c));
    if (stated.length > 0) figures = stated.join('，');
  }
  // The report's cause in its words: 主要是/由于… of the explanation, else its clauses that state a cause (never a
  // sentence of figures or of the standard), then what its 存在问题/偏差原因 passages say of this indicator.
  const reasonLine = node.scoreLine ?? node.evidenceLines?.[0] ?? node.line;
  const main = causeOf(node.reason);
  const clauses = main ? stripEnd(main) : causeClauses(node.reason) ?? causeClauses(deductionSentences(node.evidence));
  if (clauses) causes.push({ text: clauses, line: reasonLine });
  for (const q of own.causes) if (!causes.some((c) => sameCause(c.text, q.text))) causes.push(q);
  lines.push(...causes.map((c) => c.line), ...own.measures.map((m) => m.line));
  const others = main ? causes.slice(1) : causes;
  const quotes = others.map((c) => quoted(c.text)).join('；');
  const cause = main
    ? `${main}${quotes ? sentence(`报告还写明：${quotes}`) : ''}`
    : quotes ? sentence(`扣分原因：${quotes}`) : figures ? '报告写明了数值，未写明造成差距的原因。' : '报告未写明扣分原因。';
  // The check says the stated score is wrong: the draft says what it should be rather than repeat it as a fact.
  const correction = truth.scoreFinding?.expected ? `（按评分标准应得 ${truth.scoreFinding.expected} 分，自评得分需更正）` : '';
  return {
    key: rubric?.id ?? node.id,
    kind: 'deduction',
    indicator: node.name,
    title,
    facts: sentence(`${figures ? `${figures}，${scoreClause(node, lost.shown, true)}` : scoreClause(node, lost.shown, false)}${correction}`),
    cause,
    brief: brief ? `${title}（${brief}）` : title,
    computations,
    lines: [...new Set(lines)],
    over,
    ...(value ? { actual: value } : {}),
    ...(figures ? { value: figures } : {}),
    causes,
    measures: own.measures,
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
  const remarks = reportRemarks(source.report);
  const causesBy = ownCauses(remarks, deducted);
  const measuresBy = ownMeasures(remarks, deducted, (n) => [n.reason ?? '', ...(causesBy.get(n.id) ?? []).map((q) => q.text)].join(' '));
  const shortfalls = deducted.map((n) => deductionShortfall(source, n, { causes: causesBy.get(n.id) ?? [], measures: measuresBy.get(n.id) ?? [] }));
  const carryOver = source.findings.find((f) => f.ruleId === 'consistency/rate-contradiction');
  const explained = carryOver && (carryOver.related ?? []).some((r) => UNSPENT_EXPLAINED.test(source.report.lines[r.line - 1] ?? ''));
  if (carryOver && !explained) shortfalls.push(carryOverShortfall(carryOver));
  const data = source.findings.filter((f) => f.ruleId === 'consistency/same-quantity' || f.ruleId === 'consistency/headcount');
  if (data.length > 0) shortfalls.push(dataShortfall(data));
  return shortfalls;
}
