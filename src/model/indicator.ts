import { z } from 'zod';
import { DocumentLocationSchema, type DocumentLocation } from './document.js';

/** A named value of an indicator's row: label as in the header ("实际完成值"), text as written ("98%", "≥95%"). */
export const IndicatorMeasureSchema = z.object({
  label: z.string(),
  text: z.string(),
  line: z.number().int().positive(),
  location: DocumentLocationSchema.optional(),
});
export type IndicatorMeasure = z.infer<typeof IndicatorMeasureSchema>;

/**
 * A value the report states for one indicator — its achieved (actual) or planned (target) value — and where it was read.
 * `value` is the decimal string as written ("88.3"), null when the text states no number ("达标", "是");
 * `unit` as written ("%", "件", "" for none); `text` the cell or sentence it was read from, quoted back to the user.
 * `from` says which place:
 * - `actual-column`: the row's 实际完成值/完成值 cell (tables, target forms);
 * - `target-column`: the row's 年度指标值/目标值/计划值 cell;
 * - `reason-cell`: a number in the row's 扣分原因/偏差原因/说明 cell ("执行率为88.3%，低于95%" → 88.3; 95 is a comparison);
 * - `evidence-sentence`: a sentence of the indicator's own text ("全年预算资金支出率为58.48%");
 * - `budget-row`: the national form's budget block (执行率 of 年度资金总额).
 * `figureId` names the Figure (role `actual`/`target`) the value came from when there is one.
 */
export const IndicatorValueSourceSchema = z.enum(['actual-column', 'target-column', 'reason-cell', 'evidence-sentence', 'budget-row']);
export type IndicatorValueSource = z.infer<typeof IndicatorValueSourceSchema>;

export const IndicatorValueFactSchema = z.object({
  value: z.string().regex(/^-?\d+(\.\d+)?$/).nullable().describe('decimal string as written, null when no number is stated'),
  unit: z.string().describe('unit as written: "%", "件", "万元"; "" for none'),
  text: z.string().describe('the cell or sentence the value was read from'),
  from: IndicatorValueSourceSchema,
  line: z.number().int().positive().describe('report line of that cell or sentence'),
  location: DocumentLocationSchema.optional().describe('the cell or paragraph in the original'),
  figureId: z.string().optional().describe('Figure.id the value came from'),
});
export type IndicatorValueFact = z.infer<typeof IndicatorValueFactSchema>;

/**
 * Where an indicator's own scoring standard (`IndicatorNode.standard`) was read: the row's 评分标准 cell
 * (`standard-column`), the same-named row of a 评分细则 table elsewhere in the document (`standard-table`), or the form's
 * fixed rule (`form`: the national form's budget block, 得分 = 分值 × 执行率), or a labelled sentence of a narrative
 * indicator's own text (`evidence-sentence`: "评分标准：≥90%得5分；…", report/evidence-standard.ts).
 */
export const IndicatorStandardSourceSchema = z.object({
  from: z.enum(['standard-column', 'standard-table', 'evidence-sentence', 'form']),
  line: z.number().int().positive(),
  location: DocumentLocationSchema.optional(),
});
export type IndicatorStandardSource = z.infer<typeof IndicatorStandardSourceSchema>;

/**
 * One node of the report's indicator tree (一级 预算编制 → 二级 资金管理 → 三级 政府采购执行率).
 * Weights and scores are small decimals kept as JS numbers for the JSON contract; every sum or
 * comparison goes through model/decimal.ts, never through `+` on numbers.
 */
export interface IndicatorNode {
  id: string; // path joined with "/": "预算执行/资金管理/政府采购执行率"
  name: string; // as written in the report, cleaned of numbering: "政府采购执行率"
  path: string[];
  level: number; // 1 = 一级 block, 2, 3 …
  weight: number | null; // 分值 stated in the heading (e.g. "（2 分）" or "指标分值 22 分")
  score: number | null; // stated 自评得分, null when none is stated
  assessed: boolean; // false when the report says 本项不考核 (or similar)
  notAssessedReason: string | null; // "我局无转移支付，本项不考核。"
  line: number; // heading line (1-based, original input)
  scoreLine: number | null; // line of "自评得分 N 分"
  evidence: string; // the paragraph(s) under the heading, normalised, joined
  evidenceLines: [number, number] | null; // first and last original line of the evidence
  reason: string | null; // the report's own explanation of lost points, if any (text after the score)
  rubricId: string | null; // matched rubric indicator id, set by rubric matching, null when unmatched
  // From tables and target forms (absent for narrative-only indicators):
  standard?: string | null; // the report's own 评分标准/评分依据/计分方法 text for this indicator
  standardLine?: number | null; // line of that text (report lines)
  measures?: IndicatorMeasure[]; // named values of the row: 年度指标值, 实际完成值, 全年预算数, 全年执行数, 执行率 …
  deduction?: number | null; // the row's 扣分 cell, when the table has a 扣分 column (分值 − 扣分 = 得分)
  location?: DocumentLocation; // the row or heading in the original
  // Recognised facts (report/indicator-facts.ts); absent: not looked for; null: looked for, not stated.
  standardSource?: IndicatorStandardSource | null; // where `standard` was read
  actual?: IndicatorValueFact | null; // the stated achieved value (for a parent: null)
  target?: IndicatorValueFact | null; // the stated planned value
  children: IndicatorNode[];
}

export const IndicatorNodeSchema: z.ZodType<IndicatorNode> = z.lazy(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    path: z.array(z.string()),
    level: z.number().int().positive(),
    weight: z.number().nullable(),
    score: z.number().nullable(),
    assessed: z.boolean(),
    notAssessedReason: z.string().nullable(),
    line: z.number().int().positive(),
    scoreLine: z.number().int().positive().nullable(),
    evidence: z.string(),
    evidenceLines: z.tuple([z.number().int(), z.number().int()]).nullable(),
    reason: z.string().nullable(),
    rubricId: z.string().nullable(),
    standard: z.string().nullable().optional(),
    standardLine: z.number().int().positive().nullable().optional(),
    measures: z.array(IndicatorMeasureSchema).optional(),
    deduction: z.number().nullable().optional(),
    location: DocumentLocationSchema.optional(),
    standardSource: IndicatorStandardSourceSchema.nullable().optional(),
    actual: IndicatorValueFactSchema.nullable().optional(),
    target: IndicatorValueFactSchema.nullable().optional(),
    children: z.array(IndicatorNodeSchema),
  }),
);

/** A scored leaf as printed in `selfeval check --format json` (architecture.md contract). */
export const IndicatorLeafJsonSchema = z.object({
  path: z.array(z.string()),
  name: z.string(),
  level: z.number().int(),
  weight: z.number().nullable(),
  score: z.number().nullable(),
  assessed: z.boolean(),
  line: z.number().int(),
});
export type IndicatorLeafJson = z.infer<typeof IndicatorLeafJsonSchema>;
