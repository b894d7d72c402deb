import { z } from 'zod';

export const ConfidenceSchema = z.enum(['high', 'medium', 'low', 'none']);

/** Where a fact in the rubric comes from and how sure we are of it. */
export const SourceRefSchema = z.object({
  id: z.string(), // "S0", "S1" … as in rubric-research.md
  note: z.string().optional(),
  confidence: ConfidenceSchema,
});

/** A formula the rubric defines: numerator ÷ denominator × 100%. Subjects are matched against report figures. */
export const RubricFormulaSchema = z.object({
  expression: z.string(), // Chinese, for people: "实际政府采购金额 ÷ 政府采购预算数 × 100%"
  numerator: z.array(z.string()), // subject keywords that identify the numerator figure: ["决算支出", "实际采购"]
  denominator: z.array(z.string()), // ["政府采购预算", "采购预算"]
  unit: z.enum(['%', 'ratio']),
  sources: z.array(SourceRefSchema),
});

/**
 * How points are lost. `unknown` is a first-class answer: the rule was not found, and the assistant must say so.
 * Other kinds compute an expected score from a rate (percent) so that checks can compare it with the stated score.
 */
export const DeductionRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unknown'), description: z.string(), sources: z.array(SourceRefSchema) }),
  z.object({
    kind: z.literal('proportional'), // score = rate × weight, capped at weight
    description: z.string(),
    sources: z.array(SourceRefSchema),
  }),
  z.object({
    kind: z.literal('control-rate'), // full at ≤ limit%, minus `perPoint` for every percentage point over, floor 0
    limit: z.number(),
    perPoint: z.number(),
    description: z.string(),
    sources: z.array(SourceRefSchema),
  }),
  z.object({
    kind: z.literal('bands'), // first band whose [min, max) contains the rate gives the score (fraction of weight)
    bands: z.array(z.object({ min: z.number().nullable(), max: z.number().nullable(), fraction: z.number() })),
    description: z.string(),
    sources: z.array(SourceRefSchema),
  }),
]);
export type DeductionRule = z.infer<typeof DeductionRuleSchema>;

export interface RubricIndicator {
  id: string; // stable key, path of names joined with "/": "预算执行/资金管理/政府采购执行率"
  name: string;
  aliases: string[]; // other names the same indicator goes by
  weight: number;
  definition: string;
  formula?: z.infer<typeof RubricFormulaSchema>;
  rule?: DeductionRule;
  optional?: boolean; // may be 不考核 (e.g. 资金下达合法性 without transfer payments)
  sources: z.infer<typeof SourceRefSchema>[];
  children: RubricIndicator[];
}

export const RubricIndicatorSchema: z.ZodType<RubricIndicator> = z.lazy(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    aliases: z.array(z.string()).default([]),
    weight: z.number(),
    definition: z.string(),
    formula: RubricFormulaSchema.optional(),
    rule: DeductionRuleSchema.optional(),
    optional: z.boolean().optional(),
    sources: z.array(SourceRefSchema).default([]),
    children: z.array(RubricIndicatorSchema).default([]),
  }),
) as z.ZodType<RubricIndicator>;

export const RubricSchema = z.object({
  id: z.string(),
  name: z.string(),
  total: z.number(),
  description: z.string(),
  sources: z.array(z.object({ id: z.string(), title: z.string(), where: z.string().optional() })),
  bonus: z.object({ description: z.string(), max: z.number().nullable(), sources: z.array(SourceRefSchema) }).optional(),
  indicators: z.array(RubricIndicatorSchema),
});
export type Rubric = z.infer<typeof RubricSchema>;
