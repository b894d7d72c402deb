import { sumOf, type Computation } from '../../model/computation.js';
import { emptyAnswer, type Answer, type AnswerContext } from './answer.js';
import type { PastReportPort } from './past-report-port.js';
import type { PastReportQuestion } from './past-report-question.js';

const LISTED = 10;

function count(value: number, unit: string, what: string): Computation {
  return { expression: `${what}：共 ${value} ${unit}`, result: String(value), unit, shown: `${value} ${unit}` };
}

/**
 * "今年各单位哪些指标扣分最多": over the reports of one year in the reviewer's scope, how many reports lost points
 * on each indicator and how many points, with example reports for each; the counts add up (reports with and without
 * deductions = reports; Σ per-indicator counts = deductions counted).
 */
export async function answerRanking(context: AnswerContext, past: PastReportPort, question: PastReportQuestion): Promise<Answer> {
  const answer = emptyAnswer('', 'past-report-ranking');
  if (question.year === null) {
    answer.text = `知识库（范围“${context.scope}”）里还没有可以汇总的报告（或报告没有写明年度）。请在问题里写明年度，例如“2024年各单位哪些指标扣分最多”。`;
    return answer;
  }
  const totals = await past.deductions({ scope: context.scope, year: question.year, examples: 2 });
  if (totals.reports === 0) {
    const years = [...new Set((await past.reports({ scope: context.scope })).map((r) => r.year).filter((y): y is number => y !== null))].sort();
    answer.text = `知识库（范围“${context.scope}”）里没有 ${question.year} 年度的报告${years.length > 0 ? `；有的年度：${years.map((y) => `${y} 年`).join('、')}` : ''}。`;
    return answer;
  }
  const without = totals.reports - totals.withDeductions;
  answer.computations.push(
    count(totals.reports, '份', `${question.year} 年度报告数`),
    count(totals.withDeductions, '份', '有扣分的报告'),
    count(without, '份', '没有扣分的报告'),
    sumOf([totals.withDeductions, without], '份'),
  );
  const lines = [
    `${question.year} 年度，范围“${context.scope}”内共有 ${totals.reports} 份报告：${totals.withDeductions} 份有扣分，${without} 份没有扣分（${totals.withDeductions} + ${without} = ${totals.reports}）。`,
  ];
  if (totals.rows.length > 0) lines.push('按扣分的报告数排列（每项注明扣分合计和例子，括号内为报告文件和行号）：');
  for (const [index, row] of totals.rows.slice(0, LISTED).entries()) {
    answer.computations.push(count(row.reports, '份', `${row.name} 扣分的报告`), { expression: `${row.name} 扣分合计`, result: row.points, unit: '分', shown: `${row.points} 分` });
    const examples = row.examples.map((e) => {
      answer.citations.push({ source: e.source, quote: `${row.name} 分值 ${e.weight} 分，自评 ${e.score} 分`, line: e.line });
      return `${e.department ?? '（未写单位）'} ${e.score}/${e.weight} 分，${e.source} 第 ${e.line} 行`;
    });
    lines.push(`${index + 1}. ${row.name}：${row.reports} 份报告扣分，合计扣 ${row.points} 分（例：${examples.join('；')}）`);
    answer.memo.items.push(row.name);
  }
  const rest = totals.rows.slice(LISTED);
  if (rest.length > 0) {
    const restCount = rest.reduce((n, r) => n + r.reports, 0);
    answer.computations.push(count(rest.length, '项', '其余指标'), count(restCount, '次', '其余指标的扣分次数'));
    lines.push(`其余 ${rest.length} 项指标共扣分 ${restCount} 次。`);
  }
  const instances = totals.rows.map((r) => r.reports);
  if (instances.length > 0) {
    const sum = sumOf(instances, '次');
    answer.computations.push(sum);
    lines.push(`各指标的扣分报告数合计 ${sum.shown}（一份报告可能在几项指标扣分，所以这一合计不少于有扣分的 ${totals.withDeductions} 份）。`);
  }
  answer.text = lines.join('\n');
  return answer;
}
