import { z } from 'zod';
import type { Database } from '../store/database.js';
import { visibleScopes } from './search.js';

/** An indicator as scored in an ingested report ("去年政府采购执行率多少" is answered from these rows). */
export interface IndicatorRecord {
  source: string; // the report document
  title: string;
  scope: string;
  department: string | null;
  year: number | null;
  name: string;
  path: string[];
  level: number;
  weight: number | null;
  score: number | null;
  assessed: boolean;
  line: number;
}

export interface IndicatorQuery {
  /** The caller's scope; `public` is always visible too. */
  scope?: string;
  department?: string;
  year?: number;
  /** Indicator name or part of it: "政府采购执行率", "支出率". */
  name: string;
}

const RowSchema = z.object({
  source: z.string(),
  title: z.string(),
  scope: z.string(),
  department: z.string().nullable(),
  year: z.number().int().nullable(),
  name: z.string(),
  path: z.array(z.string()),
  level: z.number().int(),
  weight: z.number().nullable(),
  score: z.number().nullable(),
  assessed: z.boolean(),
  line: z.number().int(),
});

/** Indicators whose name contains the query name (or is contained in it), exact matches and recent years first. */
export async function findIndicators(db: Pick<Database, 'query'>, query: IndicatorQuery): Promise<IndicatorRecord[]> {
  const name = query.name.replace(/\s+/g, '');
  if (!name) return [];
  const { rows } = await db.query(
    `SELECT d.source, d.title, i.scope, i.department, i.year, i.name, i.path, i.level,
            i.weight::float8 AS weight, i.score::float8 AS score, i.assessed, i.line
     FROM report_indicators i JOIN kb_documents d ON d.id = i.document_id
     WHERE i.scope = ANY($1::text[])
       AND (strpos(i.name, $2) > 0 OR strpos($2, i.name) > 0)
       AND ($3::text IS NULL OR strpos(coalesce(i.department, ''), $3) > 0)
       AND ($4::int IS NULL OR i.year = $4::int)
     ORDER BY (i.name = $2) DESC, i.year DESC NULLS LAST, d.source, i.line`,
    [visibleScopes(query.scope), name, query.department ?? null, query.year ?? null],
  );
  return rows.map((row) => RowSchema.parse(row));
}
