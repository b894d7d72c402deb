import { z } from 'zod';
import type { Database } from '../store/database.js';
import type { Embedder } from './embed.js';

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

const VectorRankSchema = z.object({ id: z.string(), score: z.number() });

/** Nearest chunks of `scopes` by cosine distance to the query vector (score = cosine similarity). */
export async function vectorSearch(
  db: Pick<Database, 'query'>,
  model: string,
  queryVector: readonly number[],
  scopes: readonly string[],
  limit: number,
): Promise<{ id: string; score: number }[]> {
  const n = checkedDimensions(queryVector.length);
  const { rows } = await db.query(
    `SELECT c.id::text AS id, (1 - (e.embedding::vector(${n}) <=> $1::vector(${n})))::float8 AS score
     FROM kb_chunks c JOIN kb_embeddings e ON e.model = $2 AND e.content_hash = c.content_hash
     WHERE c.scope = ANY($3::text[]) AND e.dimensions = ${n}
     ORDER BY e.embedding::vector(${n}) <=> $1::vector(${n}), c.id LIMIT $4`,
    [vectorLiteral(queryVector), model, scopes, limit],
  );
  return rows.map((row) => VectorRankSchema.parse(row));
}
