import type { DocumentLocation } from '../model/index.js';

/** The nine standard tables of a 部门决算, by what they are (titles vary slightly between years and districts). */
export type AccountsTableKind =
  | 'overview' // 收入支出决算总表
  | 'income' // 收入决算表
  | 'expenditure' // 支出决算表
  | 'grantOverview' // 财政拨款收入支出决算总表
  | 'generalExpenditure' // 一般公共预算财政拨款支出决算表
  | 'generalBasic' // 一般公共预算财政拨款基本支出决算表
  | 'threePublic' // （一般公共预算）财政拨款“三公”经费支出决算表
  | 'govFund' // 政府性基金预算财政拨款收入支出决算表
  | 'stateCapital'; // 国有资本经营预算财政拨款（收入）支出决算表

/** One cell's value: a decimal string in the table's unit, or null when empty or a template placeholder (XX). */
export interface AccountsValue {
  value: string | null;
  raw: string;
  line: number; // Document.lines line of the row
  location: DocumentLocation;
}

/** One row of one side of a table: 科目编码 (digits, 类 3 / 款 5 / 项 7) when the table has codes, and its name. */
export interface AccountsRow {
  side: string; // the side's header for two-sided tables ("收入", "支出"), '' otherwise
  code: string | null;
  name: string;
  values: Record<string, AccountsValue>; // by column label: "本年收入合计", "支出/决算数", "合计/预算数"
  line: number;
  location: DocumentLocation;
}

export interface AccountsTable {
  kind: AccountsTableKind;
  title: string; // as printed
  unit: '万元' | '元' | null;
  columns: string[]; // value column labels, in order
  rows: AccountsRow[];
  line: number;
  location: DocumentLocation;
}

/** A figure the 说明 states in prose, at its line. */
export interface ProseFigure {
  label: string; // what the sentence says it is: "收入支出总计", "机关运行经费"
  value: string | null; // null: a placeholder (XX)
  raw: string;
  line: number;
  location: DocumentLocation;
}

export interface Accounts {
  name: string; // file name
  department: string | null;
  year: number | null;
  tables: AccountsTable[];
  missing: AccountsTableKind[]; // standard tables not found
  prose: ProseFigure[];
  duties: string; // the 概况's 主要职能 text, '' when not found
}

export const TABLE_TITLES: Record<AccountsTableKind, string> = {
  overview: '收入支出决算总表',
  income: '收入决算表',
  expenditure: '支出决算表',
  grantOverview: '财政拨款收入支出决算总表',
  generalExpenditure: '一般公共预算财政拨款支出决算表',
  generalBasic: '一般公共预算财政拨款基本支出决算表',
  threePublic: '财政拨款“三公”经费支出决算表',
  govFund: '政府性基金预算财政拨款收入支出决算表',
  stateCapital: '国有资本经营预算财政拨款收入支出决算表',
};
