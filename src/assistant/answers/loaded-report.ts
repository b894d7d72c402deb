import { countOf } from '../../model/computation.js';
import type { ReportContext } from '../report-context.js';
import { emptyAnswer, type Answer } from './answer.js';
import { queryOf } from '../../report/query/report-query.js';

/** What the user sees right after loading a report: what was read and what the checks say, in two lines. */
export function answerLoaded(context: ReportContext): Answer {
  const answer = emptyAnswer('', 'load');
  const { report, findings } = context;
  const leaves = queryOf(report).leaves();
  const assessed = countOf(leaves.filter((l) => l.assessed), '个', '考核指标');
  const notAssessed = countOf(leaves.filter((l) => !l.assessed), '个', '不考核指标');
  const counts = (['error', 'warning', 'info'] as const).map((s) => countOf(findings.filter((f) => f.severity === s), '条', s));
  answer.computations.push(assessed, notAssessed, ...counts);
  const who = [report.department, report.year ? `${report.year} 年度` : null].filter(Boolean).join('，');
  const total = report.statedTotals[0];
  answer.text = [
    `已加载“${context.name}”${who ? `（${who}）` : ''}：${assessed.shown}考核指标${notAssessed.result === '0' ? '' : `，另有 ${notAssessed.shown}不考核`}${total ? `，报告写的自评总分 ${total.value} 分` : ''}。`,
    `检查结果：错误 ${counts[0]!.shown}，警告 ${counts[1]!.shown}，提示 ${counts[2]!.shown}。可以问“为什么扣分了”“总分对吗”，或输入 /check、/draft 存在问题。`,
  ].join('\n');
  return answer;
}
