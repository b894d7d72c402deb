import type { Finding } from '../model/index.js';
import type { Accounts, AccountsRow, AccountsTable } from './accounts-model.js';
import { TABLE_TITLES } from './accounts-model.js';
import { bareName, isNumbered, type Cell } from './accounts-lookup.js';
import { sumFinding, wan, written, type Part } from './accounts-finding.js';
import { crossTableFindings } from './cross-table.js';
import { proseFindings } from './prose-check.js';

const CODE_TABLES = new Set(['income', 'expenditure', 'generalExpenditure', 'govFund', 'stateCapital', 'generalBasic']);

function cell(table: AccountsTable, row: AccountsRow, column: string): Cell | undefined {
  const value = row.values[column];
  return value ? { table, row, column, value } : undefined;
}

function parts(table: AccountsTable, rows: readonly AccountsRow[], column: string): Part[] {
  return rows.map((r) => ({ text: bareName(r.name), value: wan(table, r.values[column]) }));
}

function check(findings: Finding[], ruleId: string, table: AccountsTable, total: AccountsRow | undefined, rows: readonly AccountsRow[], column: string, partsName: string): void {
  if (!total || rows.length === 0) return;
  const totalCell = cell(table, total, column);
  if (!totalCell || !written(totalCell.value, ...rows.map((r) => r.values[column]))) return;
  const finding = sumFinding(ruleId, totalCell, parts(table, rows, column), partsName);
  if (finding) findings.push(finding);
}

/** 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项 in each value column; for the 经济分类 table 人员经费 = 301 + 303, 公用经费 = the other 类. */
function codeSums(table: AccountsTable, findings: Finding[]): void {
  const coded = table.rows.filter((r) => r.code !== null);
  const total = table.rows.find((r) => r.code === null && bareName(r.name) === '合计');
  for (const column of table.columns) {
    if (table.kind !== 'generalBasic') check(findings, 'accounts/class-sums', table, total, coded.filter((r) => r.code!.length === 3), column, '各“类”');
    for (const parent of coded.filter((r) => r.code!.length < 7)) {
      const children = coded.filter((r) => r.code!.length === parent.code!.length + 2 && r.code!.startsWith(parent.code!));
      check(findings, 'accounts/class-sums', table, parent, children, column, parent.code!.length === 3 ? '所属各“款”' : '所属各“项”');
    }
    if (table.kind === 'generalBasic') {
      const classes = coded.filter((r) => r.code!.length === 3);
      const personnel = table.rows.find((r) => /^人员经费(?:合计)?$/u.test(bareName(r.name)));
      const publicFunds = table.rows.find((r) => /^公用经费(?:合计)?$/u.test(bareName(r.name)));
      check(findings, 'accounts/class-sums', table, personnel, classes.filter((r) => r.code === '301' || r.code === '303'), column, '301 工资福利支出与 303 对个人和家庭的补助');
      check(findings, 'accounts/class-sums', table, publicFunds, classes.filter((r) => r.code !== '301' && r.code !== '303'), column, '其余各“类”');
    }
  }
}

/** A 合计/小计 column equals the columns after it that share its heading (本年收入合计 = 财政拨款收入 + … + 其他收入). */
function columnSums(table: AccountsTable, findings: Finding[]): void {
  const prefix = (c: string) => (c.includes('/') ? c.slice(0, c.lastIndexOf('/')) : '');
  table.columns.forEach((column, index) => {
    const last = column.split('/').pop() ?? '';
    if (!/^(?:合计|小计|本年收入合计|本年支出合计)$/u.test(last) || table.kind === 'threePublic') return;
    const siblings: string[] = [];
    for (const next of table.columns.slice(index + 1)) {
      if (prefix(next) !== prefix(column)) break;
      siblings.push(next);
    }
    if (siblings.length < 2) return;
    for (const row of table.rows) {
      const total = cell(table, row, column);
      if (!total || !siblings.every((s) => row.values[s]) || !written(total.value, ...siblings.map((s) => row.values[s]))) continue;
      const finding = sumFinding('accounts/column-sums', total, siblings.map((s) => ({ text: s, value: wan(table, row.values[s]) })), siblings.map((s) => `“${s.split('/').pop()}”`).join('、'));
      if (finding) findings.push(finding);
    }
  });
}

/** Two-sided tables: 本年合计 = its numbered lines, 总计 = 本年合计 + the lines after it, a line = its numbered sub-lines, 收入总计 = 支出总计. */
function sideTotals(table: AccountsTable, findings: Finding[]): void {
  const sides = [...new Set(table.rows.map((r) => r.side))];
  for (const side of sides) {
    const rows = table.rows.filter((r) => r.side === side);
    const yearTotal = rows.findIndex((r) => /^本年(?:收入|支出)合计$/u.test(bareName(r.name)));
    const grand = rows.findIndex((r) => bareName(r.name) === '总计');
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r.values)))];
    for (const column of columns) {
      if (yearTotal > 0) check(findings, 'accounts/totals', table, rows[yearTotal], rows.slice(0, yearTotal).filter(isNumbered), column, '上方各收支项目');
      if (yearTotal >= 0 && grand > yearTotal) {
        const between = rows.slice(yearTotal, grand);
        check(findings, 'accounts/totals', table, rows[grand], between.filter((r) => !isNumbered(r)), column, between.filter((r) => !isNumbered(r)).map((r) => `“${bareName(r.name)}”`).join('、'));
        between.forEach((row, i) => {
          if (isNumbered(row)) return;
          const subs: AccountsRow[] = [];
          for (const next of between.slice(i + 1)) {
            if (!isNumbered(next)) break;
            subs.push(next);
          }
          if (subs.some((s) => written(s.values[column]))) check(findings, 'accounts/totals', table, row, subs, column, '其下各项');
        });
      }
    }
  }
  if (sides.length === 2) {
    const grandOf = (side: string) => {
      const row = table.rows.find((r) => r.side === side && bareName(r.name) === '总计');
      const column = row ? Object.keys(row.values)[0] : undefined;
      return row && column ? cell(table, row, column) : undefined;
    };
    const income = grandOf(sides[0]!);
    const spending = grandOf(sides[1]!);
    if (income && spending && written(income.value, spending.value)) {
      const finding = sumFinding('accounts/totals', income, [{ text: '支出总计', value: wan(table, spending.value) }], '支出方“总计”');
      if (finding) findings.push({ ...finding, message: finding.message.replace('之和', '') });
    }
  }
}

/** 三公 = 因公出国（境） + 公务用车购置及运行 + 公务接待; 公务用车 小计 = 购置 + 运行, for 预算数 and 决算数. */
function threePublic(table: AccountsTable, findings: Finding[]): void {
  for (const kind of ['预算数', '决算数']) {
    const col = (pattern: RegExp) => table.columns.find((c) => c.endsWith(kind) && pattern.test(c));
    const total = col(/^合计/u);
    const abroad = col(/因公出国/u);
    const carTotal = col(/公务用车.*小计/u);
    const carBuy = col(/公务用车购置费/u);
    const carRun = col(/公务用车运行/u);
    const reception = col(/公务接待/u);
    for (const row of table.rows) {
      const t = total ? cell(table, row, total) : undefined;
      if (t && abroad && carTotal && reception && written(t.value, row.values[abroad], row.values[carTotal], row.values[reception])) {
        const f = sumFinding('accounts/three-public', t, [abroad, carTotal, reception].map((c) => ({ text: c, value: wan(table, row.values[c]) })), '因公出国（境）费、公务用车购置及运行费、公务接待费');
        if (f) findings.push(f);
      }
      const s = carTotal ? cell(table, row, carTotal) : undefined;
      if (s && carBuy && carRun && written(s.value, row.values[carBuy], row.values[carRun])) {
        const f = sumFinding('accounts/three-public', s, [carBuy, carRun].map((c) => ({ text: c, value: wan(table, row.values[c]) })), '公务用车购置费、公务用车运行费');
        if (f) findings.push(f);
      }
    }
  }
}

/** The 决算's own arithmetic, its tables against each other, and its 说明 against its tables. */
export function checkAccounts(accounts: Accounts): Finding[] {
  const findings: Finding[] = [];
  for (const table of accounts.tables) {
    if (CODE_TABLES.has(table.kind)) codeSums(table, findings);
    if (table.kind === 'overview' || table.kind === 'grantOverview') sideTotals(table, findings);
    if (table.kind === 'threePublic') threePublic(table, findings);
    columnSums(table, findings);
  }
  findings.push(...crossTableFindings(accounts), ...proseFindings(accounts));
  if (accounts.missing.length > 0) {
    findings.push({
      ruleId: 'accounts/tables',
      severity: 'info',
      message: `未找到 ${accounts.missing.length} 张标准表：${accounts.missing.map((k) => TABLE_TITLES[k]).join('、')}；这些表的核对未进行。`,
      line: 1,
      sectionPath: [],
    });
  }
  return findings;
}
