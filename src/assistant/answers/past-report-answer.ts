import { differenceOf } from '../../model/computation.js';
import { normalizeIndicatorName } from '../../rubric/normalize-indicator-name.js';
import { emptyAnswer, type Answer, type AnswerContext } from './answer.js';
import type { PastIndicatorFacts, PastReportInfo, PastReportPort } from './past-report-port.js';
import { recognizePastReportQuestion, type PastReportQuestion } from './past-report-question.js';
import { answerPeers } from './past-report-peers.js';
import { answerRanking } from './past-report-ranking.js';
import { queryOf } from '../../report/query/report-query.js';

/**
 * Questions about past reports in the knowledge base, answered from their structured rows (migration 008): a past
 * year's score, the change from last year, peers' wording, a year's deductions. Null when the turn asks something
 * else or no knowledge base with past reports is at hand; the caller then answers as before.
 */
export async function answerPastReport(context: AnswerContext): Promise<Answer | null> {
  const past = context.knowledge?.past;
  if (!past) return null;
  const question = await recognizePastReportQuestion(context, past);
  if (!question) return null;
  const answer = await answerKind(context, past, question);
  answer.computations.push(...question.computations);
  return answer;
}

async function answerKind(context: AnswerContext, past: PastReportPort, question: PastReportQuestion): Promise<Answer> {
  switch (question.kind) {
    case 'score':
      return answerPastScore(context, past, question);
    case 'change':
      return answerChange(context, past, question);
    case 'peers':
      return answerPeers(context, past, question);
    case 'ranking':
      return answerRanking(context, past, question);
  }
}

const MAX_QUOTE = 160;

export function quoteOf(text: string): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return flat.length > MAX_QUOTE ? `${flat.slice(0, MAX_QUOTE)}…` : flat;
}

/** 「乐昌市财政局 2024 年度报告（乐昌2024.txt）」 */
export function reportName(report: Pick<PastReportInfo, 'department' | 'year' | 'source'>): string {
  return `${report.department ?? '（未写单位）'}${report.year !== null ? ` ${report.year} 年度` : ''}报告（${report.source}）`;
}

/** The stored indicator row as a passage the guard can trace its numbers to, and its citation. */
export function citeIndicator(answer: Answer, row: PastIndicatorFacts): void {
  const label = `${row.source} 第 ${row.line} 行`;
  answer.quoted.push({ text: `${row.path.join(' › ')} 分值 ${row.weight ?? '未写'} 分 自评得分 ${row.score ?? '未写'} 分`, label });
  const said = explanationOf(row);
  answer.citations.push({ source: row.source, quote: said ? quoteOf(said) : `${row.name} 自评 ${row.score ?? '未写'} 分`, line: row.scoreLine ?? row.line });
}

const STANDARD_SENTENCE = /^(?:评分标准|评分依据|计分方法|评分办法)[:：]|得满分|不得分[。；]?$/u;

/**
 * What the report wrote about an indicator, for quoting: its own explanation of lost points when it is more than
 * "扣2分", else the evidence without the sentences that restate the 评分标准.
 */
export function explanationOf(row: Pick<PastIndicatorFacts, 'reason' | 'evidence'>): string | null {
  if (row.reason && row.reason.replace(/[扣得分\d.，。、\s]/gu, '').length >= 6) return row.reason;
  if (!row.evidence) return row.reason;
  const sentences = row.evidence.split(/(?<=[。；;])/u).filter((x) => x.trim() !== '' && !STANDARD_SENTENCE.test(x.trim()));
  return sentences.length > 0 ? sentences.join('') : row.evidence;
}

/** "知识库里没有 X 年的报告；有的年度：…" — which years the knowledge base holds for the department. */
async function whichYears(context: AnswerContext, past: PastReportPort, question: PastReportQuestion): Promise<string> {
  if (!question.department) {
    const departments = await past.departments(context.scope);
    if (departments.length === 0) return `知识库（范围“${context.scope}”）里还没有导入往年报告。用 selfeval ingest 报告文件 --scope ${context.scope} 导入后再问。`;
    const held = `知识库（范围“${context.scope}”）里有 ${departments.slice(0, 5).join('、')}${departments.length > 5 ? ' 等单位' : ''}的报告`;
    return `${held}，没有问题中这个单位的报告。请写出知识库里有的单位名称，或先导入该单位的报告（selfeval ingest 报告文件 --scope ${context.scope}）。`;
  }
  const held = await past.reports({ scope: context.scope, department: question.department });
  const years = [...new Set(held.map((r) => r.year).filter((y): y is number => y !== null))].sort();
  const wanted = question.year !== null ? `${question.year} 年度` : '这一年度';
  return held.length === 0
    ? `知识库（范围“${context.scope}”）里没有${question.department}的报告。`
    : `知识库（范围“${context.scope}”）里没有${question.department}${wanted}的报告；有的年度：${years.map((y) => `${y} 年`).join('、')}（${held.map((r) => r.source).join('、')}）。`;
}

function yearNote(question: PastReportQuestion, base: number | null): string {
  if (question.yearFrom !== 'store' || question.year === null || base === null) return '';
  return `（没有加载今年的报告：按知识库里该单位最新的 ${base} 年度报告推算年度）`;
}

async function answerPastScore(context: AnswerContext, past: PastReportPort, question: PastReportQuestion): Promise<Answer> {
  const answer = emptyAnswer('', 'past-report-score');
  const reports = question.department && question.year !== null ? await past.reports({ scope: context.scope, department: question.department, year: question.year }) : [];
  const report = reports[0];
  if (!report) {
    answer.text = await whichYears(context, past, question);
    return answer;
  }
  const lines: string[] = [];
  if (!question.indicator) {
    answer.quoted.push({ text: `${report.title} 自评得分 ${report.statedTotal ?? '未写'} 分 按各项计算 ${report.computedTotal} 分`, label: `${report.source} 第 ${report.statedLine ?? 1} 行` });
    lines.push(`${reportName(report)}：自评总分 ${report.statedTotal ?? '（报告没有写明）'}${report.statedTotal !== null ? ' 分' : ''}` +
      `${report.statedLine !== null ? `（第 ${report.statedLine} 行）` : ''}，按各项得分计算为 ${report.computedTotal} 分。`);
    answer.citations.push({ source: report.source, quote: `${report.title} 自评得分 ${report.statedTotal ?? '未写'} 分`, ...(report.statedLine !== null ? { line: report.statedLine } : {}) });
  } else {
    const [row] = await past.indicators({ scope: context.scope, department: question.department!, year: question.year!, name: question.indicator, limit: 1 });
    if (!row) {
      answer.text = `${reportName(report)}里没有“${question.indicator}”这一指标的得分。`;
      return answer;
    }
    citeIndicator(answer, row);
    const score = row.score === null ? '（报告没有写得分）' : `${row.score}/${row.weight ?? '?'} 分`;
    lines.push(`${reportName(report)}：“${row.name}”得 ${score}（第 ${row.scoreLine ?? row.line} 行）。`);
    if (row.weight !== null && row.score !== null && row.score < row.weight) {
      const lost = differenceOf({ value: row.weight, unit: '分' }, { value: row.score, unit: '分' });
      answer.computations.push(lost);
      const said = explanationOf(row);
      lines.push(`扣 ${lost.shown}。${said ? `报告的说明：${quoteOf(said)}` : ''}`);
    }
    if (!row.assessed) lines.push('报告写明本项不考核。');
    answer.memo.topic = row.name;
    answer.memo.items = [row.name];
  }
  const note = yearNote(question, question.year);
  answer.text = `${lines.join('\n')}${note ? `\n${note}` : ''}`;
  return answer;
}

const same = (a: string, b: string) => normalizeIndicatorName(a).some((k) => normalizeIndicatorName(b).includes(k));

/** "比去年多扣了几分": this year's deductions (the loaded report) beside last year's (the knowledge base), per indicator. */
async function answerChange(context: AnswerContext, past: PastReportPort, question: PastReportQuestion): Promise<Answer> {
  const answer = emptyAnswer('', 'past-report-change');
  const loaded = context.report?.report ?? null;
  const thisYear = question.year;
  if (thisYear === null || !question.department) {
    answer.text = await whichYears(context, past, question);
    return answer;
  }
  const previous = thisYear - 1; // recorded with the question's computations
  const [before] = await past.reports({ scope: context.scope, department: question.department, year: previous });
  if (!before) {
    answer.text = await whichYears(context, past, { ...question, year: previous });
    return answer;
  }
  // This year: the loaded report when it is the department's, else this year's report in the knowledge base.
  const useLoaded = loaded !== null && loaded.year === thisYear && !question.named;
  const now = useLoaded ? null : (await past.reports({ scope: context.scope, department: question.department, year: thisYear }))[0];
  if (!useLoaded && !now) {
    answer.text = await whichYears(context, past, question);
    return answer;
  }
  type Scored = { name: string; weight: number | null; score: number | null; where: string; row?: PastIndicatorFacts };
  const atRow = (row: PastIndicatorFacts): Scored => ({ ...row, where: `${row.source} 第 ${row.scoreLine ?? row.line} 行`, row });
  const current: Scored[] = useLoaded
    ? queryOf(loaded!).leaves().filter((n) => n.assessed).map((n) => ({ name: n.name, weight: n.weight, score: n.score, where: `第 ${n.scoreLine ?? n.line} 行` }))
    : (await past.indicators({ scope: context.scope, department: question.department, year: thisYear, limit: 500 })).map(atRow);
  const earlier = await past.indicators({ scope: context.scope, department: question.department, year: previous, limit: 500 });
  const lines = [`${question.department} ${thisYear} 年度与 ${previous} 年度（${before.source}）的扣分对比：`];
  let compared = 0;
  for (const last of earlier) {
    if (question.indicator && !same(last.name, question.indicator)) continue;
    const mine = current.find((c) => same(c.name, last.name));
    if (!mine || mine.weight === null || mine.score === null || last.weight === null || last.score === null) continue;
    const lostNow = differenceOf({ value: mine.weight, unit: '分' }, { value: mine.score, unit: '分' });
    const lostThen = differenceOf({ value: last.weight, unit: '分' }, { value: last.score, unit: '分' });
    const change = differenceOf({ value: lostNow.result, unit: '分' }, { value: lostThen.result, unit: '分' });
    if (change.result === '0' && !question.indicator) continue;
    answer.computations.push(lostNow, lostThen, change);
    citeIndicator(answer, last);
    if (mine.row) citeIndicator(answer, mine.row);
    compared += 1;
    const verdict = change.result === '0' ? '扣分相同' : change.result.startsWith('-') ? `少扣 ${change.shown.replace('-', '')}` : `多扣 ${change.shown}`;
    lines.push(`- ${last.name}：今年 ${mine.score}/${mine.weight} 分，扣 ${lostNow.shown}（${mine.where}）；${previous} 年 ${last.score}/${last.weight} 分，扣 ${lostThen.shown}（${last.source} 第 ${last.scoreLine ?? last.line} 行）；${verdict}。`);
    answer.memo.items.push(last.name);
  }
  if (compared === 0) lines.push(question.indicator ? `- 两份报告里没有都找到“${question.indicator}”的得分。` : '- 各项扣分与上年相同。');
  answer.text = lines.join('\n');
  return answer;
}
