import { plain } from '../model/decimal.js';
import { computeTotals } from '../checks/summary.js';
import type { IndicatorNode, Report } from '../model/index.js';
import { selfName } from './house-style.js';
import { differenceOf, sumOf, type Computation } from '../model/computation.js';
import type { DraftOptions, DraftSource, SectionDraft } from './draft-source.js';
import { queryOf } from '../report/query/report-query.js';

function assessedLeaves(report: Report, node: IndicatorNode): IndicatorNode[] {
  const q = queryOf(report);
  return q.leaves().filter((l) => l.assessed && l.score !== null && q.ancestorsOf(l).includes(node));
}

/** 自评结论: the total, the score of each block against its weight, where points were lost, and whether it adds up. */
export function draftConclusion(source: DraftSource, options: DraftOptions = {}): SectionDraft {
  const { report } = source;
  const totals = computeTotals(report);
  const computations: Computation[] = [];
  const blocks = report.indicators.map((block) => {
    const leaves = assessedLeaves(report, block);
    const score = block.score !== null ? null : sumOf(leaves.map((l) => l.score!), '分');
    if (score) computations.push(score);
    const shown = block.score !== null ? `${block.score} 分` : score!.shown;
    return `${block.name} ${shown}${block.weight === null ? '' : `（分值 ${block.weight} 分）`}`;
  });
  const bonus = report.bonus ? `，加减分项 ${report.bonus.score} 分` : '';
  const total = totals.stated ?? plain(totals.computed);
  const year = report.year ? `${report.year} 年` : '本年度';
  const deducted = queryOf(report).leaves().filter((n) => n.assessed && n.weight !== null && n.score !== null && n.score < n.weight);
  const lost = deducted.map((n) => {
    const d = differenceOf({ value: n.weight!, unit: '分' }, { value: n.score!, unit: '分' });
    computations.push(d);
    return `${n.name}（扣 ${d.shown}）`;
  });
  const adds = totals.stated !== null && totals.computed.eq(totals.stated);
  const errors = source.findings.filter((f) => f.severity === 'error').length;
  const sentences = [
    `${year}${selfName(report)}部门整体支出绩效自评得分 ${total} 分，其中${blocks.join('、')}${bonus}。`,
  ];
  if (!options.shorter) {
    if (lost.length > 0) sentences.push(`扣分集中在${lost.join('、')}，其余指标均得满分。`);
    if (adds) {
      const sum = sumOf([totals.leafScores, totals.bonus], '分');
      computations.push(sum);
      sentences.push(`经复核，各项指标得分与加减分合计为 ${sum.shown}，与自评总分一致${errors === 0 ? '' : '，但检查发现其他需要更正的错误，详见检查结果'}。`);
    } else if (totals.stated !== null) {
      const sum = sumOf([totals.leafScores, totals.bonus], '分');
      computations.push(sum);
      sentences.push(`需要注意：各项指标得分与加减分合计为 ${sum.shown}，与自评总分不一致，请核对后再定稿。`);
    }
    sentences.push(
      lost.length > 0
        ? '总体来看，部门较好地履行了职能职责，财政资金使用效果良好，但在预算执行和管理规范方面仍有改进空间。'
        : '总体来看，部门较好地履行了职能职责，财政资金使用效果良好。',
    );
  }
  const facts = [
    `自评总分 ${total} 分（第 ${report.statedTotals[0]?.line ?? '?'} 行）`,
    ...blocks.map((b) => `一级指标得分：${b}`),
    ...(report.bonus ? [`加减分项 ${report.bonus.score} 分（第 ${report.bonus.line} 行）`] : []),
    ...lost.map((l) => `扣分指标：${l}`),
  ];
  return { section: '自评结论', text: sentences.join(''), computations, facts };
}
