/**
 * Where everything sits in the figures workbook. The template writer, the reader and the exporter all use these
 * positions, so a cell named in a message ("收支!B9") is the cell a person sees.
 */
export const SHEETS = {
  basics: '基本情况',
  finances: '收支',
  execution: '预算执行',
  projects: '项目',
  indicators: '指标得分',
  bonus: '加减分',
} as const;
export type SheetKey = keyof typeof SHEETS;

/** 基本情况: label in A, value in B. */
export const BASICS_ROWS = {
  department: { row: 2, label: '单位名称', required: true },
  year: { row: 3, label: '年度', required: true },
  head: { row: 4, label: '单位负责人', required: false },
  preparer: { row: 5, label: '填报人', required: false },
  duties: { row: 6, label: '部门主要职责', required: true },
  structure: { row: 7, label: '内设机构及纳入预算编制范围的下属单位', required: false },
  staffingNote: { row: 8, label: '人员编制情况（文字说明，可不填）', required: false },
} as const;
export const STAFFING = { headerRow: 10, firstRow: 11, lastRow: 20, totalRow: 21 } as const;
export const STAFFING_HEADERS = ['单位', '编制类型', '核定编制数（名）', '实有人数（人）'];
export const LISTS = { headerRow: 23, firstRow: 24, lastRow: 200 } as const;
export const LIST_KINDS = { tasks: '年度目标及任务', achievements: '主要绩效', problems: '存在问题', suggestions: '相关建议' } as const;

/** 收支: A 项目, B 本年数, C 上年数, D 增减率 (formula), E 说明. */
export const FINANCE_HEADERS = ['项目', '本年数（万元）', '上年数（万元）', '增减率', '说明（增减原因）'];
export const FINANCE_ROWS = {
  incomeTotal: { row: 2, label: '收入合计' },
  incomeSources: [
    { row: 3, label: '财政拨款收入' },
    { row: 4, label: '事业收入' },
    { row: 5, label: '经营收入' },
    { row: 6, label: '其他收入' },
    { row: 7, label: '上年结转' },
  ],
  spendingTotal: { row: 8, label: '支出合计' },
  basic: { row: 9, label: '基本支出' },
  personnel: { row: 10, label: '其中：人员经费' },
  publicFunds: { row: 11, label: '其中：公用经费' },
  project: { row: 12, label: '项目支出' },
} as const;

/** 预算执行: A 项目, B 预算数, C 调整后预算数, D 执行数, E 执行率 (formula), F 说明. */
export const EXECUTION_HEADERS = ['项目', '预算数（万元）', '调整后预算数（万元）', '执行数（万元）', '执行率', '说明'];
export const EXECUTION_ROWS = {
  budget: { row: 2, label: '部门预算（全年）' },
  carryOver: { row: 3, label: '年末结转结余（填在“执行数”列）' },
  procurement: { row: 4, label: '政府采购' },
  publicFunds: { row: 5, label: '公用经费' },
  threePublic: { row: 6, label: '“三公”经费合计' },
  threePublicKinds: [
    { row: 7, label: '因公出国（境）费' },
    { row: 8, label: '公务接待费' },
    { row: 9, label: '公务用车购置费' },
    { row: 10, label: '公务用车运行维护费' },
  ],
} as const;

export const PROJECT_HEADERS = ['项目名称', '资金（万元）', '绩效目标', '完成情况'];
export const PROJECTS = { firstRow: 2, lastRow: 41 } as const;

/** 指标得分: the indicator tree, one row per indicator, its name in the column of its level (A = 一级 … D = 四级). */
export const INDICATOR_HEADERS = ['一级指标', '二级指标', '三级指标', '四级指标', '分值', '自评得分', '是否考核', '扣分原因（或不考核的理由）', '实际值（计算用，如 92.5%）', '评分依据及完成情况'];
export const INDICATOR_COLUMNS = { levels: 4, weight: 5, score: 6, assessed: 7, reason: 8, measured: 9, evidence: 10 } as const;
export const INDICATOR_TOTAL_LABEL = '自评总分';

export const BONUS_HEADERS = ['加减分事项', '分值（加分为正、减分为负）', '依据'];
export const BONUS = { firstRow: 2, lastRow: 11, totalRow: 12 } as const;

/** "B9" from row 9, column 2. */
export function cellAddress(row: number, column: number): string {
  let name = '';
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return `${name}${row}`;
}
