import { changePercent, dec, format, plain } from '../../model/decimal.js';
import { percentOf, type Computation } from '../../model/computation.js';
import type { FiguresData } from '../workbook/figures-data.js';
import { incomeTotal, spendingTotal, threePublicTotal } from '../workbook/workbook-sums.js';
import { endSentence, money } from './draft-blocks.js';

/** "上年总收入决算数为 374.30 万元，与上年度相比，收入决算数减少 23.72%（计算：…）" with the formula written out. */
function comparison(label: string, short: string, current: string, previous: string, out: Computation[]): string {
  const change = changePercent(previous, current);
  if (change === null) return `上年${label}为 ${money(previous)} 万元`;
  const shown = `${format(change.abs(), 2)}%`;
  const direction = change.isNegative() ? '减少' : change.isZero() ? '持平，变动' : '增加';
  const expression = `（${money(current)} − ${money(previous)}）÷ ${money(previous)} × 100% = ${change.isNegative() ? '−' : ''}${shown}`;
  out.push({ expression, result: change.toFixed(), unit: '%', shown });
  return `上年${label}为 ${money(previous)} 万元，与上年度相比，${short}${direction} ${shown}（${expression}）`;
}

/** 部门整体收入 and 部门整体支出情况 from the 收支 sheet; null parts are left out rather than guessed. */
export function financeParagraphs(data: FiguresData, year: string, computations: Computation[]): { income: string | null; spending: string | null } {
  const f = data.finances;
  const income = incomeTotal(data, 'current');
  const incomeLast = incomeTotal(data, 'previous');
  let incomeText: string | null = null;
  if (income !== null) {
    const sources = f.incomeSources.filter((s) => s.current !== null && !dec(s.current).isZero());
    let text = `${year}总收入决算数 ${money(income)} 万元`;
    if (sources.length === 1 && dec(sources[0]!.current!).eq(dec(income))) text += `，全部为${sources[0]!.name} ${money(income)} 万元`;
    else if (sources.length > 0) {
      const parts = sources.map((s) => {
        const share = percentOf({ value: s.current! }, { value: income });
        if (share) computations.push(share);
        return `${s.name} ${money(s.current!)} 万元${share ? `，占 ${share.shown}` : ''}`;
      });
      text += `，其中${parts.join('；')}`;
    }
    if (incomeLast !== null) text += `。${comparison('总收入决算数', '收入决算数', income, incomeLast, computations)}`;
    incomeText = endSentence(`${text}${f.incomeNote ? `，${f.incomeNote.replace(/^[，。]/u, '')}` : ''}`);
  }
  const spending = spendingTotal(data, 'current');
  const spendingLast = spendingTotal(data, 'previous');
  let spendingText: string | null = null;
  if (spending !== null) {
    let text = `${year}总支出决算数 ${money(spending)} 万元`;
    const parts: string[] = [];
    if (f.basic.current !== null) parts.push(`基本支出 ${money(f.basic.current)} 万元`);
    if (f.project.current !== null) parts.push(`项目支出 ${money(f.project.current)} 万元`);
    if (parts.length > 0) text += `，其中${parts.join('，')}`;
    if (spendingLast !== null) text += `。${comparison('总支出决算数', '支出决算数', spending, spendingLast, computations)}`;
    if (f.spendingNote) text += `，${f.spendingNote.replace(/^[，。]/u, '')}`;
    // The breakdown of 基本支出 is its own sentence: inside the list above it would read as more parts of the total.
    const inner = [f.personnel.current !== null ? `人员经费 ${money(f.personnel.current)} 万元` : null, f.publicFunds.current !== null ? `公用经费 ${money(f.publicFunds.current)} 万元` : null]
      .filter((p): p is string => p !== null);
    if (inner.length > 0) text = `${endSentence(text)}基本支出中，${inner.join('，')}`;
    spendingText = endSentence(text);
  }
  return { income: incomeText, spending: spendingText };
}

/** 预算执行情况: budget, spending and their rates, each rate with its formula; null when the sheet is empty. */
export function executionParagraph(data: FiguresData, computations: Computation[]): string | null {
  const e = data.execution;
  const sentences: string[] = [];
  const rate = (actualLabel: string, actual: string, budgetLabel: string, budget: string, name: string): string => {
    const computed = percentOf({ value: actual }, { value: budget });
    if (!computed) return `${budgetLabel} ${money(budget)} 万元，${actualLabel} ${money(actual)} 万元`;
    computations.push(computed);
    return `${budgetLabel} ${money(budget)} 万元，${actualLabel} ${money(actual)} 万元，${name}为 ${computed.shown}（${money(actual)} ÷ ${money(budget)} × 100%）`;
  };
  const budget = e.budgetAdjusted ?? e.budgetInitial;
  if (budget !== null && e.budgetActual !== null) {
    const adjusted = e.budgetAdjusted !== null && e.budgetInitial !== null ? `年初预算数 ${money(e.budgetInitial)} 万元，` : '';
    sentences.push(`${adjusted}${rate('预算执行数', e.budgetActual, e.budgetAdjusted !== null ? '调整后预算数' : '全年预算数', budget, '预算资金支出率')}${e.budgetNote ? `，${e.budgetNote}` : ''}`);
  }
  if (e.carryOver !== null) {
    const share = budget !== null ? percentOf({ value: e.carryOver }, { value: budget }) : null;
    if (share) computations.push(share);
    sentences.push(`年末结转结余资金 ${money(e.carryOver)} 万元${share ? `，结转结余率为 ${share.shown}（${money(e.carryOver)} ÷ ${money(budget!)} × 100%）` : ''}${e.carryOverNote ? `，${e.carryOverNote}` : ''}`);
  }
  if (e.procurementBudget !== null && e.procurementActual !== null) {
    sentences.push(`${rate('实际政府采购金额', e.procurementActual, '政府采购预算', e.procurementBudget, '政府采购执行率')}${e.procurementNote ? `，${e.procurementNote}` : ''}`);
  }
  if (e.publicBudget !== null && e.publicActual !== null) sentences.push(rate('决算数', e.publicActual, '公用经费预算数', e.publicBudget, '公用经费执行率'));
  const threeBudget = threePublicTotal(data, 'budget');
  const threeActual = threePublicTotal(data, 'actual');
  if (threeBudget !== null && threeActual !== null) {
    const kinds = e.threePublic.filter((t) => t.actual !== null).map((t) => `${t.kind} ${money(t.actual!)} 万元`);
    sentences.push(`${rate('决算数', threeActual, '“三公”经费预算数', threeBudget, '“三公”经费执行率')}${kinds.length > 0 ? `，其中${kinds.join('、')}` : ''}`);
  }
  if (sentences.length === 0) return null;
  return sentences.map(endSentence).join('');
}

/** "7 个项目，合计 54.42 万元" and one sentence per project. */
export function projectParagraphs(data: FiguresData): string[] {
  const projects = data.projects.filter((p) => p.name !== '');
  if (projects.length === 0) return [];
  const funded = projects.filter((p) => p.funds !== null);
  const total = funded.length > 0 ? funded.reduce((acc, p) => acc.plus(dec(p.funds!)), dec(0)) : null;
  const intro = `本年度共实施项目 ${projects.length} 个${total !== null ? `，安排资金合计 ${money(plain(total))} 万元` : ''}。`;
  const lines = projects.map((p) => {
    const parts = [`${p.name}${p.funds !== null ? `，安排资金 ${money(p.funds)} 万元` : ''}`];
    if (p.target) parts.push(`绩效目标：${p.target.replace(/[。；]$/u, '')}`);
    if (p.result) parts.push(`完成情况：${p.result.replace(/[。；]$/u, '')}`);
    return endSentence(parts.join('。'));
  });
  return [intro, ...lines];
}
