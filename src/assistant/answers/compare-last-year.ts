import { differenceOf } from '../../model/computation.js';
import { normalizeIndicatorName } from '../../rubric/normalize-indicator-name.js';
import type { PastIndicator } from '../knowledge-port.js';
import { emptyAnswer, NO_REPORT_TEXT, toQuoted, type Answer, type AnswerContext } from './answer.js';
import { queryOf } from '../../report/query/report-query.js';

const same = (a: string, b: string) => normalizeIndicatorName(a).some((k) => normalizeIndicatorName(b).includes(k));

/**
 * "和上年比怎么样": scores of the same indicators in last year's report of the same department (when one is in the
 * knowledge base), and the 上年 figures this year's report quotes, set beside what the knowledge base holds.
 */
export async function answerCompare(context: AnswerContext, indicator: string | null): Promise<Answer> {
  const report = context.report;
  if (!report) return emptyAnswer(NO_REPORT_TEXT, 'compare-last-year');
  const answer = emptyAnswer('', 'compare-last-year');
  const { department, year } = report.report;
  if (year === null) {
    answer.text = '报告里没有写明年度，无法确定“上年”是哪一年。';
    return answer;
  }
  const previousYear = differenceOf({ value: year, unit: '年' }, { value: 1 });
  answer.computations.push(previousYear);
  const lines: string[] = [];
  const leaves = queryOf(report.report).leaves().filter((n) => !indicator || same(n.name, indicator));
  const knowledge = context.knowledge;
  const past: PastIndicator[] = [];
  if (knowledge?.findIndicators) {
    for (const leaf of leaves) {
      const found = await knowledge.findIndicators({ scope: context.scope, ...(department ? { department } : {}), year: year - 1, name: leaf.name });
      const exact = found.find((p) => same(p.name, leaf.name));
      if (exact) past.push(exact);
    }
  }
  if (past.length === 0) {
    lines.push(
      `知识库里没有找到${department ?? '本部门'} ${previousYear.shown}度的自评报告，无法逐项对比。` +
        '把上年报告导入知识库（selfeval ingest 上年报告文件 --scope 本部门范围，或在聊天中发送文件）后再问。',
    );
  } else {
    lines.push(`与${department ?? '本部门'} ${previousYear.shown}度报告（${past[0]!.source}）对比：`);
    for (const node of leaves) {
      const before = past.find((p) => same(p.name, node.name));
      if (!before || before.score === null || node.score === null) continue;
      const change = differenceOf({ value: node.score, unit: '分' }, { value: before.score, unit: '分' });
      answer.computations.push(change);
      if (change.result !== '0' || indicator) {
        lines.push(`- ${node.name}：上年 ${before.score} 分（${before.source} 第 ${before.line} 行），今年 ${node.score} 分（第 ${node.scoreLine ?? node.line} 行）`);
        answer.citations.push({ source: before.source, quote: `${before.name} 自评 ${before.score} 分`, line: before.line });
      }
    }
    if (lines.length === 1) lines.push('- 各指标得分与上年相同。');
  }
  const quoted = report.report.figures.filter((f) => /上年/u.test(f.subject));
  if (quoted.length > 0 && context.knowledge) {
    lines.push('今年报告引用的上年数字：');
    for (const f of quoted) {
      const subject = f.subject.replace(/上年(?:度)?/u, '');
      const { results } = await context.knowledge.search(`${previousYear.shown}度 ${subject}`, { scope: context.scope, k: 3 });
      const match = results.find((r) => r.text.includes(f.value));
      if (match) {
        answer.citations.push(toQuoted(match));
        lines.push(`- ${f.subject} ${f.value} ${f.unit}（第 ${f.line} 行）：与知识库中 ${match.source} 的数字一致。`);
      } else {
        lines.push(`- ${f.subject} ${f.value} ${f.unit}（第 ${f.line} 行）：知识库中没有找到可以核对的上年数字。`);
      }
    }
  }
  answer.text = lines.join('\n');
  return answer;
}
