import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readAccountsFile } from '../../src/accounts/read-accounts-file.js';
import { figuresFromAccounts } from '../../src/drafting/workbook/accounts-to-figures.js';
import { templateData } from '../../src/drafting/workbook/template-data.js';
import { writeFiguresWorkbook } from '../../src/drafting/workbook/write-workbook.js';
import { readFiguresWorkbook } from '../../src/drafting/workbook/read-workbook.js';
import { draftFromWorkbook } from '../../src/drafting/document/draft-full-report.js';
import { loadRubric } from '../../src/rubric/load-rubric.js';
import { parseReportText } from '../../src/report/parse-report.js';
import { crossCheckReport } from '../../src/accounts/cross-check.js';
import { readAccounts } from '../../src/accounts/read-accounts.js';
import { documentOf } from '../helpers/report-fixtures.js';
import { accountsItems, consistentFigures } from './accounts-fixture.js';
import type { Accounts } from '../../src/accounts/accounts-model.js';

const PUTUO_PDF = fileURLToPath(new URL('../../../shared/pdf/上海市普陀区财政局2024年度部门决算.pdf', import.meta.url));

/** figures 决算 → the person scores every indicator in full → draft 全文 → the draft's money figures against the 决算. */
async function draftFrom(accounts: Accounts): Promise<string> {
  const rubric = await loadRubric();
  const data = figuresFromAccounts(accounts, templateData(rubric));
  const parents = new Set(data.indicators.map((r) => r.path.slice(0, -1).join('/')));
  for (const row of data.indicators) if (!parents.has(row.path.join('/'))) row.score = row.weight;
  if (!data.basics.duties) data.basics.duties = '负责本部门职责范围内的工作。';
  const read = await readFiguresWorkbook(await writeFiguresWorkbook(data));
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  expect(read.data.finances.basic.current).toBe(data.finances.basic.current);
  const drafted = await draftFromWorkbook(await writeFiguresWorkbook(data), rubric, 'md');
  if (!drafted.ok) throw new Error(JSON.stringify(drafted.problems));
  return new TextDecoder().decode(drafted.file.bytes);
}

describe('selfeval figures 部门决算 → draft 全文', () => {
  it('the real 普陀区财政局 决算: the workbook holds its figures and the draft states them, each equal to the 决算', async () => {
    const accounts = await readAccountsFile(PUTUO_PDF);
    if (typeof accounts === 'string') throw new Error(accounts);
    const data = figuresFromAccounts(accounts);
    expect(data.basics.department).toBe('上海市普陀区财政局');
    expect(data.basics.duties).toMatch(/^第一条/u);
    expect(data.finances.incomeTotal.current).toBe('2946.25');
    expect(data.finances.incomeSources).toEqual([{ name: '财政拨款收入', current: '2940.05', previous: null }, { name: '其他收入', current: '6.20', previous: null }]);
    expect([data.finances.spendingTotal.current, data.finances.basic.current, data.finances.project.current]).toEqual(['2940.05', '2336.91', '603.14']);
    expect([data.finances.personnel.current, data.finances.publicFunds.current]).toEqual(['2152.26', '184.65']);
    expect([data.execution.carryOver, data.execution.procurementActual, data.execution.threePublicBudget, data.execution.threePublicActual]).toEqual(['55.34', '251.25', '0.95', '0']);

    const text = await draftFrom(accounts);
    const parsed = parseReportText(text);
    if (!parsed.ok) throw new Error(parsed.problems[0]?.message);
    const findings = crossCheckReport(parsed.report, accounts).filter((f) => f.ruleId === 'accounts/report-figure');
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    const agreed = new Set(findings.map((f) => /“(.+?)”/u.exec(f.message)?.[1]));
    for (const name of ['总收入', '财政拨款收入', '其他收入', '总支出', '基本支出', '项目支出']) expect(agreed).toContain(name);
  }, 90_000);

  it('a 决算 whose sources do not make up its total leaves the sources out rather than writing a wrong sum', () => {
    const figures = consistentFigures();
    figures.income.other = '25.00';
    const data = figuresFromAccounts(readAccounts(documentOf(accountsItems(figures))));
    expect(data.finances.incomeTotal.current).toBe('120.00');
    expect(data.finances.incomeSources).toEqual([]);
  });
});
