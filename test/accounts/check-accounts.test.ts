import { describe, expect, it } from 'vitest';
import { documentOf, toXlsx } from '../helpers/report-fixtures.js';
import { readDocument } from '../../src/document/read-document.js';
import { readAccounts } from '../../src/accounts/read-accounts.js';
import { checkAccounts } from '../../src/accounts/check-accounts.js';
import type { Accounts } from '../../src/accounts/accounts-model.js';
import { accountsItems, consistentFigures, type AccountsFigures } from './accounts-fixture.js';

type Shape = (f: AccountsFigures) => Promise<Accounts>;

/** The same 决算 as a published document (paragraph titles above tables) and as a kept workbook (one sheet per table, title in row 1). */
const SHAPES: Record<string, Shape> = {
  document: async (f) => readAccounts(documentOf(accountsItems(f), 'docx')),
  workbook: async (f) => {
    const items = accountsItems(f);
    const sheets: { name: string; table: string[][] }[] = [];
    items.forEach((item, i) => {
      if (typeof item === 'object' && 'table' in item) {
        const title = items[i - 2] as string;
        const width = item.table[0]!.length;
        sheets.push({ name: title.slice(0, 20), table: [[title, ...Array(width - 1).fill('<')], ['单位：万元', ...Array(width - 1).fill('')], ...item.table] });
      }
    });
    const read = await readDocument('决算.xlsx', await toXlsx(sheets));
    if (!read.ok) throw new Error(read.problem.message);
    return readAccounts(read.document);
  },
};

/** A kept workbook whose sheets are named by the table and hold only the table (no title row). */
SHAPES['workbook, title as sheet name'] = async (f) => {
  const items = accountsItems(f);
  const sheets = items.flatMap((item, i) => (typeof item === 'object' && 'table' in item ? [{ name: `公开0${i}表${(items[i - 2] as string).replace(/^[一二三四五六七八九十]、/u, '')}`.slice(0, 31), table: item.table }] : []));
  const read = await readDocument('决算.xlsx', await toXlsx(sheets));
  if (!read.ok) throw new Error(read.problem.message);
  return readAccounts(read.document);
};

const problems = (accounts: Accounts) => checkAccounts(accounts).filter((f) => f.severity !== 'info');

/** Each edit breaks one relation; the rule that must say so, and the figures it quotes. */
const INVALID: { name: string; edit: (f: AccountsFigures) => void; rule: string; quotes: string[]; shapes?: string[] }[] = [
  { name: '本年收入合计 ≠ its lines', edit: (f) => { f.income.total = '125.00'; f.income.grand = '135.00'; f.spending.grand = '135.00'; f.spending.closing = '15.00'; }, rule: 'accounts/totals', quotes: ['为 125', '为 120'] },
  { name: '收入总计 ≠ 支出总计', edit: (f) => { f.spending.grand = '131.00'; }, rule: 'accounts/totals', quotes: ['为 131'] },
  { name: '类 ≠ Σ 款', edit: (f) => { f.classSum = '121.00'; }, rule: 'accounts/class-sums', quotes: ['为 121', '为 120'] },
  { name: '款 = 类 but ≠ Σ 项', edit: (f) => { f.items[0]!.basic = '91.00'; f.items[0]!.project = ''; }, rule: 'accounts/class-sums', quotes: ['为 91', '为 90'] },
  { name: '三公 合计 ≠ 因公出国 + 公务用车 + 公务接待', edit: (f) => { f.threePublic.total = '2.50'; }, rule: 'accounts/three-public', quotes: ['为 2.5', '为 1.5'] },
  { name: '总表 类 ≠ 支出决算表 类', edit: (f) => { f.spending.overviewClass201 = '119.00'; f.spending.total = '119.00'; f.spending.grand = '129.00'; f.income.grand = '129.00'; f.income.opening = '9.00'; }, rule: 'accounts/same-figure', quotes: ['为 119', '为 120'] },
  { name: '说明 总计 ≠ 总表', edit: (f) => { f.prose.grand = '13.00'; }, rule: 'accounts/prose', quotes: ['13.00', '130.00'], shapes: ['document'] },
  { name: '说明 基本支出 ≠ 支出决算表', edit: (f) => { f.prose.basic = '95.00'; }, rule: 'accounts/prose', quotes: ['95.00', '90.00'], shapes: ['document'] },
];

describe('checkAccounts', () => {
  for (const [shape, build] of Object.entries(SHAPES)) {
    it(`${shape}: a consistent 决算 reads into its tables and passes`, async () => {
      const accounts = await build(consistentFigures());
      expect(accounts.tables.map((t) => t.kind).sort()).toEqual(['expenditure', 'income', 'overview', 'threePublic']);
      if (!shape.includes('sheet name')) expect(accounts.tables.every((t) => t.unit === '万元')).toBe(true);
      expect(accounts.tables.find((t) => t.kind === 'expenditure')!.rows.map((r) => r.code)).toEqual([null, '201', '20106', '2010601', '2010602']);
      expect(problems(accounts)).toEqual([]);
      expect(checkAccounts(accounts).filter((f) => f.ruleId === 'accounts/tables')).toHaveLength(1);
    });
    for (const c of INVALID.filter((x) => !x.shapes || x.shapes.includes(shape))) {
      it(`${shape}: ${c.name}`, async () => {
        const figures = consistentFigures();
        c.edit(figures);
        const found = problems(await build(figures));
        expect(found.map((f) => f.ruleId)).toContain(c.rule);
        const message = found.filter((f) => f.ruleId === c.rule).map((f) => f.message).join('\n');
        for (const quote of c.quotes) expect(message).toContain(quote);
      });
    }
  }

  it('placeholders (XX, empty, —) read as empty values, not figures or errors', () => {
    const f = consistentFigures();
    const items = accountsItems(f).map((item) => (typeof item === 'object' && 'table' in item
      ? { table: item.table.map((row, r) => (r < 2 ? row : row.map((t) => (/^\d/u.test(t) ? (r % 2 ? 'XX' : '—') : t)))) }
      : item));
    const accounts = readAccounts(documentOf(items));
    expect(accounts.tables.flatMap((t) => t.rows.flatMap((r) => Object.values(r.values).map((v) => v.value))).filter((v) => v !== null && !/^20/u.test(v))).toEqual([]);
    expect(problems(accounts)).toEqual([]);
  });
});
