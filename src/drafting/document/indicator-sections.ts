import { dec, plain, sum } from '../../model/decimal.js';
import { differenceOf, percentOf, type Computation } from '../../model/computation.js';
import type { FiguresData, IndicatorRow } from '../workbook/figures-data.js';
import { threePublicTotal } from '../workbook/workbook-sums.js';
import { endSentence, marker, money, type DraftBlock } from './draft-blocks.js';

interface RateRecipe {
  name: RegExp;
  inputs(data: FiguresData): { numerator: [string, string | null]; denominator: [string, string | null] };
}

/** Rates an indicator can take from the 预算执行 sheet, matched by the indicator's name. */
const RATE_RECIPES: RateRecipe[] = [
  {
    name: /预算.*(?:支出|执行|完成)率|预算执行率/u,
    inputs: (d) => ({ numerator: ['预算执行数', d.execution.budgetActual], denominator: [d.execution.budgetAdjusted !== null ? '调整后预算数' : '全年预算数', d.execution.budgetAdjusted ?? d.execution.budgetInitial] }),
  },
  {
    name: /结转结余率|结余率/u,
    inputs: (d) => ({ numerator: ['结转结余资金', d.execution.carryOver], denominator: ['预算数', d.execution.budgetAdjusted ?? d.execution.budgetInitial] }),
  },
  {
    name: /政府采购执行率|采购执行率/u,
    inputs: (d) => ({ numerator: ['实际政府采购金额', d.execution.procurementActual], denominator: ['政府采购预算', d.execution.procurementBudget] }),
  },
  {
    name: /三公.*(?:控制|执行)率/u,
    inputs: (d) => ({ numerator: ['“三公”经费决算数', threePublicTotal(d, 'actual')], denominator: ['“三公”经费预算数', threePublicTotal(d, 'budget')] }),
  },
  {
    name: /公用经费.*(?:控制|执行)率/u,
    inputs: (d) => ({ numerator: ['公用经费决算数', d.execution.publicActual], denominator: ['公用经费预算数', d.execution.publicBudget] }),
  },
];

/** "政府采购预算 60.68 万元，实际政府采购金额 65.02 万元，政府采购执行率 = 65.02 ÷ 60.68 × 100% = 107.15%。" */
function rateSentence(row: IndicatorRow, data: FiguresData, computations: Computation[]): string | null {
  const name = row.path.at(-1)!;
  const recipe = RATE_RECIPES.find((r) => r.name.test(name));
  if (!recipe) return null;
  const { numerator, denominator } = recipe.inputs(data);
  if (numerator[1] === null || denominator[1] === null) return null;
  const computed = percentOf({ value: numerator[1] }, { value: denominator[1] });
  if (!computed) return null;
  computations.push(computed);
  return `${denominator[0]} ${money(denominator[1])} 万元，${numerator[0]} ${money(numerator[1])} 万元，${name}为 ${computed.shown}（${money(numerator[1])} ÷ ${money(denominator[1])} × 100%）。`;
}

function leafParagraph(row: IndicatorRow, data: FiguresData, computations: Computation[]): string {
  const name = row.path.at(-1)!;
  if (!row.assessed) {
    const reason = endSentence(row.reason || row.evidence);
    return /不考核|不适用|不予考核/u.test(reason) ? reason : `${reason}本项不考核。`.replace(/^。/u, '');
  }
  const score = row.score!;
  const parts = [`自评得分 ${plain(score)} 分`];
  const evidence = endSentence(row.evidence);
  let body = evidence;
  const rate = rateSentence(row, data, computations);
  if (rate) body += rate;
  else if (row.measured && !evidence.replace(/\s/gu, '').includes(row.measured.replace(/\s/gu, ''))) body += `${name}为 ${row.measured}。`;
  if (dec(score).lt(dec(row.weight))) {
    const lost = differenceOf({ value: row.weight, unit: '分' }, { value: score, unit: '分' });
    computations.push(lost);
    const reason = row.reason.replace(/[。；]$/u, '');
    const stated = reason !== '' && evidence.includes(reason) ? '' : reason;
    body += `本项扣 ${lost.shown}（${plain(row.weight)} − ${plain(score)}）${stated ? `，扣分原因：${stated}` : ''}。`;
  }
  return body === '' ? `${parts[0]}。` : `${parts[0]}，${body}`;
}

/**
 * 绩效分析: every indicator as a heading with its weight ("（1）政府采购执行率（2 分）"), every scored leaf with
 * "自评得分 N 分，" its evidence, the computed rate with its formula and the deduction with its reason.
 * Depth d of the tree is heading level d + 1, under the 一、 level section heading.
 */
export function indicatorBlocks(data: FiguresData, computations: Computation[]): DraftBlock[] {
  const blocks: DraftBlock[] = [];
  const counters: number[] = [];
  data.indicators.forEach((row, i) => {
    const depth = row.path.length;
    counters.length = depth;
    counters[depth - 1] = (counters[depth - 1] ?? 0) + 1;
    const level = depth + 1;
    const isLeaf = (data.indicators[i + 1]?.path.length ?? 0) <= depth;
    blocks.push({ kind: 'heading', level, text: `${marker(level, counters[depth - 1]! - 1)}${row.path.at(-1)}（${plain(row.weight)} 分）` });
    if (isLeaf) blocks.push({ kind: 'paragraph', text: leafParagraph(row, data, computations) });
  });
  if (data.bonus.length > 0) {
    const total = sum(data.bonus.map((b) => b.score));
    const items = data.bonus.map((b) => {
      const evidence = b.evidence.replace(/[。；]$/u, '');
      if (data.bonus.length === 1) return evidence || b.item;
      return `${b.item}${dec(b.score).isNegative() ? '减' : '加'} ${plain(dec(b.score).abs())} 分${evidence ? `，${evidence}` : ''}`;
    });
    const topLevel = data.indicators.filter((r) => r.path.length === 1).length;
    blocks.push({ kind: 'heading', level: 2, text: `${marker(2, topLevel)}加减分项` });
    blocks.push({ kind: 'paragraph', text: endSentence(`自评得分 ${plain(total)} 分，${items.join('；')}`) });
  }
  return blocks;
}
