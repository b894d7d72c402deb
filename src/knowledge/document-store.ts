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

export async function deleteDocument(db: Pick<Database, 'query'>, id: string): Promise<void> {
  await db.query('DELETE FROM kb_documents WHERE id = $1::bigint', [id]);
}

const BATCH = 400;
const POSTINGS_BATCH = 5000;

/** One row per distinct term of each chunk: its frequency in the chunk and the chunk's length (BM25). */
async function insertPostings(tx: Pick<Database, 'query'>, scope: string, chunks: { id: string; chunk: NewChunk }[]): Promise<void> {
  const terms: string[] = [];
  const ids: string[] = [];
  const tfs: number[] = [];
  const lens: number[] = [];
  for (const { id, chunk } of chunks) {
    const counts = new Map<string, number>();
    for (const token of chunk.tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    for (const [term, tf] of counts) {
      terms.push(term);
      ids.push(id);
      tfs.push(tf);
      lens.push(chunk.length);
    }
  }
  for (let start = 0; start < terms.length; start += POSTINGS_BATCH) {
    const end = start + POSTINGS_BATCH;
    await tx.query(
      `INSERT INTO kb_postings (term, scope, chunk_id, tf, len)
       SELECT t, $1, c, f, l FROM unnest($2::text[], $3::bigint[], $4::int[], $5::int[]) AS x(t, c, f, l)`,
      [scope, terms.slice(start, end), ids.slice(start, end), tfs.slice(start, end), lens.slice(start, end)],
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
    await tx.query('DELETE FROM kb_documents WHERE scope = $1 AND source = $2', [document.scope, document.source]);
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO kb_documents (scope, source, title, kind, origin_path, content_hash, chunk_count, department, year)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id::text AS id`,
      [document.scope, document.source, document.title, document.kind, document.originPath, document.contentHash,
        chunks.length, document.department, document.year],
    );
    const id = z.string().parse(rows[0]?.id);
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
      await insertPostings(tx, document.scope, inserted.rows.map((row) => ({ id: row.id, chunk: chunks[row.ordinal]! })));
    }
    const tokenTotal = chunks.reduce((n, c) => n + c.length, 0);
    await tx.query('UPDATE kb_documents SET token_total = $2 WHERE id = $1::bigint', [id, tokenTotal]);
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
