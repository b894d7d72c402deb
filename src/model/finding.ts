import { z } from 'zod';
import { DocumentLocationSchema } from './document.js';
import { RelatedLineSchema } from './location.js';

export const SeveritySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

/** One result of a check rule. Data, not text: formats decide how it is shown. */
export const FindingSchema = z.object({
  ruleId: z.string(), // equals the rule's path under checks/rules/: "score/within-weight"
  severity: SeveritySchema,
  message: z.string(), // Chinese, one or two sentences
  line: z.number().int().positive(),
  column: z.number().int().positive().optional(),
  sectionPath: z.array(z.string()),
  indicatorId: z.string().optional(), // IndicatorNode.id when the finding is about one indicator
  expected: z.string().optional(), // "107.15%", "99"
  actual: z.string().optional(),
  formula: z.string().optional(), // "65.02 ÷ 60.68 × 100% = 107.15%"
  related: z.array(RelatedLineSchema).optional(),
  // Where in the original, for tables, pages, cells: { table, row, column } / { page, line } / { sheet, cell }
  location: DocumentLocationSchema.optional(),
});
export type Finding = z.infer<typeof FindingSchema>;
