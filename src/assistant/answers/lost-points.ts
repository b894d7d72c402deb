import type { Finding, IndicatorNode } from '../../model/index.js';
import { computeTotals } from '../../checks/summary.js';
import { resolveRubricRate } from '../../checks/rubric-rate.js';
import { dec, plain, sum } from '../../model/decimal.js';
import { countOf, differenceOf, percentOf, sumOf, type Computation } from '../../model/computation.js';
import { deductedLeaves, findingsAbout, rubricOf, type ReportContext } from '../report-context.js';
import { resolveIndicator } from '../indicator-lookup.js';
import { emptyAnswer, NO_REPORT_TEXT, pathText, toQuoted, type Answer, type AnswerContext } from './answer.js';
import { excerpt, guidePassages, rubricQuote } from './rubric-quote.js';
import { indicatorTruth, nodePlace } from '../../drafting/indicator-truth.js';
import { standardText } from '../../rubric/indicator-verdict.js';
import { belowFullMarks, proportionalOf, shortfallOf } from '../../rubric/deduction-reading.js';
import { placeOf } from '../../checks/format/place.js';
import { inReply } from './report-figures.js';
import { generalQuote, generalText, ruleText } from './general-text.js';
import { reportCitation } from './report-citation.js';
import { firstTime, LOCAL_RULES_NOTICE } from './notices.js';
import { queryOf } from '../../report/query/report-query.js';

/** Rule ids whose content the lost-points answer already states in its own words. */
const RESTATED = new Set(['score/deduction-explained', 'score/rubric-rule', 'formula/rubric-rate']);

export const ASK_FOR_LOCAL_RULES =
  '请提供当地财政局下发的评分细则（通常是开展部门整体支出绩效自评工作的通知所附的指标体系和评分标准），我可以据此核对这一扣分是否恰当。';

/** The recomputed rate of an indicator, from its own figures and the rubric's formula, as text + computations. */
export function recomputedRate(context: ReportContext, node: IndicatorNode): { text: string; computations: Computation[] } | null {
  const rubricIndicator = rubricOf(context, node);
  if (!rubricIndicator?.formula) return null;
  const rate = resolveRubricRate(context.report, node, rubricIndicator);
  if (!rate) return null;
  const { numerator, denominator } = rate;
  const unit = numerator.unit;
  const computed = percentOf({ value: numerator.value, unit }, { value: denominator.value, unit });
  if (!computed || rate.unit !== '%') return null;
  const computations = [computed];
  let text = `${rubricIndicator.formula.expression}，即 ${rate.formula}（第 ${numerator.line} 行）`;
  if (rate.exact.gt(100) && unit !== '' && unit !== '人') {
    const over = differenceOf({ value: numerator.value, unit }, { value: denominator.value, unit });
    computations.push(over);
    text += `，超出预算 ${over.shown}`;
  }
  return { text: `${text}。`, computations };
}

/**
 * What `check` reads into a deduction its verdict cannot compute (score/deduction-explained's note: "按比例计分：6 × 98% =
 * 5.88 分，与自评得分相符；…", "报告写明 98%，低于评分标准给满分的 100%；…", "实际完成值 … 未达到年度指标值 …"), as one
 * sentence of the answer with the finding's place; null when the check says nothing beyond "扣 N 分". The sentence is
 * made by the same functions the rule uses (rubric/deduction-reading.ts); the note the finding carries says which.
 */
export function checkReading(report: ReportContext, node: IndicatorNode): { text: string; finding: Finding } | null {
  const finding = findingsAbout(report, node).find((f) => f.ruleId === 'score/deduction-explained' && f.indicatorId === node.id && f.severity === 'info');
  if (!finding) return null;
  const rule = indicatorTruth(report, node).verdict.standard?.rule;
  const note = [belowFullMarks(node, rule), shortfallOf(node), proportionalOf(node)].find((n) => n !== '' && finding.message.includes(n));
  if (!note) return null;
  const said = generalText(note, report.report)
    .replace(/^按比例计分：/u, '按比例计分时 ')
    .replace(/；(?=报告没有写明计分方法)/u, '；但');
  return said === '' ? null : { text: `${said}（检查结果，${inReply(placeOf(finding), finding.line)}）。`, finding };
}

/** "…，应得 19 分，应得 19 分" said once. */
const once = (working: string) => working.replace(/(，应得 [\d.–]+ 分)\1/gu, '$1');

/** "扣分对" / "应为 N 分" / "无法判断" for one deduction: the check's finding first, else the shared verdict. */
export function verdictLines(context: AnswerContext, report: ReportContext, node: IndicatorNode, answer: Answer): string[] {
  const { verdict, scoreFinding, actual } = indicatorTruth(report, node);
  const lost = node.weight !== null && node.score !== null && dec(node.score).lt(node.weight);
  const lines: string[] = [];
  if (actual) {
    answer.citations.push(reportCitation(report, actual.line, actual.quote));
    lines.push(`- 报告写明的实际值：${actual.text}（${inReply(actual.place, actual.line)}，${actual.label}“${actual.quote}”）。`);
  }
  const standard = verdict.standard;
  if (standard && standard.source !== 'rubric' && standard.line !== null) answer.citations.push(reportCitation(report, standard.line, standard.text));
  const by = standard ? `按${generalText(standardText(standard), report.report)}` : '';
  if (scoreFinding) {
    answer.findings.push(scoreFinding);
    lines.push(`- 核对结论：${lost ? '扣分' : '得分'}不对，应得 ${scoreFinding.expected} 分（检查结果，${inReply(placeOf(scoreFinding), scoreFinding.line)}）：${generalText(scoreFinding.message, report.report)}`);
  } else if (verdict.kind === 'agrees') {
    lines.push(`- 核对结论：${lost ? '扣分' : '得分'}与评分标准相符。${by}：${once(verdict.working)}；自评 ${plain(verdict.stated)} 分与之一致。`);
  } else if (verdict.kind === 'should-be') {
    lines.push(`- 核对结论：${by}：${once(verdict.working)}；自评 ${plain(verdict.stated)} 分与之不一致，请核对。`);
  } else if (standard?.source === 'rubric' && verdict.missing === 'standard-not-computable') {
    // The rubric names the indicator but no local scoring method: say so, with the rubric's (general) note.
    const note = ruleText(standard.rule, report.report);
    const reading = checkReading(report, node);
    const unknown = reading ? `${reading.text}本地计分办法未知。` : `本地计分办法未知，无法判断这一${lost ? '扣分' : '得分'}是否恰当。`;
    if (reading) answer.findings.push(reading.finding);
    lines.push(`- 核对结论：${unknown}${note ? `评分细则里的说明：${note}` : ''}`);
    if (firstTime(context, answer, LOCAL_RULES_NOTICE)) lines.push(`- ${ASK_FOR_LOCAL_RULES}`);
  } else {
    const why = generalText(verdict.why, report.report);
    const ended = `${why}${/[。！？]$/u.test(why) ? '' : '。'}`;
    const reading = checkReading(report, node);
    if (reading) answer.findings.push(reading.finding);
    lines.push(reading
      ? `- 核对结论：${reading.text}${ended}`
      : `- 核对结论：无法判断这一${lost ? '扣分' : '得分'}是否恰当${by ? `（${by}）` : ''}：${ended}`);
    if (verdict.missing === 'no-standard' && firstTime(context, answer, LOCAL_RULES_NOTICE)) lines.push(`- ${ASK_FOR_LOCAL_RULES}`);
  }
  return lines;
}

async function explainOne(context: AnswerContext, report: ReportContext, node: IndicatorNode, index: number | null, answer: Answer): Promise<string> {
  const weight = node.weight!;
  const score = node.score!;
  const lost = differenceOf({ value: weight, unit: '分' }, { value: score, unit: '分' });
  answer.computations.push(lost);
  const path = pathText(node.path.slice(0, -1));
  const lines = [`**${index === null ? '' : `${index}. `}${node.name}**（${path ? `${path}，` : ''}${inReply(nodePlace(report.report, node), node.line)}）`];
  lines.push(`- 分值 ${weight} 分，自评 ${score} 分，扣 ${lost.shown}（${weight} → ${score} 分）。`);
  // The check decides whether the text after the score explains the deduction; the answer labels it the same way.
  const explained = findingsAbout(report, node).find((f) => f.ruleId === 'score/deduction-explained' && f.indicatorId === node.id);
  if (node.reason && explained?.severity === 'warning') lines.push(`- 报告的说明：“${node.reason}”，其中没有写明扣分原因，评审时容易被要求补充。`);
  else if (node.reason && checkReading(report, node)) lines.push(`- 报告的说明：“${node.reason}”`);
  else if (node.reason) lines.push(`- 报告写的扣分原因：“${node.reason}”`);
  // A row whose standard and stated value give the score explains its deduction without a 扣分原因 (得分 = 分值 × 执行率).
  else if (indicatorTruth(report, node).verdict.kind !== 'agrees') lines.push('- 报告没有写明扣分原因，评审时容易被要求补充。');
  lines.push(...verdictLines(context, report, node, answer));
  const rate = recomputedRate(report, node);
  if (rate) {
    answer.computations.push(...rate.computations);
    lines.push(`- 复核计算：${rate.text}`);
  }
  const rubricIndicator = rubricOf(report, node);
  if (rubricIndicator && !node.standard) answer.citations.push(generalQuote(rubricQuote(report.rubric, rubricIndicator), report.report));
  const guide = (await guidePassages(context, node.name, '扣分', 1, ['常见失分情形'], true))[0];
  if (guide) {
    const quoted = generalQuote(toQuoted({ ...guide, text: excerpt(guide.text, [], 200) }), report.report);
    if (quoted.quote !== '') {
      answer.citations.push(quoted);
      lines.push(`- 常见失分情形（${guide.title || guide.source}）：${quoted.quote.replace(/\n/gu, ' ')}`);
    }
  }
  const about = findingsAbout(report, node);
  for (const f of about) if (!answer.findings.includes(f)) answer.findings.push(f);
  const restated = indicatorTruth(report, node).scoreFinding; // already the 核对结论
  for (const f of about.filter((x) => !RESTATED.has(x.ruleId) && x.severity !== 'info' && x !== restated)) lines.push(`- 相关检查（${inReply(placeOf(f), f.line)}）：${generalText(f.message, report.report)}`);
  return lines.join('\n');
}

/** The amount a question names ("为什么扣了1分" → "1"), or null. */
function askedAmount(question: string): string | null {
  return /扣(?:了|掉)?\s*(\d+(?:\.\d+)?)\s*分/u.exec(question.normalize('NFKC'))?.[1] ?? null;
}

/** The deducted indicators a question names by amount (those that lost exactly that many points); all when none fits. */
function byAmount(question: string, deducted: readonly IndicatorNode[]): IndicatorNode[] {
  const amount = askedAmount(question);
  if (amount === null) return [...deducted];
  const fitting = deducted.filter((n) => dec(n.weight!).minus(n.score!).eq(dec(amount)));
  return fitting.length > 0 ? fitting : [...deducted];
}

/** "为什么扣了2分" / "哪些指标扣分了" / "政府采购执行率为什么是0分". */
export async function answerLostPoints(context: AnswerContext, indicator: string | null): Promise<Answer> {
  const report = context.report;
  if (!report) return emptyAnswer(NO_REPORT_TEXT, 'lost-points');
  const answer = emptyAnswer('', 'lost-points');
  const deducted = deductedLeaves(report);
  if (indicator) {
    const resolved = resolveIndicator(indicator, context.rubric, report);
    const node = resolved.node;
    if (!node) {
      answer.text = `报告里没有找到“${indicator}”这个指标。可以问“哪些指标扣分了”查看全部扣分项。`;
      return answer;
    }
    if (!deducted.includes(node)) {
      const head = node.assessed
        ? `“${node.name}”没有扣分：${node.weight === null ? '' : `分值 ${node.weight} 分，`}自评 ${node.score ?? '（未写明）'} 分（${inReply(nodePlace(report.report, node), node.line)}）。`
        : `“${node.name}”本项不考核（${inReply(nodePlace(report.report, node), node.line)}）：${node.notAssessedReason ?? ''}`;
      const verdict = node.assessed && node.score !== null && node.children.length === 0 ? verdictLines(context, report, node, answer) : [];
      answer.text = [head, ...verdict].join('\n');
      answer.memo.items = [node.name];
      return answer;
    }
    answer.text = await explainOne(context, report, node, null, answer);
    answer.memo.items = [node.name];
    return answer;
  }
  const totals = computeTotals(report.report);
  if (deducted.length === 0) {
    answer.text = `本报告所有考核指标都是满分，没有扣分。指标得分合计 ${plain(totals.leafScores)} 分。`;
    return answer;
  }
  const count = countOf(deducted, '个', '扣分指标');
  const lostTotal = sumOf(deducted.map((n) => sum([n.weight!]).minus(n.score!)), '分');
  answer.computations.push(count, lostTotal);
  const asked = byAmount(context.question, deducted);
  const header = [`本报告有 ${count.shown}指标扣分，合计扣 ${lostTotal.shown}`];
  if (asked.length < deducted.length) {
    const shown = countOf(asked, '个', '问到的扣分指标');
    answer.computations.push(shown);
    header.push(`；其中扣 ${plain(dec(asked[0]!.weight!).minus(asked[0]!.score!))} 分的是以下 ${shown.shown}`);
  } else if (askedAmount(context.question) !== null && deducted.every((n) => !dec(n.weight!).minus(n.score!).eq(dec(askedAmount(context.question)!)))) {
    header.push(`，没有正好扣 ${askedAmount(context.question)} 分的指标，以下是全部扣分`);
  }
  header.push('：');
  const parts: string[] = [];
  for (const [i, node] of asked.entries()) parts.push(await explainOne(context, report, node, asked.length === 1 ? null : i + 1, answer));
  const bonus = report.report.bonus;
  if (bonus) {
    const leafSum = sumOf(queryOf(report.report).leaves().filter((l) => l.assessed && l.score !== null).map((l) => l.score!), '分');
    const total = sumOf([totals.leafScores, totals.bonus], '分');
    answer.computations.push(leafSum, total);
    parts.push(`指标得分合计 ${leafSum.shown}，加减分项 ${plain(totals.bonus)} 分（第 ${bonus.line} 行），${total.expression}${totals.stated === null ? '' : `，与报告写的 ${totals.stated} 分${totals.computed.eq(totals.stated) ? '一致' : '不一致'}`}。`);
  }
  answer.text = [header.join(''), ...parts].join('\n\n');
  answer.memo.items = asked.map((n) => n.name);
  return answer;
}
