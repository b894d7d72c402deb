import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseYamlText } from '../../runtime/yaml-text.js';

/**
 * The national rules answers apply to numbers in a question (knowledge/policy/scoring-rules.yaml): grade bands,
 * proportional scoring, the qualitative three bands, 单位自评 default weights, and the formulas of common rates — each
 * with its document (文号) and article. The guides in knowledge/guides/制度/ say the same in prose.
 */
export const POLICY_RULES_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'knowledge', 'policy', 'scoring-rules.yaml');
/** Where the bundled knowledge folder is (guides are cited with their line). */
export const KNOWLEDGE_ROOT = resolve(dirname(POLICY_RULES_PATH), '..');

const SourceSchema = z.object({
  document: z.string(), // a `documents[].number`
  article: z.string().nullable(), // 第四条 / 附件2 / null when not checked
  summary: z.boolean(), // our summary, not the text
  guide: z.string(), // guides/制度/….md
});
export type PolicySource = z.infer<typeof SourceSchema>;

const LocalRuleSchema = z.object({ where: z.string(), weight: z.number(), limit: z.number(), perPoint: z.number() });
export type LocalRule = z.infer<typeof LocalRuleSchema>;

const RateSchema = z.object({
  id: z.string(),
  names: z.array(z.string()).min(1),
  kind: z.enum(['ratio', 'change']),
  expression: z.string(),
  numerator: z.array(z.string()).optional(),
  denominator: z.array(z.string()).optional(),
  current: z.array(z.string()).optional(),
  previous: z.array(z.string()).optional(),
  basis: z.string().optional(),
  rubricId: z.string(),
  source: SourceSchema,
  local: z.array(LocalRuleSchema).optional(),
});
export type PolicyRate = z.infer<typeof RateSchema>;

const PolicyRulesSchema = z.object({
  documents: z.array(z.object({ number: z.string(), title: z.string() })),
  gradeBands: z.object({
    source: SourceSchema,
    scope: z.string(),
    bands: z.array(z.object({ grade: z.string(), min: z.number().nullable(), max: z.number().nullable() })).min(2),
    caveat: z.string(),
  }),
  proportional: z.object({ source: SourceSchema, rule: z.string(), caveat: z.string() }),
  qualitative: z.object({
    source: SourceSchema,
    levels: z.array(z.object({ level: z.string(), from: z.number(), to: z.number(), note: z.string() })).length(3),
  }),
  defaultWeights: z.object({
    source: SourceSchema,
    weights: z.array(z.object({ name: z.string(), percent: z.number() })),
    note: z.string(),
  }),
  rates: z.array(RateSchema),
});
export type PolicyRules = z.infer<typeof PolicyRulesSchema>;

let cached: PolicyRules | null = null;

/** The bundled policy rules (read once per process); throws with the file's name when the file is malformed. */
export function policyRules(path = POLICY_RULES_PATH): PolicyRules {
  if (cached && path === POLICY_RULES_PATH) return cached;
  const parsed = PolicyRulesSchema.safeParse(parseYamlText(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path} 格式不对：${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`);
  if (path === POLICY_RULES_PATH) cached = parsed.data;
  return parsed.data;
}

/** 「财政部《项目支出绩效评价管理办法》（财预〔2020〕10号，要点概括）」 */
export function sourceText(rules: PolicyRules, source: PolicySource): string {
  const title = rules.documents.find((d) => d.number === source.document)?.title ?? '';
  const detail = [source.document === '预算法' ? null : source.document, source.article, source.summary ? '要点概括' : null].filter(Boolean).join('，');
  return `${title}${detail ? `（${detail}）` : ''}`;
}

/** The line of a bundled guide holding `phrase` (1-based), or undefined. */
export function guideLine(guide: string, phrase: string): number | undefined {
  try {
    const lines = readFileSync(resolve(KNOWLEDGE_ROOT, guide), 'utf8').split(/\r?\n/u);
    const index = lines.findIndex((l) => l.includes(phrase));
    return index >= 0 ? index + 1 : undefined;
  } catch {
    return undefined;
  }
}
