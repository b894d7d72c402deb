import type { ReportContext } from '../report-context.js';
import { queryOf } from '../../report/query/report-query.js';

/** The loaded report in a few lines for the system prompt: enough to pick tools, not a substitute for them. */
export function reportSummary(context: ReportContext | null): string {
  if (!context) return '（没有加载报告。涉及报告的问题请让用户先加载报告。）';
  const { report } = context;
  const leaves = queryOf(report).leaves().map(
    (n) => `- ${n.path.join(' › ')}：分值 ${n.weight ?? '未写'}，${n.assessed ? `自评 ${n.score ?? '未写'}` : '不考核'}（第 ${n.line} 行）`,
  );
  return [
    `标题：${report.title}；部门：${report.department ?? '未写'}；年度：${report.year ?? '未写'}；文件：${context.name}`,
    `报告写的总分：${report.statedTotals.map((t) => `${t.value} 分（第 ${t.line} 行）`).join('、') || '未写'}；加减分：${report.bonus ? `${report.bonus.score} 分（第 ${report.bonus.line} 行）` : '无'}`,
    '考核指标：',
    ...leaves,
  ].join('\n');
}
