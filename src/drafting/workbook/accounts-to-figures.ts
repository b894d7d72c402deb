import { emptyFiguresData, type FiguresData } from './figures-data.js';
import { dec, sum } from '../../model/decimal.js';
import type { Accounts, AccountsTableKind } from '../../accounts/accounts-model.js';
import { cellAt, tableOf } from '../../accounts/accounts-lookup.js';
import { wan } from '../../accounts/accounts-finding.js';

type Amount = string | null;

/**
 * `start`: the workbook to fill (the rubric's template with its indicator rows, for the person to score).
 * The figures workbook's income, expenditure, 三公 and execution cells taken from a 部门决算: only what its tables (and,
 * for 政府采购, its 说明) show; an empty cell of a table that was read is 0, a table that was not read leaves its cells empty.
 */
export function figuresFromAccounts(accounts: Accounts, start: FiguresData = emptyFiguresData()): FiguresData {
  const data = structuredClone(start);
  data.basics.department = accounts.department ?? '';
  data.basics.duties = accounts.duties;
  data.basics.year = accounts.year;
  const amount = (kind: AccountsTableKind, row: RegExp, column: RegExp, side?: string): Amount => {
    const cell = cellAt(accounts, kind, row, column, side);
    return cell ? wan(cell.table, cell.value) : null;
  };
  const f = data.finances;
  const incomeTotal = amount('overview', /^本年收入合计$/u, /./u, '收入') ?? amount('income', /^合计$/u, /^本年收入合计$/u);
  f.incomeTotal = { current: incomeTotal, previous: null };
  const sources: [string, RegExp][] = [['财政拨款收入', /^财政拨款收入$/u], ['事业收入', /^事业收入$/u], ['经营收入', /^经营收入$/u], ['其他收入', /^其他收入$/u]];
  const parts = sources.map(([name, column]) => ({ name, current: amount('income', /^合计$/u, column), previous: null }));
  // The workbook adds its sources into 收入合计; they are written only when they make up the 决算's total exactly
  // (a 上级补助收入 or 附属单位上缴收入 has no row there: then the total stands alone).
  if (incomeTotal !== null && parts.every((p) => p.current !== null) && sum(parts.map((p) => p.current!)).eq(dec(incomeTotal))) {
    f.incomeSources = parts.filter((p) => !dec(p.current!).isZero());
  }
  const spendingTotal = amount('overview', /^本年支出合计$/u, /./u, '支出') ?? amount('expenditure', /^合计$/u, /^本年支出合计$/u);
  f.spendingTotal = { current: spendingTotal, previous: null };
  const basic = amount('expenditure', /^合计$/u, /^基本支出$/u);
  const project = amount('expenditure', /^合计$/u, /^项目支出$/u);
  if (spendingTotal === null || (basic !== null && project !== null && sum([basic, project]).eq(dec(spendingTotal)))) {
    f.basic = { current: basic, previous: null };
    f.project = { current: project, previous: null };
  }
  f.personnel = { current: amount('generalBasic', /^人员经费(?:合计)?$/u, /./u), previous: null };
  f.publicFunds = { current: amount('generalBasic', /^公用经费(?:合计)?$/u, /./u), previous: null };

  const e = data.execution;
  e.carryOver = amount('overview', /^年末结转和结余$/u, /./u, '支出');
  e.procurementActual = accounts.prose.find((p) => p.label === '政府采购' && p.value !== null)?.value ?? null;
  e.publicActual = f.publicFunds.current;
  if (tableOf(accounts, 'threePublic')) {
    const three = (kind: RegExp, which: '预算数' | '决算数') => amount('threePublic', /^$/u, new RegExp(`${kind.source}.*${which}$`, 'u'));
    e.threePublicBudget = three(/^合计/u, '预算数');
    e.threePublicActual = three(/^合计/u, '决算数');
    e.threePublic = [
      { kind: '因公出国（境）费', budget: three(/因公出国/u, '预算数'), actual: three(/因公出国/u, '决算数') },
      { kind: '公务接待费', budget: three(/公务接待/u, '预算数'), actual: three(/公务接待/u, '决算数') },
      { kind: '公务用车购置费', budget: three(/公务用车购置费/u, '预算数'), actual: three(/公务用车购置费/u, '决算数') },
      { kind: '公务用车运行维护费', budget: three(/公务用车运行/u, '预算数'), actual: three(/公务用车运行/u, '决算数') },
    ];
  }
  return data;
}

