import { resolve } from 'node:path';
import { z } from 'zod';
import type { Database } from '../store/database.js';
import type { IndicatorNode } from '../model/index.js';
import type { DocumentKind } from './chunk.js';
import type { PastReportFacts } from './past-report-facts.js';
import { writeReportRows } from './past-report-store.js';

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
    await refreshScopeStats(tx, rows[0].scope);
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

/**
 * Take a document's chunks out of the keyword index (before the document goes): lower the document frequencies of
 * their terms and delete their postings, each found by its key (term, impact, chunk) in the term index from the
 * chunk's own term arrays (migration 006; there is no cascade from kb_chunks to kb_impacts).
 */
async function forgetTerms(tx: Pick<Database, 'query'>, documentId: string): Promise<void> {
  await tx.query(
    `UPDATE kb_terms t SET df = t.df - x.n
     FROM (SELECT u.term_id, count(*)::int AS n FROM kb_chunks c CROSS JOIN LATERAL unnest(c.term_ids) AS u(term_id)
           WHERE c.document_id = $1::bigint GROUP BY u.term_id) x
     WHERE t.id = x.term_id`,
    [documentId],
  );
  await tx.query(
    `DELETE FROM kb_impacts i
     USING (SELECT c.id::int AS chunk_id, u.term_id, u.impact FROM kb_chunks c
            CROSS JOIN LATERAL unnest(c.term_ids, c.term_impacts) AS u(term_id, impact)
            WHERE c.document_id = $1::bigint) x
     WHERE i.term_id = x.term_id AND i.impact = x.impact AND i.chunk_id = x.chunk_id`,
    [documentId],
  );
}

/** Recount a scope's BM25 statistics (kb_scope_stats, read by every search) from its documents; returns them. */
async function refreshScopeStats(tx: Pick<Database, 'query'>, scope: string): Promise<{ chunks: number; tokens: number }> {
  const { rows } = await tx.query<{ chunks: number; tokens: number }>(
    `INSERT INTO kb_scope_stats (scope, chunks, tokens)
     SELECT $1, coalesce(sum(chunk_count), 0), coalesce(sum(token_total), 0) FROM kb_documents WHERE scope = $1
     ON CONFLICT (scope) DO UPDATE SET chunks = excluded.chunks, tokens = excluded.tokens
     RETURNING chunks::float8 AS chunks, tokens::float8 AS tokens`,
    [scope],
  );
  return { chunks: Number(rows[0]?.chunks ?? 0), tokens: Number(rows[0]?.tokens ?? 0) };
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

/** A chunk's postings: its distinct terms by ascending id, with their tf and BM25 impact. */
interface ChunkTerms {
  ids: number[];
  tfs: number[];
  impacts: number[];
}

/**
 * One posting per distinct term of a chunk: tf (at most 32767), the chunk's length and the BM25 impact (the
 * term-frequency part with the scope's average length now), so that a query can read each term's best postings first.
 * Impacts are rounded to float4 here, as the store keeps them, so the chunk's arrays and its postings agree exactly.
 */
function chunkTerms(counts: Map<string, number>, length: number, termIds: ReadonlyMap<string, number>, avgLength: number): ChunkTerms {
  const norm = BM25_K1 * (1 - BM25_B + (BM25_B * length) / avgLength);
  const entries = [...counts].map(([term, tf]) => ({ id: termIds.get(term)!, tf: Math.min(tf, 32_767) })).sort((a, b) => a.id - b.id);
  return {
    ids: entries.map((e) => e.id),
    tfs: entries.map((e) => e.tf),
    impacts: entries.map((e) => Math.fround((e.tf * (BM25_K1 + 1)) / (e.tf + norm))),
  };
}

async function insertPostings(tx: Pick<Database, 'query'>, chunks: { id: string; terms: ChunkTerms; length: number }[]): Promise<void> {
  const rows: { term: number; chunk: number; impact: number; tf: number; len: number }[] = [];
  for (const { id, terms: t, length } of chunks) {
    const chunk = Number(id);
    const len = Math.min(length, 32_767);
    for (let i = 0; i < t.ids.length; i++) rows.push({ term: t.ids[i]!, chunk, impact: t.impacts[i]!, tf: t.tfs[i]!, len });
  }
  // In index order, so that consecutive inserts land on the same pages of the term index.
  rows.sort((a, b) => a.term - b.term || b.impact - a.impact || a.chunk - b.chunk);
  for (let start = 0; start < rows.length; start += POSTINGS_BATCH) {
    const slice = rows.slice(start, start + POSTINGS_BATCH);
    await tx.query(
      `INSERT INTO kb_impacts (term_id, chunk_id, impact, tf, len)
       SELECT t, c, i, f, l FROM unnest($1::int[], $2::int[], $3::real[], $4::smallint[], $5::smallint[]) AS x(t, c, i, f, l)`,
      [slice.map((r) => r.term), slice.map((r) => r.chunk), slice.map((r) => r.impact), slice.map((r) => r.tf), slice.map((r) => r.len)],
    );
  }
}

/** A new version of one document: its chunks and, for a report, its indicators. */
export interface DocumentVersion {
  document: NewDocument;
  chunks: readonly NewChunk[];
  indicators: readonly IndicatorNode[];
  /** A report's totals, findings and 存在问题 (past-report-store.ts), when it is a report. */
  facts?: PastReportFacts;
}

/** Replace the document (scope, source) with a new version: old chunks and indicators go with it. */
export async function replaceDocument(
  db: Pick<Database, 'transaction'>,
  document: NewDocument,
  chunks: readonly NewChunk[],
  indicators: readonly IndicatorNode[],
  facts?: PastReportFacts,
): Promise<string> {
  const [id] = await replaceDocuments(db, [{ document, chunks, indicators, ...(facts ? { facts } : {}) }]);
  return id!;
}

/**
 * Replace several documents of one scope in one transaction (each as replaceDocument would): their terms are
 * registered and their chunks and postings written in shared batches, so a bulk load pays per batch, not per file.
 * Returns the new document ids in the order given.
 */
export async function replaceDocuments(db: Pick<Database, 'transaction'>, versions: readonly DocumentVersion[]): Promise<string[]> {
  if (versions.length === 0) return [];
  const scope = versions[0]!.document.scope;
  if (versions.some((v) => v.document.scope !== scope)) throw new Error('replaceDocuments: every document must be in one scope');
  if (new Set(versions.map((v) => v.document.source)).size !== versions.length) throw new Error('replaceDocuments: a source appears twice');
  return db.transaction(async (tx) => {
    // Two processes ingesting the same file (several bot instances on one PostgreSQL) take turns here; locks are
    // taken in one order so that two batches cannot deadlock.
    const sources = [...new Set(versions.map((v) => v.document.source))].sort();
    for (const source of sources) await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`kb:${scope}:${source}`]);
    await lockTerms(tx, scope);
    const previous = await tx.query<{ id: string }>('SELECT id::text AS id FROM kb_documents WHERE scope = $1 AND source = ANY($2::text[])', [
      scope, sources,
    ]);
    for (const row of previous.rows) await forgetTerms(tx, row.id);
    await tx.query('DELETE FROM kb_documents WHERE scope = $1 AND source = ANY($2::text[])', [scope, sources]);
    const ids: string[] = [];
    for (const { document, chunks } of versions) {
      const tokenTotal = chunks.reduce((n, c) => n + c.length, 0);
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO kb_documents (scope, source, title, kind, origin_path, content_hash, chunk_count, department, year, token_total)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id::text AS id`,
        [document.scope, document.source, document.title, document.kind, document.originPath, document.contentHash,
          chunks.length, document.department, document.year, tokenTotal],
      );
      ids.push(z.string().parse(rows[0]?.id));
    }
    const stats = await refreshScopeStats(tx, scope);
    const avgLength = Math.max(stats.tokens / Math.max(stats.chunks, 1), 1);
    const all = versions.flatMap((v, d) => v.chunks.map((chunk, ordinal) => ({ documentId: ids[d]!, ordinal, chunk })));
    const counted = all.map((c) => termCounts(c.chunk));
    const termIds = await registerTerms(tx, scope, counted);
    const postings = all.map((c, i) => chunkTerms(counted[i]!, c.chunk.length, termIds, avgLength));
    const flat = new Map(all.map((c, i) => [`${c.documentId}:${c.ordinal}`, i]));
    for (let start = 0; start < all.length; start += BATCH) {
      const batch = all.slice(start, start + BATCH);
      const terms = postings.slice(start, start + BATCH);
      const inserted = await tx.query<{ id: string; document_id: string; ordinal: number }>(
        `INSERT INTO kb_chunks (document_id, scope, ordinal, section_path, text, line_start, line_end, content_hash, token_count,
                                term_ids, term_tfs, term_impacts)
         SELECT d, $1, o, sp::jsonb, t, ls, le, h, tc, ti::int[], tf::smallint[], tm::real[]
         FROM unnest($2::bigint[], $3::int[], $4::text[], $5::text[], $6::int[], $7::int[], $8::text[], $9::int[], $10::text[],
                     $11::text[], $12::text[])
           AS x(d, o, sp, t, ls, le, h, tc, ti, tf, tm)
         RETURNING id::text AS id, document_id::text AS document_id, ordinal`,
        [scope, batch.map((c) => c.documentId), batch.map((c) => c.ordinal), batch.map((c) => JSON.stringify(c.chunk.sectionPath)),
          batch.map((c) => c.chunk.text), batch.map((c) => c.chunk.lineStart), batch.map((c) => c.chunk.lineEnd),
          batch.map((c) => c.chunk.contentHash), batch.map((c) => c.chunk.length),
          terms.map((t) => `{${t.ids.join(',')}}`), terms.map((t) => `{${t.tfs.join(',')}}`),
          terms.map((t) => `{${t.impacts.join(',')}}`)],
      );
      await insertPostings(
        tx,
        inserted.rows.map((row) => {
          const i = flat.get(`${row.document_id}:${row.ordinal}`)!;
          return { id: row.id, terms: postings[i]!, length: all[i]!.chunk.length };
        }),
      );
    }
    for (const [d, { document, indicators, facts }] of versions.entries()) {
      await writeReportRows(tx, ids[d]!, document, indicators, facts);
    }
    return ids;
  });
}
