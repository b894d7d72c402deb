import type { Finding } from '../model/index.js';
import { dec, plain, sum } from '../model/decimal.js';
import type { AccountsTable, AccountsValue } from './accounts-model.js';
import type { Cell } from './accounts-lookup.js';
import { placeOf } from './accounts-lookup.js';

/** A value in 万元 (a table in 元 is divided by 10 000), empty read as 0. */
export function wan(table: AccountsTable, value: AccountsValue | undefined): string {
  const v = value?.value ?? '0';
  return table.unit === '元' ? plain(dec(v).div(10000)) : v;
}

/** Is anything written: a check over cells that are all empty (a template, a table with no data) says nothing. */
export function written(...values: (AccountsValue | undefined)[]): boolean {
  return values.some((v) => v?.value !== null && v?.value !== undefined);
}

export interface Part {
  text: string; // "一般公共服务支出"
  value: string;
}

/**
 * A total that is not the sum of its parts. A difference no larger than 0.01 per part is reported as a warning (the
 * parts were rounded to 0.01 before being added), a larger one as an error.
 */
export function sumFinding(ruleId: string, total: Cell, parts: readonly Part[], partsName: string): Finding | null {
  const stated = wan(total.table, total.value);
  const computed = sum(parts.map((p) => p.value));
  const difference = dec(stated).minus(computed).abs();
  if (difference.isZero()) return null;
  const rounding = difference.lte(dec('0.01').times(Math.max(1, parts.length - 1)));
  const formula = `${parts.map((p) => p.value).join(' + ')} = ${plain(computed)}`;
  return {
    ruleId,
    severity: rounding ? 'warning' : 'error',
    message: `${placeOf(total.table, total.row, total.column)}为 ${stated} 万元，${partsName}之和为 ${plain(computed)} 万元，相差 ${plain(difference)} 万元${rounding ? '（可能是各项先四舍五入再相加所致，请核对原始数据）' : ''}。`,
    line: total.value.line,
    sectionPath: [total.table.title],
    expected: plain(computed),
    actual: stated,
    formula,
    location: total.value.location,
  };
}

/** The same figure shown in two places, and they differ. */
export function equalFinding(ruleId: string, a: { cell?: Cell; place?: string; value: string; line: number }, b: Cell, what: string): Finding | null {
  const other = wan(b.table, b.value);
  const difference = dec(a.value).minus(dec(other)).abs();
  if (difference.isZero()) return null;
  const aPlace = a.place ?? (a.cell ? placeOf(a.cell.table, a.cell.row, a.cell.column) : '');
  return {
    ruleId,
    severity: 'error',
    message: `${what}：${aPlace}为 ${a.value} 万元，${placeOf(b.table, b.row, b.column)}为 ${other} 万元，相差 ${plain(difference)} 万元。`,
    line: a.line,
    sectionPath: a.cell ? [a.cell.table.title] : [],
    expected: other,
    actual: a.value,
    related: [{ line: b.value.line, text: `${placeOf(b.table, b.row, b.column)}：${other}` }],
    location: a.cell?.value.location,
  };
}
