import { z } from 'zod';
import type { Database } from '../store/database.js';
import type { Embedder } from './embed.js';
import type { RankedChunk } from './keyword-search.js';

/** Embeddings are cached by (model, content hash): identical text is embedded once; a new model embeds again. */

export function vectorLiteral(vector: readonly number[]): string {
  return `[${vector.map((v) => (Number.isFinite(v) ? v : 0)).join(',')}]`;
}

function checkedDimensions(dimensions: number): number {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 16_000) {
    throw new RangeError(`invalid embedding dimensions: ${dimensions}`);
  }
  return dimensions;
}

/** One HNSW (cosine) expression index per dimension, created on first use. HNSW indexes allow up to 2000 dimensions. */
export async function ensureVectorIndex(db: Pick<Database, 'exec'>, dimensions: number): Promise<void> {
  const n = checkedDimensions(dimensions);
  if (n > 2000) return; // exact scan only
  await db.exec(
    `CREATE INDEX IF NOT EXISTS kb_embeddings_hnsw_${n} ON kb_embeddings USING hnsw ((embedding::vector(${n})) vector_cosine_ops) WHERE dimensions = ${n}`,
  );
}

const MissingRowSchema = z.object({
  content_hash: z.string(),
  text: z.string(),
  title: z.string(),
  section_path: z.array(z.string()),
});

/**
 * Embed every chunk text that has no embedding for the embedder's model yet; returns how many were embedded.
 * `embedText` must be the same function used when the chunk's content hash was computed.
 */
export async function embedMissing(
  db: Pick<Database, 'query'>,
  embedder: Embedder,
  embedText: (row: { text: string; title: string; sectionPath: string[] }) => string,
  onBatch?: (done: number, total: number) => void,
): Promise<number> {
  const { rows } = await db.query(
    `SELECT DISTINCT ON (c.content_hash) c.content_hash, c.text, d.title, c.section_path
     FROM kb_chunks c JOIN kb_documents d ON d.id = c.document_id
     WHERE NOT EXISTS (SELECT 1 FROM kb_embeddings e WHERE e.model = $1 AND e.content_hash = c.content_hash)
     ORDER BY c.content_hash`,
    [embedder.model],
  );
  const missing = rows.map((row) => {
    const r = MissingRowSchema.parse(row);
    return { content_hash: r.content_hash, text: embedText({ text: r.text, title: r.title, sectionPath: r.section_path }) };
  });
  const batch = 64;
  for (let start = 0; start < missing.length; start += batch) {
    const part = missing.slice(start, start + batch);
    const vectors = await embedder.embed(part.map((m) => m.text));
    await db.query(
      `INSERT INTO kb_embeddings (model, content_hash, dimensions, embedding)
       SELECT $1, h, $2::int, v::vector FROM unnest($3::text[], $4::text[]) AS x(h, v)
       ON CONFLICT (model, content_hash) DO NOTHING`,
      [embedder.model, embedder.dimensions, part.map((m) => m.content_hash), vectors.map(vectorLiteral)],
    );
    onBatch?.(Math.min(start + batch, missing.length), missing.length);
  }
  return missing.length;
}

const VectorRankSchema = z.object({ id: z.string(), scope: z.string(), score: z.number() });

/**
 * Nearest chunks of `scopes` by cosine distance to the query vector (score = cosine similarity). The HNSW index is
 * used with pgvector's iterative scan (0.8+), so chunks of other scopes filtered out after the index scan do not
 * starve the result; with an older pgvector the query is planned as an exact scan.
 */
export async function vectorSearch(
  db: Pick<Database, 'query' | 'transaction'>,
  model: string,
  queryVector: readonly number[],
  scopes: readonly string[],
  limit: number,
): Promise<RankedChunk[]> {
  const n = checkedDimensions(queryVector.length);
  const iterative = await supportsIterativeScan(db);
  const distance = `e.embedding::vector(${n}) <=> $1::vector(${n})`;
  const sql = `WITH nearest AS MATERIALIZED (
       SELECT c.id, c.scope, ${distance} AS distance
       FROM kb_embeddings e JOIN kb_chunks c ON c.content_hash = e.content_hash
       WHERE e.model = $2 AND e.dimensions = ${n} AND c.scope = ANY($3::text[])
       ORDER BY ${iterative ? distance : `(${distance}) + 0`} LIMIT $4)
     SELECT id::text AS id, scope, (1 - distance)::float8 AS score FROM nearest ORDER BY distance, id`;
  const params = [vectorLiteral(queryVector), model, scopes, limit];
  const { rows } = iterative
    ? await db.transaction(async (tx) => {
        await tx.exec("SET LOCAL hnsw.iterative_scan = 'relaxed_order'; SET LOCAL hnsw.ef_search = 100");
        return tx.query(sql, params);
      })
    : await db.query(sql, params);
  return rows.map((row) => VectorRankSchema.parse(row));
}

const iterativeScan = new WeakMap<object, Promise<boolean>>();

function supportsIterativeScan(db: Pick<Database, 'query'>): Promise<boolean> {
  let known = iterativeScan.get(db);
  if (!known) {
    known = db
      .query<{ v: string }>("SELECT extversion AS v FROM pg_extension WHERE extname = 'vector'")
      .then(({ rows }) => {
        const [major = 0, minor = 0] = (rows[0]?.v ?? '0.0').split('.').map(Number);
        return major > 0 || minor >= 8;
      });
    iterativeScan.set(db, known);
  }
  return known;
}
