import { emptyAnswer, type Answer, type AnswerContext } from './answer.js';
import type { PastReportPort } from './past-report-port.js';
import type { PastReportQuestion } from './past-report-question.js';
import { citeIndicator, explanationOf, quoteOf } from './past-report-answer.js';

const PEERS_SHOWN = 3;
/** The question is about a shortfall ("超预算是怎么写的", "扣分的怎么写"): show peers that lost points first. */
const ABOUT_SHORTFALL = /扣分|扣了|失分|超(?:预算|支|出)|未达|没(?:有)?达|没完成|未完成|不足|偏[高低]|滞后/u;

/**
 * "别的单位这项是怎么写的": what other departments' reports wrote for the same indicator, quoted with report,
 * department, year and line. Leaves out the department asked from (the loaded report's or the one named).
 */
export async function answerPeers(context: AnswerContext, past: PastReportPort, question: PastReportQuestion): Promise<Answer> {
  const answer = emptyAnswer('', 'past-report-peers');
  if (!question.indicator) {
    answer.text = '想看别的单位哪一项的写法？请写出指标名称，例如“别的单位政府采购执行率是怎么写的”。';
    return answer;
  }
  const shortfall = ABOUT_SHORTFALL.test(context.question);
  const rows = await past.indicators({
    scope: context.scope, name: question.indicator, ...(question.department ? { otherThan: question.department } : {}), deducted: shortfall, limit: 50,
  });
  // One example per department, the newest first (rows come deducted-first when asked, then newest year first).
  const seen = new Set<string>();
  const picked = rows.filter((row) => {
    const key = row.department ?? row.source;
    if (seen.has(key) || !explanationOf(row)) return false;
    seen.add(key);
    return true;
  }).slice(0, PEERS_SHOWN);
  if (picked.length === 0) {
    answer.text = `知识库（范围“${context.scope}”）里没有${question.department ? `${question.department}以外的` : ''}单位${shortfall ? '在' : '写'}“${question.indicator}”${shortfall ? '扣分的报告' : '的报告'}。`;
    return answer;
  }
  const lines = [`别的单位的报告中“${question.indicator}”的写法${shortfall ? '（扣分的）' : ''}：`];
  for (const row of picked) {
    citeIndicator(answer, row);
    const score = row.score !== null && row.weight !== null ? `，${row.score}/${row.weight} 分` : '';
    lines.push(`- ${row.department ?? '（未写单位）'}${row.year !== null ? ` ${row.year} 年度` : ''}（${row.source} 第 ${row.scoreLine ?? row.line} 行${score}）：“${quoteOf(explanationOf(row) ?? '')}”`);
  }
  answer.memo.topic = question.indicator;
  answer.memo.items = [question.indicator];
  answer.text = lines.join('\n');
  return answer;
}
