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

/** Where a rule was read from: the cell of a bureau's table ("Sheet1!D7", "表 1 第 7 行") and its original text. */
export const RuleOriginSchema = z.object({ location: z.string().optional(), text: z.string() });

const ruleBase = {
  description: z.string(),
  sources: z.array(SourceRefSchema).default([]),
  origin: RuleOriginSchema.optional(),
};

/** A band of a measured value: [min, max] with each bound open or closed; null = unbounded. */
export const ValueBandSchema = z.object({
  min: z.number().nullable(),
  max: z.number().nullable(),
  minInclusive: z.boolean().default(true),
  maxInclusive: z.boolean().default(false),
});

/**
 * How points are lost. `unknown` is a first-class answer: the rule was not found (or its text cannot be computed),
 * and the assistant must say so. Other kinds compute an expected score (or the allowed range of scores) from what the
 * report measured: a rate in percent, a count, two balances, a target and its actual value.
 */
export const DeductionRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unknown'), ...ruleBase }),
  z.object({
    kind: z.literal('proportional'), // score = rate × weight, capped at weight
    floor: z.number().optional(), // "执行率低于60%不得分": below floor% the score is 0
    ...ruleBase,
  }),
  z.object({
    kind: z.literal('control-rate'), // full at ≤ limit% (or ≥ limit% when direction is 'under'), minus perPoint per point past it, floor 0
    limit: z.number(),
    perPoint: z.number(),
    direction: z.enum(['over', 'under']).optional(), // default 'over': 每超 1 个百分点; 'under': 每低 1 个百分点
    step: z.number().optional(), // 每超 `step` 个百分点扣 perPoint 分 (default 1)
    full: z.number().optional(), // "得 5 分" instead of "得满分"
    zero: ValueBandSchema.optional(), // "<85%不得分" beside the step: in this band the score is 0 whatever the step gives
    ...ruleBase,
  }),
  z.object({
    kind: z.literal('bands'), // first band whose [min, max) contains the rate gives the score (fraction of weight)
    bands: z.array(z.object({ min: z.number().nullable(), max: z.number().nullable(), fraction: z.number() })),
    ...ruleBase,
  }),
  z.object({
    kind: z.literal('score-bands'), // ≥90% 得 5 分；80%（含）-90% 得 4 分 …: the band containing the rate gives the score
    bands: z.array(ValueBandSchema.extend({ score: z.number().optional(), deduct: z.number().optional(), full: z.boolean().optional(), fraction: z.number().optional() })),
    unit: z.enum(['%', 'number']).default('%'),
    ...ruleBase,
  }),
  z.object({
    kind: z.literal('carryover-balance'), // 无结余 none；有结余但不超过上年结转 within；超过上年结转 over
    none: z.union([z.number(), z.literal('full')]), // 'full' = 得满分 (the weight)
    within: z.union([z.number(), z.literal('full')]),
    over: z.union([z.number(), z.literal('full')]),
    ...ruleBase,
  }),
  z.object({
    kind: z.literal('per-instance'), // 每出现一例不符合扣 perInstance 分，扣完为止
    perInstance: z.number(),
    ...ruleBase,
  }),
  z.object({
    kind: z.literal('checklist'), // 三个要点各 1 分: items × perItem
    items: z.number().nullable(),
    perItem: z.number(),
    ...ruleBase,
  }),
  z.object({
    kind: z.literal('target-ratio'), // 正向 得分 = 权重 × 实际/目标；反向 得分 = 权重 × 目标/实际；不超过权重
    direction: z.enum(['positive', 'negative', 'by-target']),
    ...ruleBase,
  }),
  z.object({
    kind: z.literal('grade-bands'), // 定性分档：得分落在 分值 × [min%, max%] 之内
    grades: z.array(ValueBandSchema.extend({ label: z.string().optional() })),
    ...ruleBase,
  }),
]);
export type DeductionRule = z.infer<typeof DeductionRuleSchema>;

export interface RubricIndicator {
  id: string; // stable key, path of names joined with "/": "预算执行/资金管理/政府采购执行率"
  name: string;
  aliases: string[]; // other names the same indicator goes by
  weight: number;
  weightKnown?: boolean; // false: the rubric sets no weight (a reference framework); `weight` is then 0 and not compared
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
    weightKnown: z.boolean().optional(),
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
  shortName: z.string().optional(), // for one-line output: "按乐昌 2024 样例整理的指标体系"
  total: z.number(),
  description: z.string(),
  sources: z.array(z.object({ id: z.string(), title: z.string(), where: z.string().optional() })),
  bonus: z.object({ description: z.string(), max: z.number().nullable(), sources: z.array(SourceRefSchema) }).optional(),
  // A reference framework (财预〔2013〕53号): a menu of indicators with national definitions; a report picks some and
  // sets its own weights, so missing indicators and weight differences are not reported.
  reference: z.boolean().optional(),
  indicators: z.array(RubricIndicatorSchema),
});
export type Rubric = z.infer<typeof RubricSchema>;
