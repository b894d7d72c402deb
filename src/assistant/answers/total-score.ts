import { computeTotals } from '../../checks/summary.js';
import { sumOf } from '../../model/computation.js';
import { extractNumbers } from '../guard/extract-numbers.js';
import { emptyAnswer, NO_REPORT_TEXT, type Answer, type AnswerContext } from './answer.js';
import { queryOf } from '../../report/query/report-query.js';

const TOTAL_RULES = new Set(['score/total-matches', 'score/parent-score', 'score/weights-sum', 'score/within-weight']);

/** "总分99分对吗": the breakdown by block, the sum, and every finding against the totals. */
export function answerTotal(context: AnswerContext): Answer {
  const report = context.report;
  if (!report) return emptyAnswer(NO_REPORT_TEXT, 'total');
  const answer = emptyAnswer('', 'total');
  const totals = computeTotals(report.report);
  const stated = report.report.statedTotals[0];
  const lines: string[] = [];
  lines.push(stated ? `报告写的自评总分是 ${stated.value} 分（第 ${stated.line} 行）。按指标逐项相加：` : '报告里没有找到写明的自评总分。按指标逐项相加：');
  const q = queryOf(report.report);
  const blockScores = report.report.indicators.map((block) => {
    const under = q.leaves().filter((l) => q.ancestorsOf(l).includes(block));
    const leaves = under.filter((l) => l.assessed && l.score !== null);
    const sum = sumOf(leaves.map((l) => l.score!), '分');
    answer.computations.push(sum);
    const notAssessed = under.filter((l) => !l.assessed);
    const note = notAssessed.length > 0 ? `；${notAssessed.map((l) => `“${l.name}”不考核`).join('、')}` : '';
    lines.push(`- ${block.name}：${sum.shown}${block.weight === null ? '' : `（分值 ${block.weight} 分）`}${note}`);
    return sum.result;
  });
  const bonus = report.report.bonus;
  if (bonus) lines.push(`- 加减分项：${bonus.score} 分（第 ${bonus.line} 行）`);
  const total = sumOf([...blockScores, ...(bonus ? [String(bonus.score)] : [])], '分');
  answer.computations.push(total);
  const verdict =
    totals.stated === null
      ? `合计 ${total.expression}。`
      : totals.computed.eq(totals.stated)
        ? `合计 ${total.expression}，与报告写的 ${totals.stated} 分一致。`
        : `合计 ${total.expression}，与报告写的 ${totals.stated} 分不一致，请核对各项得分。`;
  lines.push(verdict);
  const asked = extractNumbers(context.question).find((m) => m.unit === '分' || m.unit === '');
  if (asked && totals.stated !== null && Number(asked.value) !== totals.stated) {
    lines.push(`（你问的是 ${asked.value} 分，报告写的是 ${totals.stated} 分。）`);
  }
  const related = report.findings.filter((f) => TOTAL_RULES.has(f.ruleId));
  if (related.length > 0) {
    lines.push('与分值、得分加总有关的检查结果：');
    for (const f of related) lines.push(`- 第 ${f.line} 行（${f.severity === 'error' ? '错误' : f.severity === 'warning' ? '警告' : '提示'}）：${f.message}`);
    answer.findings.push(...related);
  }
  answer.text = lines.join('\n');
  return answer;
}
