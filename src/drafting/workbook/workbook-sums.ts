import { dec, plain, sum, type Dec } from '../../model/decimal.js';
import type { FiguresData } from './figures-data.js';
import type { WorkbookProblem } from './read-cells.js';
import { cellAddress, EXECUTION_ROWS, FINANCE_ROWS, INDICATOR_COLUMNS, SHEETS } from './sheet-layout.js';

type Key = 'current' | 'previous';
const COLUMN: Record<Key, string> = { current: 'B', previous: 'C' };

interface Part {
  label: string;
  value: string | null;
}

/** The total: as typed when typed, else the sum of the parts given (null when neither). */
function totalOf(stated: string | null, parts: readonly Part[]): string | null {
  if (stated !== null) return stated;
  const given = parts.filter((p) => p.value !== null);
  return given.length === 0 ? null : sum(given.map((p) => p.value!)).toFixed();
}

export function incomeParts(data: FiguresData, key: Key): Part[] {
  return data.finances.incomeSources.map((s) => ({ label: s.name, value: s[key] }));
}

export function spendingParts(data: FiguresData, key: Key): Part[] {
  return [{ label: '基本支出', value: data.finances.basic[key] }, { label: '项目支出', value: data.finances.project[key] }];
}

/** 收入合计 for this year or last: typed, or the sum of the sources. */
export function incomeTotal(data: FiguresData, key: Key): string | null {
  return totalOf(data.finances.incomeTotal[key], incomeParts(data, key));
}

/** 支出合计: typed, or 基本支出 + 项目支出. */
export function spendingTotal(data: FiguresData, key: Key): string | null {
  return totalOf(data.finances.spendingTotal[key], spendingParts(data, key));
}

export function threePublicTotal(data: FiguresData, key: 'budget' | 'actual'): string | null {
  const stated = key === 'budget' ? data.execution.threePublicBudget : data.execution.threePublicActual;
  return totalOf(stated, data.execution.threePublic.map((t) => ({ label: t.kind, value: t[key] })));
}

/** An amount in 万元 with at least two decimals, as a finance officer writes it: 54.4 → "54.40". */
function amount(value: string | Dec): string {
  const d = dec(value);
  return d.decimalPlaces() < 2 ? d.toFixed(2) : d.toFixed();
}

/** "收支!B8 支出合计 285.53 ≠ 基本支出 231.11 + 项目支出 54.40" when a typed total differs from its parts. */
function mismatch(cell: string, label: string, total: string | null, parts: readonly Part[], all: boolean): WorkbookProblem | null {
  if (total === null) return null;
  const given = parts.filter((p) => p.value !== null);
  if (given.length === 0 || (all && given.length < parts.length)) return null;
  const partsSum = sum(given.map((p) => p.value!));
  if (partsSum.eq(dec(total))) return null;
  return { cell, message: `${cell} ${label} ${amount(total)} ≠ ${given.map((p) => `${p.label} ${amount(p.value!)}`).join(' + ')}（合计 ${amount(partsSum)}）` };
}

/** Totals typed by hand must equal their parts; scores must lie within their weights. */
export function checkWorkbookSums(data: FiguresData): WorkbookProblem[] {
  const problems: (WorkbookProblem | null)[] = [];
  const f = data.finances;
  for (const key of ['current', 'previous'] as const) {
    const c = COLUMN[key];
    problems.push(mismatch(`${SHEETS.finances}!${c}${FINANCE_ROWS.incomeTotal.row}`, '收入合计', f.incomeTotal[key], incomeParts(data, key), false));
    problems.push(mismatch(`${SHEETS.finances}!${c}${FINANCE_ROWS.spendingTotal.row}`, '支出合计', f.spendingTotal[key], spendingParts(data, key), true));
    problems.push(mismatch(`${SHEETS.finances}!${c}${FINANCE_ROWS.basic.row}`, '基本支出', f.basic[key], [
      { label: '人员经费', value: f.personnel[key] }, { label: '公用经费', value: f.publicFunds[key] },
    ], true));
  }
  const e = data.execution;
  for (const [column, key, stated] of [['B', 'budget', e.threePublicBudget], ['D', 'actual', e.threePublicActual]] as const) {
    problems.push(mismatch(`${SHEETS.execution}!${column}${EXECUTION_ROWS.threePublic.row}`, '“三公”经费合计', stated, e.threePublic.map((t) => ({ label: t.kind, value: t[key] })), false));
  }
  data.indicators.forEach((row, i) => {
    const isLeaf = (data.indicators[i + 1]?.path.length ?? 0) <= row.path.length;
    if (!isLeaf || row.score === null) return;
    const cell = row.cell.replace(/![A-Z]+(\d+)$/u, (_m, r: string) => `!${cellAddress(Number(r), INDICATOR_COLUMNS.score)}`);
    if (dec(row.score).gt(dec(row.weight))) problems.push({ cell, message: `${cell} “${row.path.at(-1)}”自评得分 ${plain(row.score)} 超过分值 ${plain(row.weight)}` });
    if (dec(row.score).isNegative()) problems.push({ cell, message: `${cell} “${row.path.at(-1)}”自评得分不能为负数` });
    if (dec(row.score).lt(dec(row.weight)) && row.reason.trim() === '') {
      const reasonCell = row.cell.replace(/![A-Z]+(\d+)$/u, (_m, r: string) => `!${cellAddress(Number(r), INDICATOR_COLUMNS.reason)}`);
      problems.push({ cell: reasonCell, message: `${reasonCell} “${row.path.at(-1)}”扣了 ${plain(dec(row.weight).minus(dec(row.score)))} 分，请填写扣分原因` });
    }
  });
  return problems.filter((p): p is WorkbookProblem => p !== null);
}
