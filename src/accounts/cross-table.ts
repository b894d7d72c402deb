import type { Finding } from '../model/index.js';
import { dec, plain, sum } from '../model/decimal.js';
import type { Accounts, AccountsTableKind } from './accounts-model.js';
import { bareName, cellAt, isNumbered, placeOf, tableOf, type Cell } from './accounts-lookup.js';
import { equalFinding, wan, written } from './accounts-finding.js';

interface Ref {
  kind: AccountsTableKind;
  row: RegExp;
  column: RegExp;
  side?: string;
}

/** Figures every 决算 shows in two tables. */
const SAME: readonly [string, Ref, Ref][] = [
  ['本年收入合计', { kind: 'overview', row: /^本年收入合计$/u, column: /./u, side: '收入' }, { kind: 'income', row: /^合计$/u, column: /^本年收入合计$/u }],
  ['本年支出合计', { kind: 'overview', row: /^本年支出合计$/u, column: /./u, side: '支出' }, { kind: 'expenditure', row: /^合计$/u, column: /^本年支出合计$/u }],
  ['一般公共预算财政拨款收入', { kind: 'overview', row: /^一般公共预算财政拨款(?:收入)?$/u, column: /./u, side: '收入' }, { kind: 'grantOverview', row: /^一般公共预算财政拨款(?:收入)?$/u, column: /./u, side: '收入' }],
  ['财政拨款收入', { kind: 'income', row: /^合计$/u, column: /^财政拨款收入$/u }, { kind: 'grantOverview', row: /^本年收入合计$/u, column: /./u, side: '收入' }],
  ['上级补助收入', { kind: 'overview', row: /^上级补助收入$/u, column: /./u, side: '收入' }, { kind: 'income', row: /^合计$/u, column: /^上级补助收入$/u }],
  ['事业收入', { kind: 'overview', row: /^事业收入$/u, column: /./u, side: '收入' }, { kind: 'income', row: /^合计$/u, column: /^事业收入$/u }],
  ['经营收入', { kind: 'overview', row: /^经营收入$/u, column: /./u, side: '收入' }, { kind: 'income', row: /^合计$/u, column: /^经营收入$/u }],
  ['附属单位上缴收入', { kind: 'overview', row: /^附属单位上缴收入$/u, column: /./u, side: '收入' }, { kind: 'income', row: /^合计$/u, column: /^附属单位上缴收入$/u }],
  ['其他收入', { kind: 'overview', row: /^其他收入$/u, column: /./u, side: '收入' }, { kind: 'income', row: /^合计$/u, column: /^其他收入$/u }],
  ['一般公共预算财政拨款支出', { kind: 'grantOverview', row: /^本年支出合计$/u, column: /一般公共预算/u, side: '支出' }, { kind: 'generalExpenditure', row: /^合计$/u, column: /^合计$/u }],
  ['政府性基金预算财政拨款支出', { kind: 'grantOverview', row: /^本年支出合计$/u, column: /政府性基金/u, side: '支出' }, { kind: 'govFund', row: /^合计$/u, column: /本年支出\/(?:小计|合计)/u }],
  ['国有资本经营预算财政拨款支出', { kind: 'grantOverview', row: /^本年支出合计$/u, column: /国有资本/u, side: '支出' }, { kind: 'stateCapital', row: /^合计$/u, column: /本年支出\/(?:小计|合计)/u }],
];

function at(accounts: Accounts, ref: Ref): Cell | undefined {
  return cellAt(accounts, ref.kind, ref.row, ref.column, ref.side);
}

function compare(findings: Finding[], what: string, a: Cell | undefined, b: Cell | undefined): void {
  if (!a || !b || !written(a.value, b.value)) return;
  const finding = equalFinding('accounts/same-figure', { cell: a, value: wan(a.table, a.value), line: a.value.line }, b, `同一数字在两张表中不一致（${what}）`);
  if (finding) findings.push(finding);
}

/** The same figure equal in every table that shows it: fixed pairs, each 功能分类 类 of the 总表s against the 支出 tables, 基本支出 against 人员经费 + 公用经费. */
export function crossTableFindings(accounts: Accounts): Finding[] {
  const findings: Finding[] = [];
  for (const [what, a, b] of SAME) compare(findings, what, at(accounts, a), at(accounts, b));
  const classes: [AccountsTableKind, RegExp, AccountsTableKind, RegExp][] = [
    ['overview', /./u, 'expenditure', /^本年支出合计$/u],
    ['grantOverview', /一般公共预算/u, 'generalExpenditure', /^合计$/u],
  ];
  for (const [overviewKind, overviewColumn, detailKind, detailColumn] of classes) {
    const overview = tableOf(accounts, overviewKind);
    const detailTable = tableOf(accounts, detailKind);
    for (const row of overview?.rows.filter((r) => r.side === '支出' && isNumbered(r)) ?? []) {
      const name = bareName(row.name);
      const column = Object.keys(row.values).find((k) => overviewColumn.test(k));
      const a = column && overview ? { table: overview, row, column, value: row.values[column]! } : undefined;
      if (!a || !detailTable || !detailTable.rows.some((r) => r.code !== null)) continue;
      const detail = detailTable.rows.find((r) => r.code?.length === 3 && bareName(r.name) === name);
      const detailKey = detail ? Object.keys(detail.values).find((k) => detailColumn.test(k)) : undefined;
      if (detail && detailKey) compare(findings, `${name}（类）`, a, { table: detailTable, row: detail, column: detailKey, value: detail.values[detailKey]! });
      else if (!detail && written(a.value) && wan(a.table, a.value) !== '0') {
        findings.push({
          ruleId: 'accounts/same-figure', severity: 'error', line: a.value.line, sectionPath: [a.table.title], location: a.value.location,
          message: `${a.table.title}列有“${name}”${wan(a.table, a.value)} 万元，${detailTable.title}却没有这一类。`,
        });
      }
    }
  }
  const basic = cellAt(accounts, 'generalExpenditure', /^合计$/u, /^基本支出$/u);
  const personnel = cellAt(accounts, 'generalBasic', /^人员经费(?:合计)?$/u, /./u);
  const publicFunds = cellAt(accounts, 'generalBasic', /^公用经费(?:合计)?$/u, /./u);
  if (basic && personnel && publicFunds && written(basic.value, personnel.value, publicFunds.value)) {
    const total = plain(sum([wan(personnel.table, personnel.value), wan(publicFunds.table, publicFunds.value)]));
    const stated = wan(basic.table, basic.value);
    if (stated !== total && !dec(stated).eq(total)) {
      findings.push({
        ruleId: 'accounts/same-figure', severity: 'error', line: basic.value.line, sectionPath: [basic.table.title], location: basic.value.location,
        message: `${placeOf(basic.table, basic.row, basic.column)}为 ${stated} 万元，${personnel.table.title}的人员经费与公用经费之和为 ${total} 万元（${wan(personnel.table, personnel.value)} + ${wan(publicFunds.table, publicFunds.value)}），相差 ${plain(dec(stated).minus(total).abs())} 万元。`,
        expected: total, actual: stated,
        related: [{ line: personnel.value.line, text: `人员经费：${wan(personnel.table, personnel.value)}` }, { line: publicFunds.value.line, text: `公用经费：${wan(publicFunds.table, publicFunds.value)}` }],
      });
    }
  }
  return findings;
}
