import type { FixtureItem, FixtureTable } from '../helpers/report-fixtures.js';

/** The figures of a small, consistent 部门决算 (万元); a test changes one and expects the check that catches it. */
export interface AccountsFigures {
  income: { grant: string; other: string; total: string; opening: string; grand: string };
  spending: { total: string; basic: string; project: string; closing: string; grand: string; overviewClass201: string };
  items: { code: string; name: string; basic: string; project: string }[]; // 201 06 01 … ; 类/款 rows are their sums
  classSum: string; // 201 and 20106 rows as printed
  threePublic: { total: string; abroad: string; cars: string; reception: string };
  prose: { grand: string; basic: string };
}

export function consistentFigures(): AccountsFigures {
  return {
    income: { grant: '100.00', other: '20.00', total: '120.00', opening: '10.00', grand: '130.00' },
    spending: { total: '120.00', basic: '90.00', project: '30.00', closing: '10.00', grand: '130.00', overviewClass201: '120.00' },
    items: [
      { code: '2010601', name: '行政运行', basic: '90.00', project: '' },
      { code: '2010602', name: '一般行政管理事务', basic: '', project: '30.00' },
    ],
    classSum: '120.00',
    threePublic: { total: '1.50', abroad: '', cars: '1.00', reception: '0.50' },
    prose: { grand: '130.00', basic: '90.00' },
  };
}

const codeParts = (code: string) => [code.slice(0, 3), code.slice(3, 5), code.slice(5, 7)];

/** The tables and 说明 as a document's items, titles and units above each table as a published PDF/docx prints them. */
export function accountsItems(f: AccountsFigures, unit: '万元' | '元' = '万元'): FixtureItem[] {
  const overview: FixtureTable = [
    ['收入', '<', '支出', '<'],
    ['项目', '决算数', '项目', '决算数'],
    ['一、一般公共预算财政拨款收入', f.income.grant, '一、一般公共服务支出', f.spending.overviewClass201],
    ['二、其他收入', f.income.other, '二、外交支出', ''],
    ['本年收入合计', f.income.total, '本年支出合计', f.spending.total],
    ['年初结转和结余', f.income.opening, '年末结转和结余', f.spending.closing],
    ['总计', f.income.grand, '总计', f.spending.grand],
  ];
  const sumOf = (key: 'basic' | 'project') => f.items.reduce((s, i) => s + Number(i[key] || 0), 0).toFixed(2);
  const totalOf = (i: { basic: string; project: string }) => (Number(i.basic || 0) + Number(i.project || 0)).toFixed(2);
  const expenditure: FixtureTable = [
    ['项目', '<', '<', '<', '本年支出合计', '基本支出', '项目支出'],
    ['科目编码', '<', '<', '科目名称', '^', '^', '^'],
    ['类', '款', '项', '合计', f.spending.total, f.spending.basic, f.spending.project],
    ['201', '', '', '一般公共服务支出', f.classSum, sumOf('basic'), sumOf('project')],
    ['201', '06', '', '财政事务', f.classSum, sumOf('basic'), sumOf('project')],
    ...f.items.map((i) => [...codeParts(i.code), i.name, totalOf(i), i.basic, i.project]),
  ];
  const income: FixtureTable = [
    ['项目', '<', '本年收入合计', '财政拨款收入', '其他收入'],
    ['功能分类科目编码', '科目名称', '^', '^', '^'],
    ['合计', '<', f.income.total, f.income.grant, f.income.other],
    ['201', '一般公共服务支出', f.income.total, f.income.grant, f.income.other],
  ];
  const three: FixtureTable = [
    ['合计', '<', '因公出国（境）费', '<', '公务用车购置及运行费', '<', '<', '<', '<', '<', '公务接待费', '<'],
    ['^', '^', '^', '^', '小计', '<', '公务用车购置费', '<', '公务用车运行费', '<', '^', '^'],
    ['预算数', '决算数', '预算数', '决算数', '预算数', '决算数', '预算数', '决算数', '预算数', '决算数', '预算数', '决算数'],
    ['2.00', f.threePublic.total, '', f.threePublic.abroad, '1.50', f.threePublic.cars, '', '', '1.50', f.threePublic.cars, '0.50', f.threePublic.reception],
  ];
  return [
    '某区某某局2024年度部门决算',
    '收入支出决算总表', `单位：${unit}`, { table: overview },
    '二、收入决算表', `单位：${unit}`, { table: income },
    '支出决算表', `单位：${unit}`, { table: expenditure },
    '财政拨款“三公”经费支出决算表', `单位：${unit}`, { table: three },
    '一、收入支出决算总体情况说明',
    `某区某某局2024年度收入支出总计${f.prose.grand}万元。`,
    `本年支出合计${f.spending.total}万元，其中：基本支出${f.prose.basic}万元，项目支出${f.spending.project}万元。`,
  ];
}
