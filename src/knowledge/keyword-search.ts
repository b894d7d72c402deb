import { z } from 'zod';
import type { Database } from '../store/database.js';
import type { QueryTerm } from './segment.js';

/** BM25 parameters (the usual defaults). */
const K1 = 1.2;
const B = 0.75;

/** A chunk id with its score in one arm (or after fusion), and the scope it belongs to. */
export interface RankedChunk {
  id: string;
  scope: string;
  score: number;
}

const StatsSchema = z.object({ n: z.number(), total: z.number() });
const DfSchema = z.object({ term: z.string(), df: z.number() });
const RankSchema = z.object({ id: z.string(), scope: z.string(), score: z.number() });

/**
 * BM25 over the chunks of `scopes`, from the postings table: document frequencies and term frequencies of the query's
 * terms are read from index rows (Σ df of them), chunk counts and lengths from the documents of the visible scopes.
 * Query terms are bound parameters, never parsed as SQL or tsquery.
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
        'SELECT coalesce(sum(chunk_count), 0)::int AS n, coalesce(sum(token_total), 0)::float8 AS total FROM kb_documents WHERE scope = ANY($1::text[])',
        [scopes],
      )
    ).rows[0],
  );
  if (stats.n === 0) return [];
  const dfRows = await db.query(
    'SELECT term, count(*)::int AS df FROM kb_postings WHERE term = ANY($1::text[]) AND scope = ANY($2::text[]) GROUP BY term',
    [usable.map((t) => t.term), scopes],
  );
  const df = new Map(dfRows.rows.map((row) => DfSchema.parse(row)).map((r) => [r.term, r.df]));
  const weighted = usable
    .filter((t) => (df.get(t.term) ?? 0) > 0)
    .map((t) => {
      const n = df.get(t.term)!;
      return { term: t.term, weight: t.weight * Math.log(1 + (stats.n - n + 0.5) / (n + 0.5)) };
    });
  if (weighted.length === 0) return [];
  const avgdl = Math.max(stats.total / stats.n, 1);
  const { rows } = await db.query(
    `SELECT p.chunk_id::text AS id, p.scope,
            sum(q.w * (p.tf * ($4::float8 + 1)) / (p.tf + $4::float8 * (1 - $5::float8 + $5::float8 * p.len / $6::float8)))::float8 AS score
     FROM unnest($1::text[], $2::float8[]) AS q(term, w)
     JOIN kb_postings p ON p.term = q.term AND p.scope = ANY($3::text[])
     GROUP BY p.chunk_id, p.scope ORDER BY score DESC, p.chunk_id LIMIT $7`,
    [weighted.map((t) => t.term), weighted.map((t) => t.weight), scopes, K1, B, avgdl, limit],
  );
  return rows.map((row) => RankSchema.parse(row));
}
