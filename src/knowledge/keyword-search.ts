import { z } from 'zod';
import type { Database } from '../store/database.js';
import { BM25_B as B, BM25_K1 as K1 } from './document-store.js';
import type { QueryTerm } from './segment.js';

/** A chunk id with its score in one arm (or after fusion), and the scope it belongs to. */
export interface RankedChunk {
  id: string;
  scope: string;
  score: number;
}

/** Most postings read for one term in one scope, best impact first. */
export const TOP_POSTINGS = 500;
/**
 * A term with at most this many postings in a scope is read whole, so on a small store (the bundled knowledge is a
 * few hundred chunks) nearly every posting is read and the ranking is BM25 over all of them (the gold set's scores
 * are unchanged). At 100k chunks the pruned top 5 holds 96% of the exhaustive top 5's BM25 (bench/search-scale.ts).
 */
export const WHOLE_LIST = 300;
/**
 * Postings read per query from the longer lists, shared out by term weight (idf × query weight): a common term, which
 * weighs little, gives up most of its share to the rarer ones; each longer list gets at least MIN_LIST and at most
 * TOP_POSTINGS.
 */
export const POSTINGS_BUDGET = 2000;
const MIN_LIST = 50;
/** Candidates ranked by their stored impacts whose exact BM25 is computed (the result is the best `limit` of them). */
const RESCORED = 50;

const RankSchema = z.object({ id: z.string(), scope: z.string(), score: z.number() });

export interface KeywordSearchOptions {
  /** Postings read per term (default TOP_POSTINGS); Infinity reads every posting (exhaustive BM25, for benchmarks). */
  postings?: number;
  /** Candidates rescored exactly (default RESCORED). */
  rescored?: number;
  /** Postings per query shared out among the terms longer than WHOLE_LIST (default POSTINGS_BUDGET). */
  budget?: number;
}

/**
 * BM25 over the chunks of `scopes` from impact-ordered postings (migrations 005, 006), in one round trip that returns
 * only the `limit` results. The scopes' statistics (kb_scope_stats) and the query terms' document frequencies
 * (kb_terms) give each term its weight (idf × the query term's weight); each term's best postings by stored impact
 * (up to TOP_POSTINGS; a rarer term is read whole) are summed as weight × impact to pick the RESCORED best
 * candidates; their exact BM25 under the current statistics comes from each candidate's own term arrays (kb_chunks),
 * so a stale impact (written with an older average length) only changes which candidates are looked at, never a
 * score, and a candidate's terms whose postings were read only in part still count. Cost grows with the number of
 * query terms, not with how many chunks hold a common term. Query terms are bound parameters, never SQL.
 *
 * Measured on PGlite at 100k chunks: returning rows to JavaScript costs far more than computing in SQL (4,300
 * posting rows took 170 ms to return, the 100 candidates' term arrays about 10 ms), hence one statement that
 * returns `limit` short rows.
 */
export async function keywordSearch(
  db: Pick<Database, 'query'>,
  terms: readonly QueryTerm[],
  scopes: readonly string[],
  limit: number,
  options: KeywordSearchOptions = {},
): Promise<RankedChunk[]> {
  const usable = terms.filter((t) => t.term.length > 0);
  if (usable.length === 0) return [];
  const perTerm = options.postings ?? TOP_POSTINGS;
  const { rows } = await db.query(
    `WITH s AS (
       SELECT coalesce(sum(chunks), 0)::float8 AS n, greatest(coalesce(sum(tokens), 0)::float8 / greatest(coalesce(sum(chunks), 0), 1), 1) AS avgdl
       FROM kb_scope_stats WHERE scope = ANY($3::text[])),
     q AS (SELECT term, max(weight) AS weight FROM unnest($1::text[], $2::float8[]) AS u(term, weight) GROUP BY term),
     t AS (SELECT k.id, k.term, k.df FROM kb_terms k WHERE k.term = ANY($1::text[]) AND k.scope = ANY($3::text[]) AND k.df > 0),
     w AS MATERIALIZED (
       SELECT t.id AS term_id, t.df, q.weight * ln(1 + (s.n - d.df + 0.5) / (d.df + 0.5)) AS w
       FROM t JOIN (SELECT term, sum(df)::float8 AS df FROM t GROUP BY term) d ON d.term = t.term JOIN q ON q.term = t.term CROSS JOIN s),
     r AS (
       SELECT w.term_id, w.w, CASE WHEN w.df <= $9 THEN w.df
         ELSE least($5::float8, greatest($10::float8, ceil($11::float8 * w.w / nullif(sum(w.w) FILTER (WHERE w.df > $9) OVER (), 0))))::int END AS n
       FROM w),
     c AS (
       SELECT p.chunk_id, sum(w.w * p.impact) AS approx
       FROM r w CROSS JOIN LATERAL (
         SELECT i.chunk_id, i.impact FROM kb_impacts i WHERE i.term_id = w.term_id ORDER BY i.impact DESC LIMIT w.n
       ) p
       GROUP BY p.chunk_id ORDER BY approx DESC, p.chunk_id LIMIT $4),
     k AS MATERIALIZED (
       SELECT k.id, k.scope, k.term_ids, k.term_tfs, $7::float8 * (1 - $8::float8 + $8::float8 * k.token_count / s.avgdl) AS norm
       FROM c JOIN kb_chunks k ON k.id = c.chunk_id CROSS JOIN s)
     SELECT k.id::text AS id, k.scope, sum(w.w * x.tf * ($7::float8 + 1) / (x.tf + k.norm))::float8 AS score
     FROM k CROSS JOIN w CROSS JOIN LATERAL (SELECT k.term_tfs[array_position(k.term_ids, w.term_id)]::float8 AS tf) x
     WHERE x.tf IS NOT NULL
     GROUP BY k.id, k.scope ORDER BY score DESC, k.id LIMIT $6`,
    [usable.map((t) => t.term), usable.map((t) => t.weight), scopes, Math.max(limit, options.rescored ?? RESCORED),
      Number.isFinite(perTerm) ? perTerm : 2 ** 31 - 1, limit, K1, B, Number.isFinite(perTerm) ? WHOLE_LIST : 2 ** 31 - 1, MIN_LIST,
      options.budget ?? POSTINGS_BUDGET],
  );
  return rows.map((row) => RankSchema.parse(row));
}
