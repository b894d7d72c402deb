import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { accountsFindings } from '../../src/accounts/read-accounts-file.js';
import { crossCheckReport } from '../../src/accounts/cross-check.js';
import { readAccounts } from '../../src/accounts/read-accounts.js';
import { parseReportText } from '../../src/report/parse-report.js';
import type { Report } from '../../src/model/index.js';
import { documentOf } from '../helpers/report-fixtures.js';
import { accountsItems, consistentFigures } from './accounts-fixture.js';
import { PUTUO_REPORT, PUTUO_REPORT_CHANGED } from './putuo-report.js';

const PUTUO_PDF = fileURLToPath(new URL('../../../shared/pdf/上海市普陀区财政局2024年度部门决算.pdf', import.meta.url));

function reportOf(text: string): Report {
  const parsed = parseReportText(text);
  if (!parsed.ok) throw new Error(parsed.problems[0]?.message);
  return parsed.report;
}

describe('check --accounts against the real 上海市普陀区财政局 决算', () => {
  it('a report whose money figures come from the 决算: every one agrees, none differs', async () => {
    const findings = await accountsFindings(reportOf(PUTUO_REPORT), PUTUO_PDF);
    if (typeof findings === 'string') throw new Error(findings);
    const figures = findings.filter((f) => f.ruleId === 'accounts/report-figure');
    expect(figures.filter((f) => f.severity === 'error')).toEqual([]);
    expect(figures.map((f) => /“(.+?)”/u.exec(f.message)?.[1])).toEqual(['总收入', '财政拨款收入', '其他收入', '总支出', '基本支出', '项目支出', '人员经费', '公用经费', '三公经费', '结转结余', '政府采购', '机关运行经费']);
    expect(findings.find((f) => f.ruleId === 'accounts/not-shown')?.message).toContain('年初预算数');
    expect(findings.find((f) => f.ruleId === 'accounts/own-arithmetic')?.message).toContain('0.3 万元');
  }, 60_000);

  it('the copy with two figures changed: exactly those two, by how much, with both places', async () => {
    const findings = await accountsFindings(reportOf(PUTUO_REPORT_CHANGED), PUTUO_PDF);
    if (typeof findings === 'string') throw new Error(findings);
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors).toHaveLength(2);
    expect(errors[0]!.message).toMatch(/“项目支出”630\.14万元.*支出决算表（第10页）“合计”行“项目支出”列为 603\.14 万元，相差 27 万元/u);
    expect(errors[1]!.message).toMatch(/“结转结余”53\.34万元.*收入支出决算总表（第7页）“年末结转和结余”行为 55\.34 万元，相差 2 万元/u);
    expect(errors.map((f) => f.line)).toEqual([21, 25]);
  }, 60_000);

  it('a 决算 in 元 is compared in 万元', () => {
    const f = consistentFigures();
    const yuan = (v: string) => (v ? (Number(v) * 10000).toFixed(2) : v);
    f.income.total = yuan(f.income.total);
    f.spending.total = yuan(f.spending.total);
    f.spending.basic = yuan(f.spending.basic);
    const accounts = readAccounts(documentOf(accountsItems(f, '元')));
    expect(accounts.tables.every((t) => t.unit === '元')).toBe(true);
    const report = reportOf(PUTUO_REPORT.replace(/2024年度总收入[^。]*。/u, '2024年度总收入120.00万元。').replace(/2024年度总支出[^。]*。/u, '2024年度总支出120万元，其中基本支出91万元。'));
    const findings = crossCheckReport(report, accounts).filter((x) => x.ruleId === 'accounts/report-figure');
    expect(findings.map((x) => `${x.severity}:${/“(.+?)”/u.exec(x.message)?.[1]}`).slice(0, 3)).toEqual(['info:总收入', 'info:总支出', 'error:基本支出']);
    expect(findings[2]!.message).toContain('为 90 万元，相差 1 万元');
  });

  it('a report of another department or year is flagged before its figures are compared', () => {
    const other = reportOf(PUTUO_REPORT.replace('部门名称：上海市普陀区财政局', '部门名称：上海市普陀区教育局'));
    const accounts = readAccounts(documentOf(accountsItems(consistentFigures())));
    const warnings = crossCheckReport(other, accounts).filter((f) => f.ruleId === 'accounts/same-department');
    expect(warnings.map((f) => f.message).join('')).toMatch(/上海市普陀区教育局.*某区某某局/u);
  });

  it('a file that is not a 部门决算 is refused with a sentence, not findings', async () => {
    const result = await accountsFindings(reportOf(PUTUO_REPORT), fileURLToPath(new URL('../../../shared/reports/lechang-2024-self-eval.txt', import.meta.url)));
    expect(typeof result).toBe('string');
  });
});

describe('crossCheckReport: figure phrasings and units', () => {
  const accounts = readAccounts(documentOf(accountsItems(consistentFigures())));
  const base = (money: string) => `某区某某局2024年度部门整体支出绩效自评报告\n一、部门基本情况\n（一）部门整体收支情况\n${money}\n二、自评结论\n经自评，本单位2024年度部门整体支出绩效自评结果为10分。\n三、绩效分析\n（一）决策（10分）\n1. 预算编制科学性（10分）\n程序规范，得10分。`;
  const CASES: { text: string; errors: string[]; agrees: string[] }[] = [
    { text: '2024年度总收入120.00万元，总支出120万元。', errors: [], agrees: ['总收入', '总支出'] },
    { text: '本年收入合计1,200,000元，其中其他收入20万元。', errors: [], agrees: ['总收入', '其他收入'] },
    { text: '收入总计130.00万元（含年初结转和结余10万元）。', errors: [], agrees: ['总收入', '年初结转结余'] },
    { text: '全年基本支出89.00万元，项目支出30.00万元。', errors: ['基本支出'], agrees: ['项目支出'] },
    { text: '“三公”经费支出1.60万元，上年“三公”经费2.00万元。', errors: ['三公经费'], agrees: [] },
    { text: '2024年度总收入决算数120.00万元，其中一般公共预算财政拨款收入100.00万元；年初预算数150万元。', errors: [], agrees: ['总收入', '一般公共预算财政拨款收入'] },
    { text: '一般公共预算财政拨款收入110.00万元，预算安排项目支出40万元。', errors: ['一般公共预算财政拨款收入'], agrees: [] },
  ];
  for (const c of CASES) {
    it(c.text, () => {
      const findings = crossCheckReport(reportOf(base(c.text)), accounts).filter((f) => f.ruleId === 'accounts/report-figure');
      const names = (severity: string) => findings.filter((f) => f.severity === severity).map((f) => /“(.+?)”/u.exec(f.message)?.[1]);
      expect(names('error')).toEqual(c.errors);
      expect(names('info')).toEqual(c.agrees);
    });
  }
});
