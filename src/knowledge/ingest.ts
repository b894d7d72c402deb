import { createHash } from 'node:crypto';
import type { Database } from '../store/database.js';
import type { ChunkedDocument } from './chunk.js';
import { collectFiles } from './collect-files.js';
import type { NewChunk } from './document-store.js';
import { ingestPipelined } from './pipelined-ingest.js';
import { embedMissing, ensureVectorIndex } from './embedding-store.js';
import { EmbeddingError, type Embedder } from './embed.js';
import type { Segmenter } from './segment.js';

/** Bump when chunking or tokenising changes: every document is indexed again on the next ingest. */
export const INDEX_VERSION = 'kb-4';

export type FileStatus = 'added' | 'updated' | 'unchanged' | 'failed';

export interface IngestFileResult {
  path: string;
  source: string;
  status: FileStatus;
  chunks: number;
  /** Chinese explanation for a failed file. */
  message?: string;
}

export type IngestProgress =
  | { phase: 'files'; done: number; total: number; file: string; status: FileStatus }
  | { phase: 'embeddings'; done: number; total: number };

export interface IngestOptions {
  scope: string;
  onProgress?: (event: IngestProgress) => void;
}

export interface IngestSummary {
  files: IngestFileResult[];
  /** Chunk texts embedded by this run (0 without an embedder). */
  embedded: number;
  /** Chinese sentences for the user (e.g. embeddings failed; keyword search still works). */
  notices: string[];
}

export interface IngestContext {
  db: Pick<Database, 'query' | 'exec' | 'transaction' | 'hasVector'>;
  segmenter: Segmenter;
  embedder: Embedder | null;
}

/** The text given to the embedding model for a chunk (its content hash is the embedding cache key). */
export function embeddingText(chunk: { title: string; sectionPath: readonly string[]; text: string }): string {
  const path = chunk.sectionPath.length > 0 ? `${chunk.sectionPath.join(' > ')}\n` : '';
  return `${chunk.title}\n${path}${chunk.text}`;
}

/**
 * Ingest files and folders into `scope`. A file whose content (and index version and dictionary) is unchanged is
 * skipped; a changed file replaces its old chunks; a file that cannot be read is reported and the rest continue.
 */
export async function ingestPaths(context: IngestContext, paths: readonly string[], options: IngestOptions): Promise<IngestSummary> {
  const { files, problems } = collectFiles(paths);
  const results: IngestFileResult[] = problems.map((p) => ({ path: p.path, source: p.path, status: 'failed', chunks: 0, message: p.message }));
  let done = 0;
  // Parsing and writing overlap: the next file is read and parsed while the store writes this one (pipelined-ingest.ts).
  await ingestPipelined(context, files, options.scope, (result) => {
    results.push(result);
    done += 1;
    options.onProgress?.({ phase: 'files', done, total: files.length, file: result.source, status: result.status });
  });
  if (results.some((r) => r.status === 'added' || r.status === 'updated')) {
    // PGlite has no autovacuum: fresh planner statistics (stale ones make the planner pick bad join orders) and a
    // fresh visibility map, without which keyword search cannot read postings from the term index alone (measured on
    // the bundled knowledge: a bitmap heap scan and a sort per term instead of an index-only scan).
    await context.db.exec('VACUUM (ANALYZE) kb_documents, kb_chunks, kb_terms, kb_impacts, report_indicators, report_summaries, report_findings');
  }
  const notices: string[] = [];
  let embedded = 0;
  if (context.embedder && context.db.hasVector) {
    try {
      await ensureVectorIndex(context.db, context.embedder.dimensions);
      embedded = await embedMissing(context.db, context.embedder, embeddingText, (d, total) =>
        options.onProgress?.({ phase: 'embeddings', done: d, total }),
      );
      if (embedded > 0) await context.db.exec('ANALYZE kb_embeddings');
    } catch (error) {
      if (!(error instanceof EmbeddingError)) throw error;
      notices.push(`生成向量失败：${error.message} 已入库的内容仍可用关键词检索，下次入库时会补上向量。`);
    }
  }
  return { files: results, embedded, notices };
}

export function toChunks(segmenter: Segmenter, document: ChunkedDocument): NewChunk[] {
  return document.chunks.map((chunk) => {
    const embedded = embeddingText({ title: document.title, sectionPath: chunk.sectionPath, text: chunk.text });
    const header = [document.title, document.department ?? '', ...chunk.sectionPath].join('\n');
    const body = segmenter.indexTokens(chunk.text);
    return {
      sectionPath: chunk.sectionPath,
      text: chunk.text,
      lineStart: chunk.lineStart,
      lineEnd: chunk.lineEnd,
      contentHash: createHash('sha256').update(embedded).digest('hex'),
      tokens: [...segmenter.indexTokens(header), ...body],
      length: body.length,
    };
  });
}
