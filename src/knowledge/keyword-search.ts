import { z } from 'zod';
import type { Database } from '../store/database.js';
import type { QueryTerm } from './segment.js';

/** BM25 parameters (the usual defaults). */
const K1 = 1.2;
const B = 0.75;

export interface RankedChunk {
  id: string;
  score: number;
}

const StatsSchema = z.object({ n: z.number(), avgdl: z.number().nullable() });
const DfSchema = z.object({ term: z.string(), df: z.number() });
const RankSchema = z.object({ id: z.string(), score: z.number() });

/** A tsquery literal for one lexeme: quoted, so no user text is ever parsed as tsquery syntax. */
export function tsLexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * BM25 over the chunks of `scopes`: candidates come from the GIN index (OR of the query's lexemes), document
 * frequencies are counted through the same index at query time (so they always match the visible scopes), and each
 * candidate's term frequencies come from its tsvector positions.
 */
export async function keywordSearch(
  db: Pick<Database, 'query'>,
  terms: readonly QueryTerm[],
  scopes: readonly string[],
  limit: number,
): Promise<RankedChunk[]> {
  const usable = terms.filter((t) => t.term.length > 0);
  if (usable.length === 0) return [];
  const stats = StatsSchema.parse(
    (
      await db.query(
        'SELECT count(*)::int AS n, avg(token_count)::float8 AS avgdl FROM kb_chunks WHERE scope = ANY($1::text[])',
        [scopes],
      )
    ).rows[0],
  );
  if (stats.n === 0) return [];
  const dfRows = await db.query(
    `SELECT t.term, (SELECT count(*)::int FROM kb_chunks c
                      WHERE c.scope = ANY($2::text[]) AND c.tsv @@ to_tsquery('simple', t.lexeme)) AS df
     FROM unnest($1::text[], $3::text[]) AS t(term, lexeme)`,
    [usable.map((t) => t.term), scopes, usable.map((t) => tsLexeme(t.term))],
  );
  const df = new Map(dfRows.rows.map((row) => DfSchema.parse(row)).map((r) => [r.term, r.df]));
  const weighted = usable
    .filter((t) => (df.get(t.term) ?? 0) > 0)
    .map((t) => {
      const n = df.get(t.term)!;
      return { term: t.term, weight: t.weight * Math.log(1 + (stats.n - n + 0.5) / (n + 0.5)) };
    });
  if (weighted.length === 0) return [];
  const { rows } = await db.query(
    `WITH q AS (SELECT * FROM unnest($1::text[], $2::float8[]) AS q(term, w)),
     cand AS (SELECT id, token_count, tsv FROM kb_chunks WHERE scope = ANY($3::text[]) AND tsv @@ to_tsquery('simple', $4))
     SELECT c.id::text AS id,
            sum(q.w * (array_length(u.positions, 1) * ($5::float8 + 1))
                / (array_length(u.positions, 1) + $5::float8 * (1 - $6::float8 + $6::float8 * c.token_count / $7::float8)))::float8 AS score
     FROM cand c CROSS JOIN LATERAL unnest(c.tsv) AS u(lexeme, positions, weights)
     JOIN q ON q.term = u.lexeme
     GROUP BY c.id ORDER BY score DESC, c.id LIMIT $8`,
    [weighted.map((t) => t.term), weighted.map((t) => t.weight), scopes, weighted.map((t) => tsLexeme(t.term)).join(' | '),
      K1, B, Math.max(stats.avgdl ?? 1, 1), limit],
  );
  return rows.map((row) => RankSchema.parse(row));
}
