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
 * knowledge is a few hundred chunks) every posting is read and the ranking is exactly BM25 over all of them.
 */
export const TOP_POSTINGS = 500;
/** Candidates whose scores are completed with the postings of the terms read only in part. */
const RESCORED = 100;

const StatsSchema = z.object({ n: z.number(), total: z.number() });
const TermSchema = z.object({ id: z.number(), term: z.string(), scope: z.string(), df: z.number() });
const RankSchema = z.object({ id: z.string(), scope: z.string(), score: z.number() });
const PostingSchema = z.object({ id: z.string(), term_id: z.number(), tf: z.number(), len: z.number() });

/**
 * BM25 over the chunks of `scopes` from impact-ordered postings (migration 005): document frequencies come from
 * kb_terms, each term's postings are read best-impact first up to TOP_POSTINGS, and when a common term was read only
 * in part the best candidates get their exact BM25 from the (chunk, term) index. Cost grows with the number of query
 * terms, not with how many chunks hold a common term. Query terms are bound parameters, never SQL.
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
  const termRows = (
    await db.query('SELECT id, term, scope, df FROM kb_terms WHERE term = ANY($1::text[]) AND scope = ANY($2::text[]) AND df > 0', [
      [...new Set(usable.map((t) => t.term))],
      scopes,
    ])
  ).rows.map((row) => TermSchema.parse(row));
  const df = new Map<string, number>();
  for (const row of termRows) df.set(row.term, (df.get(row.term) ?? 0) + row.df);
  // One entry per (query term, scope): the term's BM25 weight, and whether its postings are read only in part.
  const lists = usable.flatMap((t) => {
    const n = df.get(t.term);
    if (n === undefined) return [];
    const weight = t.weight * Math.log(1 + (stats.n - n + 0.5) / (n + 0.5));
    return termRows.filter((row) => row.term === t.term).map((row) => ({ termId: row.id, scope: row.scope, weight, partial: row.df > TOP_POSTINGS }));
  });
  if (lists.length === 0) return [];
  const avgdl = Math.max(stats.total / stats.n, 1);
  const partial = lists.some((l) => l.partial);
  const { rows } = await db.query(
    `SELECT p.chunk_id::text AS id, q.scope,
            sum(q.w * (p.tf * ($4::float8 + 1)) / (p.tf + $4::float8 * (1 - $5::float8 + $5::float8 * p.len / $6::float8)))::float8 AS score
     FROM unnest($1::int[], $2::float8[], $3::text[]) AS q(term_id, w, scope)
     CROSS JOIN LATERAL (
       SELECT i.chunk_id, i.tf, i.len FROM kb_impacts i WHERE i.term_id = q.term_id ORDER BY i.impact DESC LIMIT $8
     ) p
     GROUP BY p.chunk_id, q.scope ORDER BY score DESC, p.chunk_id LIMIT $7`,
    [lists.map((l) => l.termId), lists.map((l) => l.weight), lists.map((l) => l.scope), K1, B, avgdl,
      partial ? Math.max(limit, RESCORED) : limit, TOP_POSTINGS],
  );
  const ranked = rows.map((row) => RankSchema.parse(row));
  if (!partial) return ranked;
  return (await rescore(db, ranked, lists, avgdl)).slice(0, limit);
}

/** Exact BM25 of candidates: every query term's posting of each candidate, from the (chunk, term) index. */
async function rescore(
  db: Pick<Database, 'query'>,
  candidates: readonly RankedChunk[],
  lists: readonly { termId: number; weight: number }[],
  avgdl: number,
): Promise<RankedChunk[]> {
  if (candidates.length === 0) return [];
  const { rows } = await db.query(
    // One probe of the (chunk, term) index per candidate; never a scan of a common term's postings.
    `SELECT x.chunk_id::text AS id, x.term_id, x.tf, x.len FROM unnest($1::bigint[]) AS c(id)
     CROSS JOIN LATERAL (SELECT i.chunk_id, i.term_id, i.tf, i.len FROM kb_impacts i WHERE i.chunk_id = c.id AND i.term_id = ANY($2::int[]) OFFSET 0) x`,
    [candidates.map((c) => c.id), [...new Set(lists.map((l) => l.termId))]],
  );
  const weights = new Map<number, number>();
  for (const l of lists) weights.set(l.termId, (weights.get(l.termId) ?? 0) + l.weight);
  const scores = new Map<string, number>();
  for (const row of rows.map((r) => PostingSchema.parse(r))) {
    const part = (row.tf * (K1 + 1)) / (row.tf + K1 * (1 - B + (B * row.len) / avgdl));
    scores.set(row.id, (scores.get(row.id) ?? 0) + weights.get(row.term_id)! * part);
  }
  return candidates
    .map((c) => ({ ...c, score: scores.get(c.id) ?? c.score }))
    .sort((a, b) => b.score - a.score || Number(a.id) - Number(b.id));
}
