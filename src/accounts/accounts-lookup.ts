import type { Accounts, AccountsRow, AccountsTable, AccountsTableKind, AccountsValue } from './accounts-model.js';

/** A row's name without its list number: "八、社会保障和就业支出" → "社会保障和就业支出". */
export function bareName(name: string): string {
  return name.replace(/^[一二三四五六七八九十百]+、/u, '').replace(/\s+/gu, '');
}

export function isNumbered(row: AccountsRow): boolean {
  return /^[一二三四五六七八九十]+、/u.test(row.name);
}

export function tableOf(accounts: Accounts, kind: AccountsTableKind): AccountsTable | undefined {
  return accounts.tables.find((t) => t.kind === kind);
}

/** A row by its exact bare name (and side), the first one. */
export function rowNamed(table: AccountsTable | undefined, name: RegExp, side?: string): AccountsRow | undefined {
  return table?.rows.find((r) => (side === undefined || r.side === side) && name.test(bareName(r.name)));
}

/** A row's value in the column whose label matches. */
export function valueIn(row: AccountsRow | undefined, column: RegExp): AccountsValue | undefined {
  if (!row) return undefined;
  const key = Object.keys(row.values).find((k) => column.test(k));
  return key === undefined ? undefined : row.values[key];
}

/** Where a cell is, for a person: "收入决算表（第8页）“合计”行“本年收入合计”". */
export function placeOf(table: AccountsTable, row: AccountsRow, column: string): string {
  const page = row.location.page ?? table.location.page;
  const where = page ? `（第${page}页）` : table.location.sheet ? `（工作表“${table.location.sheet}”）` : '';
  const columnText = /^(?:收入|支出|经济分类)?\/?决算数$/u.test(column) ? '' : `“${column.replace(/^(?:收入|支出)\//u, '')}”列`;
  const rowName = bareName(row.name) || row.code;
  return `${table.title}${where}${rowName ? `“${rowName}”行` : ''}${columnText}`;
}

export interface Cell {
  table: AccountsTable;
  row: AccountsRow;
  column: string;
  value: AccountsValue;
}

/** A cell found by table, row name, column; undefined when the table, row or column is absent. */
export function cellAt(accounts: Accounts, kind: AccountsTableKind, name: RegExp, column: RegExp, side?: string): Cell | undefined {
  const table = tableOf(accounts, kind);
  const row = rowNamed(table, name, side);
  const value = valueIn(row, column);
  if (!table || !row || !value) return undefined;
  return { table, row, column: Object.keys(row.values).find((k) => row.values[k] === value)!, value };
}
