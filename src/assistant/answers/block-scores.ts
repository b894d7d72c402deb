import type { IndicatorNode } from '../../model/index.js';
import { countOf, differenceOf, sumOf } from '../../model/computation.js';
import { deductedLeaves, type ReportContext } from '../report-context.js';
import { pathText, type Answer } from './answer.js';
import { queryOf } from '../../report/query/report-query.js';

function leafLine(leaf: IndicatorNode, answer: Answer): string {
  if (!leaf.assessed) return `- ${leaf.name}：不考核（第 ${leaf.line} 行）`;
  const where = `第 ${leaf.scoreLine ?? leaf.line} 行`;
  if (leaf.weight === null || leaf.score === null) return `- ${leaf.name}：自评 ${leaf.score ?? '未写'} 分（${where}）`;
  if (leaf.score >= leaf.weight) return `- ${leaf.name}：${leaf.score}/${leaf.weight} 分（${where}）`;
  const lost = differenceOf({ value: leaf.weight, unit: '分' }, { value: leaf.score, unit: '分' });
  answer.computations.push(lost);
  return `- ${leaf.name}：${leaf.score}/${leaf.weight} 分，扣 ${lost.shown}（${where}）`;
}

/** "资金管理这块得了多少分" / "预算执行一共多少分，得了多少": the block's weight, the sum of its leaves, each leaf. */
function blockText(context: ReportContext, node: IndicatorNode, answer: Answer): string[] {
  if (node.children.length === 0) {
    const line = leafLine(node, answer).replace(/^- /u, '');
    return [`${line}。（${pathText(node.path)}）`];
  }
  const q = queryOf(context.report);
  const leaves = q.leaves().filter((l) => q.ancestorsOf(l).includes(node));
  const assessed = leaves.filter((l) => l.assessed && l.score !== null);
  const total = sumOf(assessed.map((l) => l.score!), '分');
  answer.computations.push(total);
  const notAssessedWeight = sumOf(leaves.filter((l) => !l.assessed && l.weight !== null).map((l) => l.weight!), '分');
  const lines: string[] = [];
  const weight = node.weight;
  if (weight !== null) {
    const lost = differenceOf({ value: weight, unit: '分' }, { value: total.result, unit: '分' });
    answer.computations.push(lost);
    lines.push(
      `${node.name}（第 ${node.line} 行）分值 ${weight} 分，下级指标自评合计 ${total.shown}${lost.result === '0' ? '，满分' : `，比分值少 ${lost.shown}`}。`,
    );
  } else {
    const weights = sumOf(leaves.filter((l) => l.assessed && l.weight !== null).map((l) => l.weight!), '分');
    const lost = differenceOf({ value: weights.result, unit: '分' }, { value: total.result, unit: '分' });
    answer.computations.push(weights, lost);
    lines.push(`${node.name}（第 ${node.line} 行）下级指标分值合计 ${weights.shown}，自评合计 ${total.shown}${lost.result === '0' ? '，满分' : `，少 ${lost.shown}`}。`);
  }
  if (node.score !== null) lines.push(`报告写的“${node.name}”得分：${node.score} 分（第 ${node.scoreLine ?? node.line} 行）。`);
  lines.push(`计算：${total.expression}${leaves.some((l) => !l.assessed) ? `（不考核的指标不计，分值共 ${notAssessedWeight.shown}）` : ''}。`);
  if (leaves.some((l) => !l.assessed)) answer.computations.push(notAssessedWeight);
  lines.push(...leaves.map((l) => leafLine(l, answer)));
  return lines;
}

/** "哪些指标没满分": every assessed leaf below its weight, with how much it lost. */
function notFullText(context: ReportContext, answer: Answer): string[] {
  const deducted = deductedLeaves(context);
  if (deducted.length === 0) return ['所有考核指标都是满分。'];
  const count = countOf(deducted, '个', '没有满分的指标');
  const lost = sumOf(deducted.map((n) => differenceOf({ value: n.weight!, unit: '分' }, { value: n.score!, unit: '分' }).result), '分');
  answer.computations.push(count, lost);
  answer.memo.items = deducted.map((n) => n.name);
  return [`有 ${count.shown}指标没有满分，合计扣 ${lost.shown}：`, ...deducted.map((n) => leafLine(n, answer).replace(/^- /u, `- ${pathText(n.path.slice(0, -1))} › `))];
}

export function scoresText(context: ReportContext, nodes: readonly IndicatorNode[], notFull: boolean, answer: Answer): string[] {
  if (notFull) return notFullText(context, answer);
  const lines = nodes.slice(0, 3).flatMap((n, i) => (i > 0 ? ['', ...blockText(context, n, answer)] : blockText(context, n, answer)));
  answer.memo.items = nodes.map((n) => n.name);
  return lines;
}
