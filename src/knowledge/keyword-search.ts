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

/**
 * Postings read per term and scope, best impact first. A rarer term is read whole, so on a small store (the bundled
 * knowledge is a few hundred chunks) every posting is read and the ranking is BM25 over all of them.
 */
export const TOP_POSTINGS = 500;
/** Candidates ranked by their stored impacts whose exact BM25 is computed (the result is the best `limit` of them). */
const RESCORED = 100;

const CandidateSchema = z.object({
  id: z.string(),
  scope: z.string(),
  token_count: z.number(),
  term_ids: z.array(z.number()),
  term_tfs: z.array(z.number()),
  avgdl: z.number(),
  weight_ids: z.array(z.number()),
  weights: z.array(z.number()),
});

export interface KeywordSearchOptions {
  /** Postings read per term (default TOP_POSTINGS); Infinity reads every posting (exhaustive BM25, for benchmarks). */
  postings?: number;
}

/**
 * BM25 over the chunks of `scopes` from impact-ordered postings (migrations 005, 006), in one round trip: the
 * scopes' statistics and the query terms' document frequencies (kb_terms) give each term its weight (idf × the query
 * term's weight); each term's best postings by stored impact (up to TOP_POSTINGS; a rarer term is read whole) are
 * summed as weight × impact to pick the RESCORED best candidates, which come back with their own term arrays
 * (kb_chunks) and the weights. Their exact BM25 under the current statistics is computed here from those arrays, so
 * a stale impact (written with an older average length) only changes which candidates are looked at, never a score.
 * Cost grows with the number of query terms, not with how many chunks hold a common term. Query terms are bound
 * parameters, never SQL.
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
       SELECT coalesce(sum(chunk_count), 0)::float8 AS n, coalesce(sum(token_total), 0)::float8 AS total
       FROM kb_documents WHERE scope = ANY($3::text[])),
     q AS (SELECT term, max(weight) AS weight FROM unnest($1::text[], $2::float8[]) AS u(term, weight) GROUP BY term),
     t AS (SELECT k.id, k.term, k.df FROM kb_terms k WHERE k.term = ANY($1::text[]) AND k.scope = ANY($3::text[]) AND k.df > 0),
     w AS MATERIALIZED (
       SELECT t.id AS term_id, q.weight * ln(1 + (s.n - d.df + 0.5) / (d.df + 0.5)) AS w
       FROM t JOIN (SELECT term, sum(df)::float8 AS df FROM t GROUP BY term) d ON d.term = t.term JOIN q ON q.term = t.term CROSS JOIN s),
     c AS (
       SELECT p.chunk_id, sum(w.w * p.impact) AS approx
       FROM w CROSS JOIN LATERAL (
         SELECT i.chunk_id, i.impact FROM kb_impacts i WHERE i.term_id = w.term_id ORDER BY i.impact DESC LIMIT $5
       ) p
       GROUP BY p.chunk_id ORDER BY approx DESC, p.chunk_id LIMIT $4)
     SELECT k.id::text AS id, k.scope, k.token_count, k.term_ids, k.term_tfs,
            (SELECT greatest(total / greatest(n, 1), 1) FROM s) AS avgdl,
            (SELECT array_agg(term_id ORDER BY term_id) FROM w) AS weight_ids,
            (SELECT array_agg(w ORDER BY term_id) FROM w) AS weights
     FROM c JOIN kb_chunks k ON k.id = c.chunk_id`,
    [usable.map((t) => t.term), usable.map((t) => t.weight), scopes, Math.max(limit, RESCORED),
      Number.isFinite(perTerm) ? perTerm : null],
  );
  if (rows.length === 0) return [];
  const candidates = rows.map((row) => CandidateSchema.parse(row));
  const first = candidates[0]!;
  const weights = new Map(first.weight_ids.map((id, i) => [id, first.weights[i]!]));
  return candidates
    .map((c) => ({ id: c.id, scope: c.scope, score: exactScore(c.term_ids, c.term_tfs, c.token_count, weights, first.avgdl) }))
    .sort((a, b) => b.score - a.score || Number(a.id) - Number(b.id))
    .slice(0, limit);
}

/** BM25 of one chunk from its term arrays (ids ascending): Σ weight × tf(K1 + 1) / (tf + K1(1 − B + B·len / avgdl)). */
function exactScore(ids: readonly number[], tfs: readonly number[], length: number, weights: ReadonlyMap<number, number>, avgdl: number): number {
  const norm = K1 * (1 - B + (B * length) / avgdl);
  let score = 0;
  for (const [termId, weight] of weights) {
    let lo = 0;
    let hi = ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const id = ids[mid]!;
      if (id === termId) {
        const tf = tfs[mid]!;
        score += (weight * (tf * (K1 + 1))) / (tf + norm);
        break;
      }
      if (id < termId) lo = mid + 1;
      else hi = mid - 1;
    }
  }
  return score;
}
