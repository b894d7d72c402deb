import type { Figure, Finding, Report } from '../model/index.js';
import { dec, plain } from '../model/decimal.js';
import type { Accounts, AccountsTableKind } from './accounts-model.js';
import { cellAt, placeOf, type Cell } from './accounts-lookup.js';
import { wan } from './accounts-finding.js';

type CellRef = [AccountsTableKind, RegExp, RegExp, string?];

/** A money figure of a self-evaluation and where the 决算 shows it: table cells (first is the one compared), or a 说明 label. */
interface MoneyRole {
  name: string;
  subject: RegExp;
  exclude?: RegExp;
  cells?: CellRef[];
  prose?: string;
}

/** Not this year's 决算 figure: last year's, a budget's (but 一般公共预算/政府性基金预算/国有资本经营预算 name funds), a plan's. */
const NOT_THIS_YEAR = /上年|上一年|去年|同比|(?<!一般公共|基金|资本经营)预算|计划|目标/u;

/** Most specific first: a figure takes the first role its subject matches. */
export const MONEY_ROLES: readonly MoneyRole[] = [
  { name: '三公经费', subject: /三公/u, exclude: NOT_THIS_YEAR, cells: [['threePublic', /^$/u, /^合计\/决算数$/u]] },
  { name: '机关运行经费', subject: /机关运行经费/u, exclude: NOT_THIS_YEAR, prose: '机关运行经费' },
  { name: '政府采购', subject: /政府采购/u, exclude: NOT_THIS_YEAR, prose: '政府采购' },
  { name: '年初结转结余', subject: /(?:年初|上年)结转(?:和)?结余/u, cells: [['overview', /^年初结转和结余$/u, /./u, '收入']] },
  { name: '结转结余', subject: /结转(?:和)?结余/u, exclude: NOT_THIS_YEAR, cells: [['overview', /^年末结转和结余$/u, /./u, '支出']] },
  { name: '一般公共预算财政拨款收入', subject: /一般公共预算(?:财政)?拨款收入/u, exclude: NOT_THIS_YEAR, cells: [['overview', /^一般公共预算财政拨款(?:收入)?$/u, /./u, '收入'], ['grantOverview', /^一般公共预算财政拨款(?:收入)?$/u, /./u, '收入']] },
  { name: '一般公共预算财政拨款支出', subject: /一般公共预算(?:财政)?拨款支出/u, exclude: NOT_THIS_YEAR, cells: [['generalExpenditure', /^合计$/u, /^合计$/u]] },
  { name: '财政拨款收入', subject: /财政拨款收入/u, exclude: NOT_THIS_YEAR, cells: [['income', /^合计$/u, /^财政拨款收入$/u]] },
  { name: '其他收入', subject: /其他收入/u, exclude: NOT_THIS_YEAR, cells: [['income', /^合计$/u, /^其他收入$/u]] },
  { name: '总收入', subject: /总收入|收入总(?:额|计)?$|收入合计|本年收入/u, exclude: NOT_THIS_YEAR, cells: [['overview', /^本年收入合计$/u, /./u, '收入'], ['overview', /^总计$/u, /./u, '收入']] },
  { name: '人员经费', subject: /人员经费/u, exclude: NOT_THIS_YEAR, cells: [['generalBasic', /^人员经费(?:合计)?$/u, /./u]] },
  { name: '公用经费', subject: /公用经费/u, exclude: NOT_THIS_YEAR, cells: [['generalBasic', /^公用经费(?:合计)?$/u, /./u]] },
  { name: '基本支出', subject: /基本支出/u, exclude: NOT_THIS_YEAR, cells: [['expenditure', /^合计$/u, /^基本支出$/u]] },
  { name: '项目支出', subject: /项目支出/u, exclude: NOT_THIS_YEAR, cells: [['expenditure', /^合计$/u, /^项目支出$/u]] },
  { name: '总支出', subject: /总支出|支出总(?:额|计)?$|支出合计|本年支出/u, exclude: NOT_THIS_YEAR, cells: [['overview', /^本年支出合计$/u, /./u, '支出'], ['overview', /^总计$/u, /./u, '支出']] },
];

/** Sections of a self-evaluation whose amounts are 部门决算 figures. */
const MONEY_SECTION = /收支|收入|支出|预算|资金|经费|采购/u;

/** The role of a report figure in 万元/元, by the words before it. */
export function moneyRoleOf(figure: Figure): MoneyRole | undefined {
  if (figure.unit !== '万元' && figure.unit !== '元') return undefined;
  const subject = figure.table ? `${figure.table.label}${figure.table.header}` : figure.subject;
  return MONEY_ROLES.find((role) => role.subject.test(subject) && !(role.exclude?.test(subject) ?? false));
}

interface Shown {
  value: string;
  place: string;
}

function shownBy(accounts: Accounts, role: MoneyRole): Shown[] {
  if (role.prose) {
    return accounts.prose.filter((p) => p.label === role.prose && p.value !== null).map((p) => ({ value: p.value!, place: `部门决算说明${p.location.page ? `（第${p.location.page}页）` : ''}“${p.label}”` }));
  }
  return (role.cells ?? []).map((ref) => cellAt(accounts, ref[0], ref[1], ref[2], ref[3])).filter((c): c is Cell => c !== undefined)
    .map((c) => ({ value: wan(c.table, c.value), place: placeOf(c.table, c.row, c.column) }));
}

/**
 * Each money figure of a self-evaluation against the same year's 部门决算: agrees (info) or differs by N (error), both
 * places named; then one info listing the report's money figures the 决算 does not show.
 */
export function crossCheckReport(report: Report, accounts: Accounts): Finding[] {
  const findings: Finding[] = [];
  const unshown: string[] = [];
  for (const figure of report.figures) {
    const role = moneyRoleOf(figure);
    if (!role) {
      if ((figure.unit === '万元' || figure.unit === '元') && MONEY_SECTION.test(figure.sectionPath.join('/'))) unshown.push(`第 ${figure.line} 行“${figure.subject || figure.raw}”${figure.raw}`);
      continue;
    }
    const value = figure.unit === '元' ? plain(dec(figure.value).div(10000)) : figure.value;
    const shown = shownBy(accounts, role);
    const here = `报告第 ${figure.line} 行“${role.name}”${figure.raw}`;
    if (shown.length === 0) {
      unshown.push(`第 ${figure.line} 行“${role.name}”${figure.raw}`);
      continue;
    }
    const same = shown.find((s) => dec(s.value).eq(dec(value)));
    const base = { line: figure.line, column: figure.column, sectionPath: figure.sectionPath, related: [{ line: figure.line, text: here }] };
    if (same) {
      findings.push({ ...base, ruleId: 'accounts/report-figure', severity: 'info', message: `${here}与部门决算一致（${same.place}：${same.value} 万元）。`, expected: same.value, actual: value });
    } else {
      const first = shown[0]!;
      const difference = plain(dec(value).minus(dec(first.value)).abs());
      findings.push({
        ...base, ruleId: 'accounts/report-figure', severity: 'error',
        message: `${here}与部门决算不一致：${first.place}为 ${first.value} 万元，相差 ${difference} 万元。`,
        expected: first.value, actual: value, formula: `${value} − ${first.value} = ${plain(dec(value).minus(dec(first.value)))}`,
      });
    }
  }
  const department = (name: string | null | undefined) => (name ?? '').replace(/\s+/gu, '');
  if (department(report.department) && department(accounts.department) && department(report.department) !== department(accounts.department)) {
    findings.push({ ruleId: 'accounts/same-department', severity: 'warning', line: 1, sectionPath: [], message: `报告的单位是“${report.department}”，部门决算的单位是“${accounts.department}”：核对前请确认两份文件属于同一部门。` });
  }
  if (report.year !== null && accounts.year !== null && report.year !== accounts.year) {
    findings.push({ ruleId: 'accounts/same-department', severity: 'warning', line: 1, sectionPath: [], message: `报告是 ${report.year} 年度，部门决算是 ${accounts.year} 年度：金额应与同一年度的决算核对。` });
  }
  if (unshown.length > 0) {
    findings.push({ ruleId: 'accounts/not-shown', severity: 'info', line: 1, sectionPath: [], message: `部门决算（${accounts.name}）未列示、无法核对的报告金额：${unshown.join('；')}。` });
  }
  return findings;
}
