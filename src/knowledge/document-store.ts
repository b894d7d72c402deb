import { resolve } from 'node:path';
import { z } from 'zod';
import type { Database } from '../store/database.js';
import type { IndicatorNode } from '../model/index.js';
import type { DocumentKind } from './chunk.js';

/** SQL for kb_documents / kb_chunks / report_indicators. Rows are parsed with zod at this boundary. */

export interface NewDocument {
  scope: string;
  source: string;
  title: string;
  kind: DocumentKind;
  originPath: string;
  contentHash: string;
  department: string | null;
  year: number | null;
}

export interface NewChunk {
  sectionPath: string[];
  text: string;
  lineStart: number;
  lineEnd: number;
  contentHash: string;
  /** Index tokens of the title, section path and text. */
  tokens: string[];
  /** How many of them come from the text itself: BM25's length (headings boost a chunk without making it "longer"). */
  length: number;
}

const DocumentRowSchema = z.object({
  id: z.string(),
  scope: z.string(),
  source: z.string(),
  title: z.string(),
  kind: z.enum(['guide', 'report', 'document']),
  origin_path: z.string(),
  content_hash: z.string(),
  chunk_count: z.number(),
  ingested_at: z.coerce.date(),
});

export interface DocumentInfo {
  id: string;
  scope: string;
  source: string;
  title: string;
  kind: DocumentKind;
  originPath: string;
  contentHash: string;
  chunkCount: number;
  ingestedAt: Date;
}

const SELECT_DOCUMENT =
  'SELECT id::text AS id, scope, source, title, kind, origin_path, content_hash, chunk_count, ingested_at FROM kb_documents';

function toInfo(row: unknown): DocumentInfo {
  const r = DocumentRowSchema.parse(row);
  return {
    id: r.id, scope: r.scope, source: r.source, title: r.title, kind: r.kind, originPath: r.origin_path,
    contentHash: r.content_hash, chunkCount: r.chunk_count, ingestedAt: r.ingested_at,
  };
}

export async function findDocument(db: Pick<Database, 'query'>, scope: string, source: string): Promise<DocumentInfo | undefined> {
  const { rows } = await db.query(`${SELECT_DOCUMENT} WHERE scope = $1 AND source = $2`, [scope, source]);
  return rows[0] ? toInfo(rows[0]) : undefined;
}

export async function listDocuments(db: Pick<Database, 'query'>, scope?: string): Promise<DocumentInfo[]> {
  const { rows } = scope
    ? await db.query(`${SELECT_DOCUMENT} WHERE scope = $1 ORDER BY scope, source`, [scope])
    : await db.query(`${SELECT_DOCUMENT} ORDER BY scope, source`);
  return rows.map(toInfo);
}

/** Documents matching `ref`: an id, a source (path relative to its ingest root) or the absolute path ingested. */
export async function findDocuments(db: Pick<Database, 'query'>, ref: string, scope?: string): Promise<DocumentInfo[]> {
  const { rows } = await db.query(
    `${SELECT_DOCUMENT} WHERE (id::text = $1 OR source = $1 OR origin_path = $1 OR origin_path = $3)
       AND ($2::text IS NULL OR scope = $2) ORDER BY scope, source`,
    [ref, scope ?? null, resolve(ref)],
  );
  return rows.map(toInfo);
}

/** Remove a document with its chunks, postings and indicators, and take its terms out of the document frequencies. */
export async function deleteDocument(db: Pick<Database, 'transaction'>, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ scope: string }>('SELECT scope FROM kb_documents WHERE id = $1::bigint', [id]);
    if (!rows[0]) return;
    await lockTerms(tx, rows[0].scope);
    await forgetTerms(tx, id);
    await tx.query('DELETE FROM kb_documents WHERE id = $1::bigint', [id]);
  });
}

const BATCH = 400;
const POSTINGS_BATCH = 5000;
/** BM25 parameters (the usual defaults); keyword-search.ts scores with the same ones. */
export const BM25_K1 = 1.2;
export const BM25_B = 0.75;

/** Ingests of one scope take turns on its document frequencies (no deadlock between two bot instances). */
async function lockTerms(tx: Pick<Database, 'query'>, scope: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`kb-terms:${scope}`]);
}

/** Lower the document frequencies by the terms of a document's chunks (before the document goes). */
async function forgetTerms(tx: Pick<Database, 'query'>, documentId: string): Promise<void> {
  await tx.query(
    `UPDATE kb_terms t SET df = t.df - x.n
     FROM (SELECT i.term_id, count(*)::int AS n FROM kb_impacts i JOIN kb_chunks c ON c.id = i.chunk_id
           WHERE c.document_id = $1::bigint GROUP BY i.term_id) x
     WHERE t.id = x.term_id`,
    [documentId],
  );
}

/** Term frequencies of each chunk's tokens. */
function termCounts(chunk: NewChunk): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of chunk.tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

/** Raise the document frequencies of a document's terms (creating new terms); returns each term's id. */
async function registerTerms(tx: Pick<Database, 'query'>, scope: string, counted: readonly Map<string, number>[]): Promise<Map<string, number>> {
  const df = new Map<string, number>();
  for (const counts of counted) for (const term of counts.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const terms = [...df.keys()].sort();
  const ids = new Map<string, number>();
  for (let start = 0; start < terms.length; start += POSTINGS_BATCH) {
    const slice = terms.slice(start, start + POSTINGS_BATCH);
    const { rows } = await tx.query<{ id: number; term: string }>(
      `INSERT INTO kb_terms (scope, term, df) SELECT $1, t, n FROM unnest($2::text[], $3::int[]) AS x(t, n) ORDER BY t
       ON CONFLICT (term, scope) DO UPDATE SET df = kb_terms.df + excluded.df
       RETURNING id, term`,
      [scope, slice, slice.map((t) => df.get(t)!)],
    );
    for (const row of rows) ids.set(row.term, Number(row.id));
  }
  return ids;
}

/**
 * One posting per distinct term of each chunk: tf, the chunk's length and the BM25 impact (the term-frequency part
 * with the scope's average length now), so that a query can read each term's best postings first.
 */
async function insertPostings(
  tx: Pick<Database, 'query'>,
  termIds: ReadonlyMap<string, number>,
  avgLength: number,
  chunks: { id: string; counts: Map<string, number>; length: number }[],
): Promise<void> {
  const terms: number[] = [];
  const ids: string[] = [];
  const tfs: number[] = [];
  const lens: number[] = [];
  const impacts: number[] = [];
  for (const { id, counts, length } of chunks) {
    const norm = BM25_K1 * (1 - BM25_B + (BM25_B * length) / avgLength);
    for (const [term, tf] of counts) {
      terms.push(termIds.get(term)!);
      ids.push(id);
      tfs.push(Math.min(tf, 32_767));
      lens.push(length);
      impacts.push((tf * (BM25_K1 + 1)) / (tf + norm));
    }
  }
  for (let start = 0; start < terms.length; start += POSTINGS_BATCH) {
    const end = start + POSTINGS_BATCH;
    await tx.query(
      `INSERT INTO kb_impacts (term_id, chunk_id, tf, len, impact)
       SELECT t, c, f, l, i FROM unnest($1::int[], $2::bigint[], $3::smallint[], $4::int[], $5::real[]) AS x(t, c, f, l, i)`,
      [terms.slice(start, end), ids.slice(start, end), tfs.slice(start, end), lens.slice(start, end), impacts.slice(start, end)],
    );
  }
}

/** Replace the document (scope, source) with a new version: old chunks and indicators go with it. */
export async function replaceDocument(
  db: Pick<Database, 'transaction'>,
  document: NewDocument,
  chunks: readonly NewChunk[],
  indicators: readonly IndicatorNode[],
): Promise<string> {
  return db.transaction(async (tx) => {
    // Two processes ingesting the same file (several bot instances on one PostgreSQL) take turns here.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`kb:${document.scope}:${document.source}`]);
    await lockTerms(tx, document.scope);
    const previous = await tx.query<{ id: string }>('SELECT id::text AS id FROM kb_documents WHERE scope = $1 AND source = $2', [
      document.scope, document.source,
    ]);
    for (const row of previous.rows) await forgetTerms(tx, row.id);
    await tx.query('DELETE FROM kb_documents WHERE scope = $1 AND source = $2', [document.scope, document.source]);
    const tokenTotal = chunks.reduce((n, c) => n + c.length, 0);
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO kb_documents (scope, source, title, kind, origin_path, content_hash, chunk_count, department, year, token_total)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id::text AS id`,
      [document.scope, document.source, document.title, document.kind, document.originPath, document.contentHash,
        chunks.length, document.department, document.year, tokenTotal],
    );
    const id = z.string().parse(rows[0]?.id);
    const stats = await tx.query<{ n: number; total: number }>(
      'SELECT coalesce(sum(chunk_count), 0)::float8 AS n, coalesce(sum(token_total), 0)::float8 AS total FROM kb_documents WHERE scope = $1',
      [document.scope],
    );
    const avgLength = Math.max(Number(stats.rows[0]?.total ?? 0) / Math.max(Number(stats.rows[0]?.n ?? 0), 1), 1);
    const counted = chunks.map(termCounts);
    const termIds = await registerTerms(tx, document.scope, counted);
    for (let start = 0; start < chunks.length; start += BATCH) {
      const batch = chunks.slice(start, start + BATCH);
      const inserted = await tx.query<{ id: string; ordinal: number }>(
        `INSERT INTO kb_chunks (document_id, scope, ordinal, section_path, text, line_start, line_end, content_hash, tokens, token_count)
         SELECT $1::bigint, $2, o, sp::jsonb, t, ls, le, h, tk, tc
         FROM unnest($3::int[], $4::text[], $5::text[], $6::int[], $7::int[], $8::text[], $9::text[], $10::int[])
           AS x(o, sp, t, ls, le, h, tk, tc)
         RETURNING id::text AS id, ordinal`,
        [id, document.scope, batch.map((_, i) => start + i), batch.map((c) => JSON.stringify(c.sectionPath)),
          batch.map((c) => c.text), batch.map((c) => c.lineStart), batch.map((c) => c.lineEnd),
          batch.map((c) => c.contentHash), batch.map((c) => c.tokens.join(' ')), batch.map((c) => c.length)],
      );
      await insertPostings(
        tx,
        termIds,
        avgLength,
        inserted.rows.map((row) => ({ id: row.id, counts: counted[row.ordinal]!, length: chunks[row.ordinal]!.length })),
      );
    }
    if (indicators.length > 0) {
      await tx.query(
        `INSERT INTO report_indicators (document_id, scope, department, year, name, path, level, weight, score, assessed, line)
         SELECT $1::bigint, $2, $3, $4::int, n, p::jsonb, l, w, s, a, ln
         FROM unnest($5::text[], $6::text[], $7::int[], $8::numeric[], $9::numeric[], $10::boolean[], $11::int[])
           AS x(n, p, l, w, s, a, ln)`,
        [id, document.scope, document.department, document.year, indicators.map((i) => i.name),
          indicators.map((i) => JSON.stringify(i.path)), indicators.map((i) => i.level), indicators.map((i) => i.weight),
          indicators.map((i) => i.score), indicators.map((i) => i.assessed), indicators.map((i) => i.line)],
      );
    }
    return id;
  });
}
