import type { Workbook, Worksheet, Cell } from 'exceljs';
import { dec, sum } from '../../model/decimal.js';
import type { FiguresData, IndicatorRow } from './figures-data.js';
import {
  BASICS_ROWS, BONUS, BONUS_HEADERS, cellAddress, EXECUTION_HEADERS, EXECUTION_ROWS, FINANCE_HEADERS, FINANCE_ROWS, INDICATOR_COLUMNS,
  INDICATOR_HEADERS, INDICATOR_TOTAL_LABEL, LIST_KINDS, LISTS, PROJECT_HEADERS, PROJECTS, SHEETS, STAFFING, STAFFING_HEADERS,
} from './sheet-layout.js';

const MONEY_FORMAT = '0.00##';
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } } as const;
const DERIVED_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } } as const;

type Amount = string | null;

/** Widths of the first columns of a sheet, left to right (Excel character units). */
function columnWidths(sheet: Worksheet, widths: readonly number[]): void {
  widths.forEach((width, i) => {
    sheet.getColumn(i + 1).width = width;
  });
}

function header(sheet: Worksheet, row: number, titles: readonly string[]): void {
  titles.forEach((title, i) => {
    const cell = sheet.getRow(row).getCell(i + 1);
    cell.value = title;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
  });
}

function numberCell(cell: Cell, value: Amount, prompt: string, allowNegative = false): void {
  if (value !== null) cell.value = Number(value);
  cell.numFmt = MONEY_FORMAT;
  cell.dataValidation = {
    type: 'decimal',
    operator: allowNegative ? 'between' : 'greaterThanOrEqual',
    allowBlank: true,
    formulae: allowNegative ? [-1000000000, 1000000000] : [0],
    showErrorMessage: true,
    errorTitle: '应为数字',
    error: prompt,
  };
}

/** A derived cell: a formula the spreadsheet shows, with the value we computed in decimals as its cached result. */
function formulaCell(cell: Cell, formula: string, result: string | null, numFmt = MONEY_FORMAT): void {
  cell.value = result === null ? { formula } : { formula, result: Number(result) };
  cell.numFmt = numFmt;
  cell.fill = DERIVED_FILL;
}

function sumOrNull(values: readonly Amount[]): string | null {
  const given = values.filter((v): v is string => v !== null);
  return given.length === 0 ? null : sum(given).toFixed();
}

function rate(numerator: Amount, denominator: Amount): string | null {
  if (numerator === null || denominator === null || dec(denominator).isZero()) return null;
  return dec(numerator).div(dec(denominator)).toFixed();
}

function writeBasics(sheet: Worksheet, data: FiguresData): void {
  header(sheet, 1, ['项目', '内容']);
  const b = data.basics;
  const values: Record<keyof typeof BASICS_ROWS, string | number | null> = {
    department: b.department, year: b.year, head: b.head, preparer: b.preparer, duties: b.duties, structure: b.structure, staffingNote: b.staffingNote,
  };
  for (const [key, spec] of Object.entries(BASICS_ROWS) as [keyof typeof BASICS_ROWS, (typeof BASICS_ROWS)[keyof typeof BASICS_ROWS]][]) {
    sheet.getCell(`A${spec.row}`).value = spec.required ? `${spec.label}（必填）` : spec.label;
    const cell = sheet.getCell(`B${spec.row}`);
    const value = values[key];
    if (value !== null && value !== '') cell.value = value;
    cell.alignment = { wrapText: true, vertical: 'top' };
  }
  sheet.getCell(`B${BASICS_ROWS.year.row}`).dataValidation = {
    type: 'whole', operator: 'between', allowBlank: true, formulae: [2000, 2100], showErrorMessage: true, errorTitle: '应为年份', error: '请填写四位年份，如 2025',
  };
  header(sheet, STAFFING.headerRow, STAFFING_HEADERS);
  for (let r = STAFFING.firstRow; r <= STAFFING.lastRow; r += 1) {
    const row = b.staffing[r - STAFFING.firstRow];
    if (row) {
      sheet.getCell(`A${r}`).value = row.unit;
      sheet.getCell(`B${r}`).value = row.kind;
    }
    numberCell(sheet.getCell(`C${r}`), row?.authorized ?? null, '核定编制数应为数字（名）');
    numberCell(sheet.getCell(`D${r}`), row?.actual ?? null, '实有人数应为数字（人）');
    sheet.getCell(`C${r}`).numFmt = '0';
    sheet.getCell(`D${r}`).numFmt = '0';
  }
  sheet.getCell(`A${STAFFING.totalRow}`).value = '合计';
  for (const column of ['C', 'D'] as const) {
    const values = b.staffing.map((s) => (column === 'C' ? s.authorized : s.actual));
    formulaCell(sheet.getCell(`${column}${STAFFING.totalRow}`), `SUM(${column}${STAFFING.firstRow}:${column}${STAFFING.lastRow})`, sumOrNull(values) ?? '0', '0');
  }
  header(sheet, LISTS.headerRow, ['类别', '内容（每行一条）']);
  const items = (Object.keys(LIST_KINDS) as (keyof typeof LIST_KINDS)[]).flatMap((kind) => b[kind].map((text) => [LIST_KINDS[kind], text] as const));
  items.forEach(([kind, text], i) => {
    sheet.getCell(`A${LISTS.firstRow + i}`).value = kind;
    sheet.getCell(`B${LISTS.firstRow + i}`).value = text;
    sheet.getCell(`B${LISTS.firstRow + i}`).alignment = { wrapText: true, vertical: 'top' };
  });
  for (let r = LISTS.firstRow; r <= LISTS.lastRow; r += 1) {
    sheet.getCell(`A${r}`).dataValidation = {
      type: 'list', allowBlank: true, formulae: [`"${Object.values(LIST_KINDS).join(',')}"`], showErrorMessage: true, errorTitle: '类别', error: '请从下拉列表中选择类别',
    };
  }
  columnWidths(sheet, [34, 90, 16, 16]);
}

function writeFinances(sheet: Worksheet, data: FiguresData): void {
  header(sheet, 1, FINANCE_HEADERS);
  const f = data.finances;
  const R = FINANCE_ROWS;
  const inputs: [number, string, { current: Amount; previous: Amount }][] = [
    ...R.incomeSources.map((s) => [s.row, s.label, f.incomeSources.find((i) => i.name === s.label) ?? { current: null, previous: null }] as [number, string, { current: Amount; previous: Amount }]),
    [R.basic.row, R.basic.label, f.basic],
    [R.personnel.row, R.personnel.label, f.personnel],
    [R.publicFunds.row, R.publicFunds.label, f.publicFunds],
    [R.project.row, R.project.label, f.project],
  ];
  for (const [row, label, pair] of inputs) {
    sheet.getCell(`A${row}`).value = label;
    numberCell(sheet.getCell(`B${row}`), pair.current, `${label}（本年数）应为数字，单位万元`);
    numberCell(sheet.getCell(`C${row}`), pair.previous, `${label}（上年数）应为数字，单位万元`);
  }
  const first = R.incomeSources[0]!.row;
  const last = R.incomeSources[R.incomeSources.length - 1]!.row;
  for (const [column, key] of [['B', 'current'], ['C', 'previous']] as const) {
    // A total the report states without its parts is written as a number; otherwise it is the formula over the parts.
    const incomeParts = f.incomeSources.map((s) => s[key]);
    const income = f.incomeTotal[key];
    const incomeCell = sheet.getCell(`${column}${R.incomeTotal.row}`);
    if (income !== null && incomeParts.every((p) => p === null)) numberCell(incomeCell, income, '收入合计应为数字');
    else formulaCell(incomeCell, `SUM(${column}${first}:${column}${last})`, sumOrNull(incomeParts));
    const spendingParts = [f.basic[key], f.project[key]];
    const spending = f.spendingTotal[key];
    const spendingCell = sheet.getCell(`${column}${R.spendingTotal.row}`);
    if (spending !== null && spendingParts.some((p) => p === null)) numberCell(spendingCell, spending, '支出合计应为数字');
    else formulaCell(spendingCell, `${column}${R.basic.row}+${column}${R.project.row}`, sumOrNull(spendingParts));
  }
  sheet.getCell(`A${R.incomeTotal.row}`).value = R.incomeTotal.label;
  sheet.getCell(`A${R.spendingTotal.row}`).value = R.spendingTotal.label;
  for (let row = R.incomeTotal.row; row <= R.project.row; row += 1) {
    const current = row === R.incomeTotal.row ? f.incomeTotal.current : row === R.spendingTotal.row ? f.spendingTotal.current : null;
    const previous = row === R.incomeTotal.row ? f.incomeTotal.previous : row === R.spendingTotal.row ? f.spendingTotal.previous : null;
    const change = current !== null && previous !== null && !dec(previous).isZero() ? dec(current).minus(previous).div(previous).toFixed() : null;
    formulaCell(sheet.getCell(`D${row}`), `IF(AND(ISNUMBER(B${row}),ISNUMBER(C${row}),N(C${row})<>0),(B${row}-C${row})/C${row},"")`, change, '0.00%');
  }
  sheet.getCell(`E${R.incomeTotal.row}`).value = f.incomeNote || null;
  sheet.getCell(`E${R.spendingTotal.row}`).value = f.spendingNote || null;
  columnWidths(sheet, [22, 16, 16, 16, 60]);
}

function writeExecution(sheet: Worksheet, data: FiguresData): void {
  header(sheet, 1, EXECUTION_HEADERS);
  const e = data.execution;
  const R = EXECUTION_ROWS;
  const rows: [number, string, Amount, Amount, Amount, string][] = [
    [R.budget.row, R.budget.label, e.budgetInitial, e.budgetAdjusted, e.budgetActual, e.budgetNote],
    [R.carryOver.row, R.carryOver.label, null, null, e.carryOver, e.carryOverNote],
    [R.procurement.row, R.procurement.label, e.procurementBudget, null, e.procurementActual, e.procurementNote],
    [R.publicFunds.row, R.publicFunds.label, e.publicBudget, null, e.publicActual, ''],
    ...R.threePublicKinds.map((k): [number, string, Amount, Amount, Amount, string] => {
      const row = e.threePublic.find((t) => t.kind === k.label);
      return [k.row, k.label, row?.budget ?? null, null, row?.actual ?? null, ''];
    }),
  ];
  for (const [row, label, budget, adjusted, actual, note] of rows) {
    sheet.getCell(`A${row}`).value = label;
    numberCell(sheet.getCell(`B${row}`), budget, `${label}（预算数）应为数字，单位万元`);
    numberCell(sheet.getCell(`C${row}`), adjusted, `${label}（调整后预算数）应为数字，单位万元`);
    numberCell(sheet.getCell(`D${row}`), actual, `${label}（执行数）应为数字，单位万元`);
    if (note) sheet.getCell(`F${row}`).value = note;
  }
  sheet.getCell(`A${R.threePublic.row}`).value = R.threePublic.label;
  const kindsFirst = R.threePublicKinds[0]!.row;
  const kindsLast = R.threePublicKinds[R.threePublicKinds.length - 1]!.row;
  for (const [column, total, key] of [['B', e.threePublicBudget, 'budget'], ['D', e.threePublicActual, 'actual']] as const) {
    const parts = e.threePublic.map((t) => t[key]);
    const cell = sheet.getCell(`${column}${R.threePublic.row}`);
    if (total !== null && parts.every((p) => p === null)) numberCell(cell, total, '“三公”经费合计应为数字');
    else formulaCell(cell, `SUM(${column}${kindsFirst}:${column}${kindsLast})`, sumOrNull(parts));
  }
  const budgetOf = (row: number) => `IF(ISNUMBER(C${row}),C${row},B${row})`;
  for (let row: number = R.budget.row; row <= kindsLast; row += 1) {
    if (row === (R.carryOver.row as number)) continue;
    const result =
      row === R.budget.row ? rate(e.budgetActual, e.budgetAdjusted ?? e.budgetInitial)
        : row === R.procurement.row ? rate(e.procurementActual, e.procurementBudget)
          : row === R.publicFunds.row ? rate(e.publicActual, e.publicBudget)
            : row === R.threePublic.row ? rate(e.threePublicActual, e.threePublicBudget) : null;
    formulaCell(sheet.getCell(`E${row}`), `IF(AND(ISNUMBER(D${row}),N(${budgetOf(row)})<>0),D${row}/${budgetOf(row)},"")`, result, '0.00%');
  }
  columnWidths(sheet, [34, 16, 16, 16, 16, 60]);
}

function writeProjects(sheet: Worksheet, data: FiguresData): void {
  header(sheet, 1, PROJECT_HEADERS);
  for (let r = PROJECTS.firstRow; r <= PROJECTS.lastRow; r += 1) {
    const project = data.projects[r - PROJECTS.firstRow];
    if (project) {
      sheet.getCell(`A${r}`).value = project.name;
      sheet.getCell(`C${r}`).value = project.target || null;
      sheet.getCell(`D${r}`).value = project.result || null;
    }
    numberCell(sheet.getCell(`B${r}`), project?.funds ?? null, '项目资金应为数字，单位万元');
  }
  columnWidths(sheet, [30, 14, 50, 50]);
}

function writeIndicators(sheet: Worksheet, data: FiguresData): void {
  header(sheet, 1, INDICATOR_HEADERS);
  const rows = data.indicators;
  const C = INDICATOR_COLUMNS;
  const isParent = (i: number) => (rows[i + 1]?.path.length ?? 0) > rows[i]!.path.length;
  const childrenOf = (i: number) => {
    const out: number[] = [];
    for (let j = i + 1; j < rows.length && rows[j]!.path.length > rows[i]!.path.length; j += 1) if (rows[j]!.path.length === rows[i]!.path.length + 1) out.push(j);
    return out;
  };
  const scoreAddress = (i: number) => cellAddress(i + 2, C.score);
  const leafScore = (i: number): string | null => (isParent(i) ? sumOrNull(childrenOf(i).map(leafScore)) : rows[i]!.assessed ? rows[i]!.score : null);
  rows.forEach((indicator: IndicatorRow, i) => {
    const r = i + 2;
    const line = sheet.getRow(r);
    line.getCell(indicator.path.length).value = indicator.path[indicator.path.length - 1]!;
    numberCell(line.getCell(C.weight), indicator.weight, '分值应为数字');
    if (isParent(i)) {
      formulaCell(line.getCell(C.score), childrenOf(i).map(scoreAddress).join('+') || '0', leafScore(i), '0.##');
      for (const c of [C.assessed, C.reason, C.measured, C.evidence]) line.getCell(c).fill = DERIVED_FILL;
      line.font = { bold: true };
      return;
    }
    numberCell(line.getCell(C.score), indicator.score, '自评得分应为数字（分）');
    line.getCell(C.score).numFmt = '0.##';
    line.getCell(C.assessed).value = indicator.assessed ? '是' : '否';
    line.getCell(C.assessed).dataValidation = { type: 'list', allowBlank: true, formulae: ['"是,否"'], showErrorMessage: true, errorTitle: '是否考核', error: '请选择“是”或“否”' };
    if (indicator.reason) line.getCell(C.reason).value = indicator.reason;
    if (indicator.measured) line.getCell(C.measured).value = indicator.measured;
    if (indicator.evidence) line.getCell(C.evidence).value = indicator.evidence;
    line.getCell(C.evidence).alignment = { wrapText: true, vertical: 'top' };
  });
  const totalRow = rows.length + 2;
  sheet.getCell(`A${totalRow}`).value = INDICATOR_TOTAL_LABEL;
  sheet.getCell(`A${totalRow}`).font = { bold: true };
  const topLevel = rows.map((row, i) => (row.path.length === 1 ? i : -1)).filter((i) => i >= 0);
  const total = sumOrNull([...topLevel.map(leafScore), ...data.bonus.map((b) => b.score)]);
  const bonusCell = `'${SHEETS.bonus}'!B${BONUS.totalRow}`;
  formulaCell(sheet.getCell(cellAddress(totalRow, C.score)), `${topLevel.map(scoreAddress).join('+') || '0'}+${bonusCell}`, total, '0.##');
  const weights = sumOrNull(topLevel.map((i) => rows[i]!.weight));
  formulaCell(sheet.getCell(cellAddress(totalRow, C.weight)), topLevel.map((i) => cellAddress(i + 2, C.weight)).join('+') || '0', weights, '0.##');
  for (const c of [1, 2, 3, 4]) sheet.getColumn(c).width = 20;
  sheet.getColumn(C.reason).width = 40;
  sheet.getColumn(C.measured).width = 18;
  sheet.getColumn(C.evidence).width = 70;
}

function writeBonus(sheet: Worksheet, data: FiguresData): void {
  header(sheet, 1, BONUS_HEADERS);
  for (let r = BONUS.firstRow; r <= BONUS.lastRow; r += 1) {
    const item = data.bonus[r - BONUS.firstRow];
    if (item) {
      sheet.getCell(`A${r}`).value = item.item;
      sheet.getCell(`C${r}`).value = item.evidence || null;
    }
    numberCell(sheet.getCell(`B${r}`), item?.score ?? null, '加减分应为数字（分，减分写负数）', true);
    sheet.getCell(`B${r}`).numFmt = '0.##';
  }
  sheet.getCell(`A${BONUS.totalRow}`).value = '合计';
  formulaCell(sheet.getCell(`B${BONUS.totalRow}`), `SUM(B${BONUS.firstRow}:B${BONUS.lastRow})`, sumOrNull(data.bonus.map((b) => b.score)) ?? '0', '0.##');
  columnWidths(sheet, [30, 16, 80]);
}

/** Lay out the figures workbook (template or filled) and return the .xlsx bytes. */
export async function writeFiguresWorkbook(data: FiguresData): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook: Workbook = new ExcelJS.Workbook();
  workbook.creator = 'selfeval';
  workbook.calcProperties.fullCalcOnLoad = true;
  const writers: [string, (sheet: Worksheet, data: FiguresData) => void][] = [
    [SHEETS.basics, writeBasics],
    [SHEETS.finances, writeFinances],
    [SHEETS.execution, writeExecution],
    [SHEETS.projects, writeProjects],
    [SHEETS.indicators, writeIndicators],
    [SHEETS.bonus, writeBonus],
  ];
  for (const [name, write] of writers) {
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    write(sheet, data);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
