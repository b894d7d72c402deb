import type { Finding } from '../model/index.js';
import type { Accounts, AccountsTableKind, ProseFigure } from './accounts-model.js';
import { bareName, cellAt, tableOf, type Cell } from './accounts-lookup.js';
import { equalFinding } from './accounts-finding.js';

/** Which table cell each 说明 label states. */
const CELLS: Record<string, [AccountsTableKind, RegExp, RegExp, string?]> = {
  收入支出总计: ['overview', /^总计$/u, /./u, '收入'],
  财政拨款收入支出总计: ['grantOverview', /^总计$/u, /./u, '收入'],
  本年收入合计: ['overview', /^本年收入合计$/u, /./u, '收入'],
  财政拨款收入: ['income', /^合计$/u, /^财政拨款收入$/u],
  其他收入: ['income', /^合计$/u, /^其他收入$/u],
  本年支出合计: ['overview', /^本年支出合计$/u, /./u, '支出'],
  基本支出: ['expenditure', /^合计$/u, /^基本支出$/u],
  项目支出: ['expenditure', /^合计$/u, /^项目支出$/u],
  一般公共预算财政拨款支出: ['generalExpenditure', /^合计$/u, /^合计$/u],
  一般公共预算财政拨款基本支出: ['generalExpenditure', /^合计$/u, /^基本支出$/u],
  人员经费: ['generalBasic', /^人员经费(?:合计)?$/u, /./u],
  公用经费: ['generalBasic', /^公用经费(?:合计)?$/u, /./u],
  三公经费预算: ['threePublic', /^$/u, /^合计\/预算数$/u],
  三公经费决算: ['threePublic', /^$/u, /^合计\/决算数$/u],
};

/** The table cell a prose figure states, if the 决算 has that table and row. */
export function cellOfProse(accounts: Accounts, figure: ProseFigure): Cell | undefined {
  const fixed = CELLS[figure.label];
  if (fixed) return cellAt(accounts, fixed[0], fixed[1], fixed[2], fixed[3]);
  const m = /^(类|项):(.+)$/u.exec(figure.label);
  if (!m) return undefined;
  const table = tableOf(accounts, 'generalExpenditure');
  const row = table?.rows.find((r) => r.code?.length === (m[1] === '类' ? 3 : 7) && bareName(r.name) === m[2]);
  const column = row ? Object.keys(row.values).find((k) => k === '合计') : undefined;
  return table && row && column ? { table, row, column, value: row.values[column]! } : undefined;
}

/** The 说明's prose figures against the tables: each difference with both places quoted. */
export function proseFindings(accounts: Accounts): Finding[] {
  const findings: Finding[] = [];
  for (const figure of accounts.prose) {
    if (figure.value === null) continue;
    const cell = cellOfProse(accounts, figure);
    if (!cell) continue;
    const finding = equalFinding('accounts/prose', { place: `说明${figure.location.page ? `（第${figure.location.page}页）` : `第 ${figure.line} 行`}“${figure.label.replace(/^(类|项):/u, '')}”`, value: figure.value, line: figure.line }, cell, '说明中的数字与表中不一致');
    if (finding) findings.push(finding);
  }
  return findings;
}
