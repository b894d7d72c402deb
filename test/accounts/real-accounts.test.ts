import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/document/read-document.js';
import { readAccounts } from '../../src/accounts/read-accounts.js';
import { checkAccounts } from '../../src/accounts/check-accounts.js';
import { cellAt } from '../../src/accounts/accounts-lookup.js';
import type { Accounts } from '../../src/accounts/accounts-model.js';

const PDF = new URL('../../../shared/pdf/', import.meta.url);

async function accountsOf(name: string): Promise<Accounts> {
  const bytes = new Uint8Array(await readFile(new URL(name, PDF)));
  const read = await readDocument(name, bytes);
  if (!read.ok) throw new Error(read.problem.message);
  return readAccounts(read.document);
}

describe('the two real 部门决算 PDFs', () => {
  it('上海市普陀区财政局: all nine tables, values as printed, and what is really off', async () => {
    const accounts = await accountsOf('上海市普陀区财政局2024年度部门决算.pdf');
    expect(accounts.department).toBe('上海市普陀区财政局');
    expect(accounts.year).toBe(2024);
    expect(accounts.missing).toEqual([]);
    expect(accounts.tables.map((t) => t.unit)).toEqual(Array(9).fill('万元'));
    const value = (kind: Parameters<typeof cellAt>[1], row: RegExp, column: RegExp, side?: string) => cellAt(accounts, kind, row, column, side)?.value.value;
    expect(value('overview', /^总计$/u, /./u, '收入')).toBe('2995.39');
    expect(value('overview', /^年末结转和结余$/u, /./u, '支出')).toBe('55.34');
    expect(value('income', /^合计$/u, /^其他收入$/u)).toBe('6.20');
    expect(value('expenditure', /^合计$/u, /^项目支出$/u)).toBe('603.14');
    expect(value('generalBasic', /^公用经费合计$/u, /./u)).toBe('184.65');
    expect(value('threePublic', /^$/u, /^合计\/预算数$/u)).toBe('0.95');
    expect(value('threePublic', /^$/u, /^合计\/决算数$/u)).toBeNull();
    expect(accounts.tables.find((t) => t.kind === 'expenditure')!.rows.find((r) => r.code === '2010601')!.values['基本支出']!.value).toBe('1503.52');

    const findings = checkAccounts(accounts);
    // Checked by hand: the 类 rows were rounded before being added (0.01), 社会保障和就业支出 is 326.71 in the 总表s but
    // 326.72 in the detail tables, two 经济分类 类 are 0.01/0.02 off their 款, and the 说明 says 财政拨款收入支出总计 0.3万元.
    expect(findings.filter((f) => f.severity === 'warning').map((f) => `${f.expected}/${f.actual}`)).toEqual([
      '2946.26/2946.25', '2940.06/2940.05', '2940.06/2940.05', '2336.92/2336.91', '2940.06/2940.05', '2336.92/2336.91', '2082.86/2082.85', '171.09/171.07',
    ]);
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.ruleId)).toEqual(['accounts/same-figure', 'accounts/same-figure', 'accounts/prose']);
    expect(errors[2]!.message).toContain('0.3 万元');
    expect(errors[2]!.message).toContain('2961.68 万元');
  }, 60_000);

  it('the template: nine tables, placeholders read as empty, no arithmetic findings', async () => {
    const accounts = await accountsOf('附件2：部门决算模板.pdf');
    expect(accounts.missing).toEqual([]);
    expect(accounts.tables.flatMap((t) => t.rows.flatMap((r) => Object.values(r.values))).every((v) => v.value === null)).toBe(true);
    expect(accounts.prose.length).toBeGreaterThan(10);
    expect(accounts.prose.every((p) => p.value === null)).toBe(true);
    expect(checkAccounts(accounts)).toEqual([]);
  }, 60_000);
});
