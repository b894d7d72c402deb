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
 * One node of the report's indicator tree (一级 预算编制 → 二级 资金管理 → 三级 政府采购执行率).
 * Weights and scores are small decimals kept as JS numbers for the JSON contract; every sum or
 * comparison goes through checks/decimal.ts, never through `+` on numbers.
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
  location?: DocumentLocation; // the row or heading in the original
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
    location: DocumentLocationSchema.optional(),
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
