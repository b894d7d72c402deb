import { z } from 'zod';

/** A decimal as written in the workbook ("285.53", "0.0693", "-3"); never a binary float in arithmetic. */
export const DecimalTextSchema = z.string().regex(/^-?\d+(\.\d+)?$/u);
const Amount = DecimalTextSchema.nullable(); // 万元, null when the cell is empty

export const StaffingRowSchema = z.object({
  unit: z.string(), // 单位
  kind: z.string(), // 编制类型: 行政编制, 事业编制, 工勤编制 …
  authorized: Amount, // 核定编制数（名）
  actual: Amount, // 实有人数（人）
});

export const IncomeSourceSchema = z.object({ name: z.string(), current: Amount, previous: Amount });

/** A total and its parts as read: `stated` when the person typed the total, null when it is a formula over the parts. */
export const AmountPairSchema = z.object({ current: Amount, previous: Amount });

export const IndicatorRowSchema = z.object({
  path: z.array(z.string()).min(1), // 一级 → 二级 → 三级 (→ 四级) names
  weight: DecimalTextSchema, // 分值
  score: Amount, // 自评得分; null for a parent row or a 不考核 leaf
  assessed: z.boolean(), // 是否考核
  reason: z.string(), // 扣分原因 (or why 不考核)
  measured: z.string(), // 实际值 as written: "58.48%", "0.85", "≤100%"
  evidence: z.string(), // 评分依据及完成情况
  cell: z.string(), // where the row is: "指标得分!C7", for messages
});

export const BonusRowSchema = z.object({ item: z.string(), score: DecimalTextSchema, evidence: z.string() });

export const ProjectRowSchema = z.object({ name: z.string(), funds: Amount, target: z.string(), result: z.string() });

export const ThreePublicRowSchema = z.object({ kind: z.string(), budget: Amount, actual: Amount });

/**
 * The year's figures as one typed value: what `selfeval template` lays out, a person fills in, `selfeval figures`
 * exports from a report, and `draft 全文` writes the report from. Sheet and cell positions live in sheet-layout.ts.
 */
export const FiguresDataSchema = z.object({
  basics: z.object({
    department: z.string(),
    year: z.number().int().nullable(),
    head: z.string(), // 单位负责人
    preparer: z.string(), // 填报人
    duties: z.string(), // 部门主要职责
    structure: z.string(), // 内设机构及纳入预算编制范围的下属单位
    staffingNote: z.string(), // 人员编制情况 in words, when the table is not enough
    staffing: z.array(StaffingRowSchema),
    tasks: z.array(z.string()), // 年度目标及任务
    achievements: z.array(z.string()), // 主要绩效
    problems: z.array(z.string()), // 存在问题 (empty: drafted from the findings)
    suggestions: z.array(z.string()), // 相关建议 (empty: drafted from the problems)
  }),
  finances: z.object({
    incomeTotal: AmountPairSchema,
    incomeSources: z.array(IncomeSourceSchema),
    incomeNote: z.string(), // why income changed
    spendingTotal: AmountPairSchema,
    basic: AmountPairSchema,
    personnel: AmountPairSchema,
    publicFunds: AmountPairSchema,
    project: AmountPairSchema,
    spendingNote: z.string(),
  }),
  execution: z.object({
    budgetInitial: Amount, // 年初预算数
    budgetAdjusted: Amount, // 调整后预算数
    budgetActual: Amount, // 执行数
    budgetNote: z.string(),
    carryOver: Amount, // 结转结余
    carryOverNote: z.string(),
    procurementBudget: Amount,
    procurementActual: Amount,
    procurementNote: z.string(),
    publicBudget: Amount, // 公用经费预算数
    publicActual: Amount,
    threePublicBudget: Amount, // “三公”经费合计
    threePublicActual: Amount,
    threePublic: z.array(ThreePublicRowSchema),
  }),
  projects: z.array(ProjectRowSchema),
  indicators: z.array(IndicatorRowSchema),
  bonus: z.array(BonusRowSchema),
});
export type FiguresData = z.infer<typeof FiguresDataSchema>;
export type IndicatorRow = z.infer<typeof IndicatorRowSchema>;
export type AmountPair = z.infer<typeof AmountPairSchema>;

/** An empty workbook's data: what `selfeval template` writes before the indicator rows are added. */
export function emptyFiguresData(): FiguresData {
  const pair = (): AmountPair => ({ current: null, previous: null });
  return {
    basics: { department: '', year: null, head: '', preparer: '', duties: '', structure: '', staffingNote: '', staffing: [], tasks: [], achievements: [], problems: [], suggestions: [] },
    finances: {
      incomeTotal: pair(), incomeSources: [], incomeNote: '', spendingTotal: pair(), basic: pair(), personnel: pair(), publicFunds: pair(), project: pair(), spendingNote: '',
    },
    execution: {
      budgetInitial: null, budgetAdjusted: null, budgetActual: null, budgetNote: '', carryOver: null, carryOverNote: '', procurementBudget: null, procurementActual: null,
      procurementNote: '', publicBudget: null, publicActual: null, threePublicBudget: null, threePublicActual: null, threePublic: [],
    },
    projects: [],
    indicators: [],
    bonus: [],
  };
}
