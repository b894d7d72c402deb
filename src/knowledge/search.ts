import { z } from 'zod';
import type { Database } from '../store/database.js';
import type { Citation } from '../model/index.js';
import { EmbeddingError, type Embedder } from './embed.js';
import type { Segmenter } from './segment.js';
import { keywordSearch, type RankedChunk } from './keyword-search.js';
import { vectorSearch } from './embedding-store.js';

export type SearchMode = 'keyword' | 'hybrid' | 'vector';

export interface SearchOptions {
  /** The caller's scope: results come from `public` plus this scope, never from another. */
  scope?: string;
  k?: number;
  /** Force an arm (benchmarks); default: hybrid when an embedder and pgvector are available, else keyword. */
  mode?: SearchMode;
}

export interface SearchResult {
  results: Citation[];
  mode: SearchMode;
  /** Chinese sentence when search fell back to keywords (vector search unavailable). */
  notice?: string;
}

export const PUBLIC_SCOPE = 'public';
const RRF_K = 60;

export function visibleScopes(scope: string | undefined): string[] {
  return scope && scope !== PUBLIC_SCOPE ? [PUBLIC_SCOPE, scope] : [PUBLIC_SCOPE];
}

export interface SearchContext {
  db: Pick<Database, 'query' | 'transaction' | 'hasVector'>;
  segmenter: Segmenter;
  embedder: Embedder | null;
}

/** Search the knowledge base: BM25 keyword arm, vector arm, reciprocal rank fusion by chunk id → citations. */
export async function searchKnowledge(context: SearchContext, query: string, options: SearchOptions = {}): Promise<SearchResult> {
  const k = Math.max(1, Math.min(options.k ?? 5, 100));
  const scopes = visibleScopes(options.scope);
  const vectorPossible = context.embedder !== null && context.db.hasVector;
  let mode: SearchMode = options.mode ?? (vectorPossible ? 'hybrid' : 'keyword');
  let notice: string | undefined;
  if (mode !== 'keyword' && !vectorPossible) {
    mode = 'keyword';
    notice = context.db.hasVector ? '未配置向量模型（EMBEDDING_MODEL），本次只用关键词检索。' : '数据库没有 pgvector 扩展，本次只用关键词检索。';
  }
  const depth = Math.max(k * 4, 40);

  let vectorRanks: RankedChunk[] = [];
  if (mode !== 'keyword') {
    try {
      const [queryVector] = await context.embedder!.embed([query]);
      vectorRanks = await vectorSearch(context.db, context.embedder!.model, queryVector!, scopes, depth);
    } catch (error) {
      if (!(error instanceof EmbeddingError)) throw error;
      mode = 'keyword';
      notice = `向量服务暂不可用，本次只用关键词检索（${error.message}）`;
    }
  }
  const keywordRanks =
    mode === 'vector' ? [] : await keywordSearch(context.db, context.segmenter.queryTerms(query), scopes, depth);

  const ranked = mode === 'keyword' ? keywordRanks : mode === 'vector' ? vectorRanks : fuse([keywordRanks, vectorRanks]);
  const top = interleaveScopes(ranked, scopes).slice(0, k);
  const results = await loadCitations(context.db, top);
  return notice ? { results, mode, notice } : { results, mode };
}

/** Reciprocal rank fusion keyed by chunk id: score = Σ 1 / (60 + rank). */
export function fuse(lists: readonly RankedChunk[][]): RankedChunk[] {
  const fused = new Map<string, RankedChunk>();
  for (const list of lists) {
    list.forEach((item, index) => {
      const previous = fused.get(item.id);
      fused.set(item.id, { id: item.id, scope: item.scope, score: (previous?.score ?? 0) + 1 / (RRF_K + index + 1) });
    });
  }
  return [...fused.values()].sort((a, b) => b.score - a.score || Number(a.id) - Number(b.id));
}

/**
 * With a caller scope, its own material and the public knowledge are ranked apart and interleaved by rank (the
 * better-scored head first), so a department's own report is not drowned by the bundled guides, nor the reverse.
 */
export function interleaveScopes(ranked: readonly RankedChunk[], scopes: readonly string[]): RankedChunk[] {
  if (scopes.length < 2) return [...ranked];
  const own = ranked.filter((r) => r.scope !== PUBLIC_SCOPE);
  const shared = ranked.filter((r) => r.scope === PUBLIC_SCOPE);
  const out: RankedChunk[] = [];
  for (let i = 0; i < Math.max(own.length, shared.length); i++) {
    const pair = [own[i], shared[i]].filter((r): r is RankedChunk => r !== undefined).sort((a, b) => b.score - a.score);
    out.push(...pair);
  }
  return out;
}

const CitationRowSchema = z.object({
  id: z.string(),
  source: z.string(),
  title: z.string(),
  section_path: z.array(z.string()),
  text: z.string(),
  line_start: z.number().int().positive().nullable(),
  line_end: z.number().int().positive().nullable(),
  scope: z.string(),
});

async function loadCitations(db: Pick<Database, 'query'>, ranked: readonly RankedChunk[]): Promise<Citation[]> {
  if (ranked.length === 0) return [];
  const { rows } = await db.query(
    `SELECT c.id::text AS id, d.source, d.title, c.section_path, c.text, c.line_start, c.line_end, c.scope
     FROM kb_chunks c JOIN kb_documents d ON d.id = c.document_id WHERE c.id = ANY($1::bigint[])`,
    [ranked.map((r) => r.id)],
  );
  const byId = new Map(rows.map((row) => CitationRowSchema.parse(row)).map((r) => [r.id, r]));
  return ranked.flatMap(({ id, score }) => {
    const row = byId.get(id);
    if (!row) return [];
    return [{
      chunkId: row.id,
      source: row.source,
      title: row.title,
      sectionPath: row.section_path,
      text: row.text,
      ...(row.line_start !== null ? { lineStart: row.line_start } : {}),
      ...(row.line_end !== null ? { lineEnd: row.line_end } : {}),
      scope: row.scope,
      score: Math.round(score * 10_000) / 10_000,
    }];
  });
}
