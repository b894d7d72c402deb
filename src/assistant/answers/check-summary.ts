import { countOf } from '../../model/computation.js';
import type { Finding } from '../../model/index.js';
import { emptyAnswer, NO_REPORT_TEXT, type Answer, type AnswerContext } from './answer.js';
import { generalText } from './general-text.js';

const LABEL: Record<Finding['severity'], string> = { error: '错误', warning: '警告', info: '提示' };
const SHOWN = 12;

/** "帮我检查一下": a short summary of the findings, most serious first, with line numbers. */
export function answerCheck(context: AnswerContext): Answer {
  const report = context.report;
  if (!report) return emptyAnswer(NO_REPORT_TEXT, 'check');
  const answer = emptyAnswer('', 'check');
  const findings = report.findings; // already most serious first
  const bySeverity = (s: Finding['severity']) => findings.filter((f) => f.severity === s);
  const total = countOf(findings, '条', '检查结果');
  const counts = (['error', 'warning', 'info'] as const).map((s) => {
    const c = countOf(bySeverity(s), '', LABEL[s]);
    answer.computations.push(c);
    return `${LABEL[s]} ${c.shown}`;
  });
  answer.computations.push(total);
  const lines = [`已检查“${report.report.title || report.name}”：共 ${total.shown}结果（${counts.join('，')}）。`];
  if (bySeverity('error').length === 0) lines.push('没有错误：各项得分、分值和总分能够对上。');
  const shown = findings.slice(0, SHOWN);
  shown.forEach((f, i) => lines.push(`${i + 1}. [${LABEL[f.severity]}] 第 ${f.line} 行：${generalText(f.message, report.report)}`));
  if (findings.length > shown.length) {
    const rest = countOf(findings.slice(SHOWN), '条', '未列出的检查结果');
    answer.computations.push(rest);
    lines.push(`另有 ${rest.shown}未列出，可用 selfeval check 查看全部。`);
  }
  lines.push('可以接着问“第几条是什么意思”，或输入 /draft 存在问题 起草存在问题。');
  answer.findings.push(...findings);
  answer.text = lines.join('\n');
  answer.memo.items = shown.map((f) => `finding:${f.ruleId}:${f.line}`);
  return answer;
}

/** Follow-up on one finding of a previous check ("那第二条呢"). */
export function answerFinding(context: AnswerContext, item: string): Answer {
  const answer = emptyAnswer('', 'check');
  const [, ruleId, line] = /^finding:(.+):(\d+)$/u.exec(item) ?? [];
  const finding = context.report?.findings.find((f) => f.ruleId === ruleId && String(f.line) === line);
  if (!finding) {
    answer.text = '上一轮的检查结果已经不在了（可能换了报告），请重新输入 /check。';
    return answer;
  }
  const lines = [`[${LABEL[finding.severity]}] 第 ${finding.line} 行：${generalText(finding.message, context.report?.report)}`];
  if (finding.formula) lines.push(`- 计算：${finding.formula}`);
  if (finding.expected) lines.push(`- 应为：${finding.expected}`);
  if (finding.actual) lines.push(`- 报告写的：${finding.actual}`);
  for (const r of finding.related ?? []) lines.push(`- 第 ${r.line} 行原文：${r.text}`);
  answer.findings.push(finding);
  answer.text = lines.join('\n');
  answer.memo.items = [item];
  return answer;
}
