import { plain } from '../model/decimal.js';
import { computeTotals } from '../checks/summary.js';
import type { IndicatorNode, Report } from '../model/index.js';
import { selfName } from './house-style.js';
import { differenceOf, sumOf, type Computation } from '../model/computation.js';
import type { DraftOptions, DraftSource, SectionDraft } from './draft-source.js';
import { queryOf } from '../report/query/report-query.js';
import { placeQuotes, previousPlace } from './previous-year.js';

/** "上年（2023年度）自评得分 56 分（a-2023.txt 第 5 行），今年比上年增加 3 分。" from last year's stored report. */
function comparedWithLastYear(source: DraftSource, total: string | number, computations: Computation[], quoted: NonNullable<SectionDraft['quoted']>): string {
  const found = source.previousYear;
  if (found?.status !== 'found') return '';
  const { info } = found.previous;
  const lastTotal = info.statedTotal;
  if (lastTotal === null) return '';
  const place = info.statedLine !== null ? `（${previousPlace(found.previous, info.statedLine)}）` : `（${info.source}）`;
  quoted.push({ source: info.source, quote: `${info.title} ${info.year ?? ''} 年度 自评得分 ${info.statedTotal} 分`, ...(info.statedLine !== null ? { line: info.statedLine } : {}) });
  quoted.push(...placeQuotes(info.source, place));
  const change = differenceOf({ value: total, unit: '分' }, { value: lastTotal, unit: '分' });
  computations.push(change);
  const verdict = change.result === '0' ? '与上年持平' : change.result.startsWith('-') ? `比上年减少 ${change.shown.replace('-', '')}` : `比上年增加 ${change.shown}`;
  return `上年${info.year !== null ? `（${info.year}年度）` : ''}自评得分 ${lastTotal} 分${place}，今年${verdict}。`;
}

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
  const quoted: NonNullable<SectionDraft['quoted']> = [];
  const lastYear = comparedWithLastYear(source, total, computations, quoted);
  if (lastYear) sentences.push(lastYear);
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
  if (lastYear) facts.push(`与上年比较：${lastYear}`);
  return { section: '自评结论', text: sentences.join(''), computations, facts, ...(quoted.length > 0 ? { quoted } : {}) };
}
