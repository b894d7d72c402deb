import type { Worksheet } from 'exceljs';
import { FiguresDataSchema, emptyFiguresData, type FiguresData, type IndicatorRow } from './figures-data.js';
import { SheetReader, type WorkbookProblem } from './read-cells.js';
import {
  BASICS_ROWS, BONUS, cellAddress, EXECUTION_ROWS, FINANCE_ROWS, INDICATOR_COLUMNS, INDICATOR_TOTAL_LABEL, LIST_KINDS, LISTS, PROJECTS, SHEETS, STAFFING,
} from './sheet-layout.js';
import { checkWorkbookSums } from './workbook-sums.js';

export type { WorkbookProblem } from './read-cells.js';

export type WorkbookReading =
  | { ok: true; data: FiguresData; warnings: WorkbookProblem[] }
  | { ok: false; problems: WorkbookProblem[] };

type Sheets = Record<keyof typeof SHEETS, SheetReader>;

function readBasics(s: SheetReader, data: FiguresData, missing: WorkbookProblem[]): void {
  const b = data.basics;
  const value = (key: keyof typeof BASICS_ROWS) => s.text(`B${BASICS_ROWS[key].row}`);
  for (const spec of Object.values(BASICS_ROWS)) if (spec.required) s.required(`B${spec.row}`, spec.label, missing);
  b.department = value('department');
  b.head = value('head');
  b.preparer = value('preparer');
  b.duties = value('duties');
  b.structure = value('structure');
  b.staffingNote = value('staffingNote');
  const year = s.decimal(`B${BASICS_ROWS.year.row}`, '年度');
  if (year !== null && !/^20\d{2}$/u.test(year)) s.problems.push({ cell: s.where(`B${BASICS_ROWS.year.row}`), message: `${s.where(`B${BASICS_ROWS.year.row}`)} 年度应为四位年份，如 2025` });
  else if (year !== null) b.year = Number(year);
  for (let r = STAFFING.firstRow; r <= STAFFING.lastRow; r += 1) {
    const unit = s.text(`A${r}`);
    const kind = s.text(`B${r}`);
    const authorized = s.decimal(`C${r}`, '核定编制数');
    const actual = s.decimal(`D${r}`, '实有人数');
    if (unit || kind || authorized !== null || actual !== null) b.staffing.push({ unit, kind, authorized, actual });
  }
  const kinds = new Map(Object.entries(LIST_KINDS).map(([key, label]) => [label, key as keyof typeof LIST_KINDS]));
  for (let r = LISTS.firstRow; r <= Math.min(LISTS.lastRow, s.sheet.rowCount); r += 1) {
    const text = s.text(`B${r}`);
    if (text === '') continue;
    const kind = kinds.get(s.text(`A${r}`) as (typeof LIST_KINDS)[keyof typeof LIST_KINDS]);
    if (!kind) {
      s.problems.push({ cell: s.where(`A${r}`), message: `${s.where(`A${r}`)} 类别应为${[...kinds.keys()].map((k) => `“${k}”`).join('、')}之一` });
      continue;
    }
    b[kind].push(text);
  }
}

function readFinances(s: SheetReader, data: FiguresData): void {
  const f = data.finances;
  const R = FINANCE_ROWS;
  const pair = (row: number, label: string) => ({ current: s.decimal(`B${row}`, `${label}本年数`), previous: s.decimal(`C${row}`, `${label}上年数`) });
  f.incomeSources = R.incomeSources.map((spec) => ({ name: spec.label, ...pair(spec.row, spec.label) })).filter((i) => i.current !== null || i.previous !== null);
  f.basic = pair(R.basic.row, '基本支出');
  f.personnel = pair(R.personnel.row, '人员经费');
  f.publicFunds = pair(R.publicFunds.row, '公用经费');
  f.project = pair(R.project.row, '项目支出');
  // Totals: a typed number is kept as stated (checked against the parts); a formula is recomputed in decimals later.
  const stated = (row: number, label: string) => ({
    current: s.isFormula(`B${row}`) ? null : s.decimal(`B${row}`, `${label}本年数`),
    previous: s.isFormula(`C${row}`) ? null : s.decimal(`C${row}`, `${label}上年数`),
  });
  f.incomeTotal = stated(R.incomeTotal.row, R.incomeTotal.label);
  f.spendingTotal = stated(R.spendingTotal.row, R.spendingTotal.label);
  f.incomeNote = s.text(`E${R.incomeTotal.row}`);
  f.spendingNote = s.text(`E${R.spendingTotal.row}`);
}

function readExecution(s: SheetReader, data: FiguresData): void {
  const e = data.execution;
  const R = EXECUTION_ROWS;
  e.budgetInitial = s.decimal(`B${R.budget.row}`, '预算数');
  e.budgetAdjusted = s.decimal(`C${R.budget.row}`, '调整后预算数');
  e.budgetActual = s.decimal(`D${R.budget.row}`, '执行数');
  e.budgetNote = s.text(`F${R.budget.row}`);
  e.carryOver = s.decimal(`D${R.carryOver.row}`, '结转结余');
  e.carryOverNote = s.text(`F${R.carryOver.row}`);
  e.procurementBudget = s.decimal(`B${R.procurement.row}`, '政府采购预算');
  e.procurementActual = s.decimal(`D${R.procurement.row}`, '政府采购执行数');
  e.procurementNote = s.text(`F${R.procurement.row}`);
  e.publicBudget = s.decimal(`B${R.publicFunds.row}`, '公用经费预算');
  e.publicActual = s.decimal(`D${R.publicFunds.row}`, '公用经费执行数');
  e.threePublic = R.threePublicKinds
    .map((k) => ({ kind: k.label, budget: s.decimal(`B${k.row}`, `${k.label}预算`), actual: s.decimal(`D${k.row}`, `${k.label}决算`) }))
    .filter((k) => k.budget !== null || k.actual !== null);
  e.threePublicBudget = s.isFormula(`B${R.threePublic.row}`) ? null : s.decimal(`B${R.threePublic.row}`, '“三公”经费预算');
  e.threePublicActual = s.isFormula(`D${R.threePublic.row}`) ? null : s.decimal(`D${R.threePublic.row}`, '“三公”经费决算');
}

function readProjects(s: SheetReader, data: FiguresData): void {
  for (let r = PROJECTS.firstRow; r <= Math.max(PROJECTS.lastRow, s.sheet.rowCount); r += 1) {
    const name = s.text(`A${r}`);
    const funds = s.decimal(`B${r}`, '项目资金');
    const target = s.text(`C${r}`);
    const result = s.text(`D${r}`);
    if (!name && !target && !result && funds === null) continue;
    if (!name) s.problems.push({ cell: s.where(`A${r}`), message: `${s.where(`A${r}`)} 缺少项目名称` });
    data.projects.push({ name, funds, target, result });
  }
}

function readIndicators(s: SheetReader, data: FiguresData, missing: WorkbookProblem[]): void {
  const C = INDICATOR_COLUMNS;
  const rows: (IndicatorRow & { row: number })[] = [];
  const stack: string[] = [];
  for (let r = 2; r <= s.sheet.rowCount; r += 1) {
    const names = Array.from({ length: C.levels }, (_, i) => s.text(cellAddress(r, i + 1)));
    const level = names.findIndex((n) => n !== '') + 1;
    if (level === 1 && names[0] === INDICATOR_TOTAL_LABEL) break;
    const rest = [C.weight, C.score, C.reason, C.measured, C.evidence].map((c) => s.text(cellAddress(r, c)));
    if (level === 0) {
      if (rest.some((t) => t !== '')) s.problems.push({ cell: s.where(cellAddress(r, 1)), message: `${s.where(cellAddress(r, 1))} 这一行没有指标名称` });
      continue;
    }
    if (level > stack.length + 1) {
      s.problems.push({ cell: s.where(cellAddress(r, level)), message: `${s.where(cellAddress(r, level))} “${names[level - 1]}”是${level}级指标，但上面没有它的上级指标` });
      continue;
    }
    stack.length = level - 1;
    stack.push(names[level - 1]!);
    s.required(cellAddress(r, C.weight), `${names[level - 1]}的分值`, missing);
    const weight = s.decimal(cellAddress(r, C.weight), '分值');
    const scoreText = s.text(cellAddress(r, C.score));
    const notAssessed = s.text(cellAddress(r, C.assessed)) === '否' || /不考核|不适用/u.test(scoreText);
    const score = s.isFormula(cellAddress(r, C.score)) || /不考核|不适用/u.test(scoreText) ? null : s.decimal(cellAddress(r, C.score), '自评得分');
    rows.push({
      path: [...stack], weight: weight ?? '0', score, assessed: !notAssessed, reason: rest[2]!, measured: rest[3]!, evidence: rest[4]!,
      cell: s.where(cellAddress(r, level)), row: r,
    });
  }
  rows.forEach((row, i) => {
    const isLeaf = (rows[i + 1]?.path.length ?? 0) <= row.path.length;
    if (!isLeaf) {
      row.score = null;
      row.assessed = true;
      return;
    }
    if (row.assessed && row.score === null) s.required(cellAddress(row.row, C.score), `${row.path.at(-1)}的自评得分`, missing);
  });
  if (rows.length === 0) s.problems.push({ cell: s.where('A2'), message: `${s.where('A2')} 起应填写指标及分值、自评得分（可用 selfeval template 生成带指标的模板）` });
  data.indicators = rows.map(({ row: _row, ...rest }) => rest);
}

function readBonus(s: SheetReader, data: FiguresData): void {
  for (let r = BONUS.firstRow; r <= BONUS.lastRow; r += 1) {
    const item = s.text(`A${r}`);
    const score = s.decimal(`B${r}`, '加减分');
    const evidence = s.text(`C${r}`);
    if (score === null) {
      if (item || evidence) s.problems.push({ cell: s.where(`B${r}`), message: `${s.where(`B${r}`)} 加减分事项“${item || evidence.slice(0, 10)}”缺少分值` });
      continue;
    }
    data.bonus.push({ item, score, evidence });
  }
}

function missingSheets(names: readonly string[]): string[] {
  return Object.values(SHEETS).filter((name) => !names.includes(name));
}

/** Read a filled figures workbook: every problem in Chinese with its sheet and cell, before any drafting. */
export async function readFiguresWorkbook(bytes: Uint8Array): Promise<WorkbookReading> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    return { ok: false, problems: [{ cell: null, message: '无法打开这个文件：它不是有效的 Excel（.xlsx）工作簿，或已损坏。' }] };
  }
  const names = workbook.worksheets.map((w) => w.name);
  const absent = missingSheets(names);
  if (absent.length > 0) {
    const what = absent.length === Object.keys(SHEETS).length ? '这不是 selfeval 的数据表' : '这份数据表不完整';
    return { ok: false, problems: [{ cell: null, message: `${what}：缺少工作表${absent.map((n) => `“${n}”`).join('')}，请用 selfeval template 生成模板后填写。` }] };
  }
  const sheets = Object.fromEntries(
    Object.entries(SHEETS).map(([key, name]) => [key, new SheetReader(workbook.getWorksheet(name) as Worksheet)]),
  ) as Sheets;
  const data = emptyFiguresData();
  const missing: WorkbookProblem[] = [];
  readBasics(sheets.basics, data, missing);
  readFinances(sheets.finances, data);
  readExecution(sheets.execution, data);
  readProjects(sheets.projects, data);
  readIndicators(sheets.indicators, data, missing);
  readBonus(sheets.bonus, data);
  const problems = Object.values(sheets).flatMap((s) => s.problems);
  if (missing.length > 0) problems.unshift({ cell: missing[0]!.cell, message: `以下必填单元格为空：${missing.map((m) => m.message).join('、')}` });
  problems.push(...checkWorkbookSums(data));
  if (problems.length > 0) return { ok: false, problems };
  const parsed = FiguresDataSchema.safeParse(data);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => ({ cell: null, message: `数据表内容不符合要求：${issue.path.join('.')} ${issue.message}` })) };
  }
  return { ok: true, data: parsed.data, warnings: [] };
}
