import { join } from 'node:path';
import { z } from 'zod';
import type { Config } from '../config/env.js';
import type { Database } from '../store/database.js';
import { openDatabase } from '../store/open-database.js';
import { createEmbedder, type Embedder } from './embed.js';
import { getSegmenter, type Segmenter } from './segment.js';
import { BUNDLED_KNOWLEDGE_DIR } from './domain-dictionary.js';
import { searchKnowledge, PUBLIC_SCOPE, type SearchMode, type SearchResult } from './search.js';
import { ingestPaths, type IngestProgress, type IngestSummary } from './ingest.js';
import { collectFiles, isInside } from './collect-files.js';
import { deleteDocument, findDocuments, listDocuments, type DocumentInfo } from './document-store.js';
import { findIndicators, type IndicatorQuery, type IndicatorRecord } from './indicator-store.js';
import { pastReportsOf, type PastReports } from './past-reports.js';

export type { SearchMode, SearchResult } from './search.js';
export type { IngestProgress, IngestSummary, IngestFileResult } from './ingest.js';
export type { DocumentInfo } from './document-store.js';
export type { IndicatorQuery, IndicatorRecord } from './indicator-store.js';

export interface KnowledgeBase {
  /** The mode searches use by default: 'hybrid' with an embedder and pgvector, else 'keyword'. */
  readonly defaultMode: SearchMode;
  search(query: string, options?: { scope?: string; k?: number; mode?: SearchMode }): Promise<SearchResult>;
  ingest(paths: readonly string[], options: { scope: string; onProgress?: (event: IngestProgress) => void }): Promise<IngestSummary>;
  list(scope?: string): Promise<DocumentInfo[]>;
  /** Remove documents by id, source or ingested path (optionally only in one scope); returns what was removed. */
  remove(ref: string, options?: { scope?: string }): Promise<DocumentInfo[]>;
  findIndicators(query: IndicatorQuery): Promise<IndicatorRecord[]>;
  /** Ingested reports as structured knowledge: years, scores, peers' evidence, a year's deductions (migration 008). */
  readonly past: PastReports;
  /** Ingest the bundled knowledge/ folder into scope `public` (first run), reuse it after; drops bundled files that are gone. */
  ensureBundled(onProgress?: (event: IngestProgress) => void): Promise<IngestSummary>;
  close(): Promise<void>;
}

export interface OpenKnowledgeBaseOptions {
  /** Use this database (the caller closes it); default: openDatabase(config). */
  db?: Database;
  /** Override the configured embedder (null: keyword-only). */
  embedder?: Embedder | null;
  /** Dictionary folder (default knowledge/dict). */
  dictDir?: string;
  /** Folder ensureBundled ingests (default the repository's knowledge/). */
  bundledDir?: string;
  /** Chinese notices for the user (vector search off, …). */
  onNotice?: (message: string) => void;
}

const ScopeSchema = z
  .string()
  .regex(/^[\p{L}\p{N}_.-]{1,64}$/u, '范围（scope）名称只能包含字母、数字、汉字、下划线、点和连字符，最长 64 个字符。');

/** Open the knowledge base: store, segmenter (domain dictionary + synonyms) and the configured embedder. */
export async function openKnowledgeBase(config: Config, options: OpenKnowledgeBaseOptions = {}): Promise<KnowledgeBase> {
  const ownsDb = options.db === undefined;
  const db = options.db ?? (await openDatabase(config, { onNotice: options.onNotice }));
  const segmenter: Segmenter = getSegmenter(options.dictDir ?? (options.bundledDir ? join(options.bundledDir, 'dict') : undefined));
  const embedder = options.embedder !== undefined ? options.embedder : createEmbedder(config.embedding);
  const bundledDir = options.bundledDir ?? BUNDLED_KNOWLEDGE_DIR;
  const context = { db, segmenter, embedder };
  const checkScope = (scope: string | undefined): string | undefined => {
    if (scope === undefined) return undefined;
    const parsed = ScopeSchema.safeParse(scope);
    if (!parsed.success) throw new ScopeError(parsed.error.issues[0]!.message);
    return parsed.data;
  };

  return {
    defaultMode: embedder && db.hasVector ? 'hybrid' : 'keyword',
    search: async (query, searchOptions = {}) => searchKnowledge(context, query, { ...searchOptions, scope: checkScope(searchOptions.scope) }),
    ingest: async (paths, ingestOptions) => ingestPaths(context, paths, { ...ingestOptions, scope: checkScope(ingestOptions.scope)! }),
    list: async (scope) => listDocuments(db, checkScope(scope)),
    async remove(ref, removeOptions = {}) {
      const found = await findDocuments(db, ref, checkScope(removeOptions.scope));
      for (const document of found) await deleteDocument(db, document.id);
      return found;
    },
    findIndicators: async (query) => findIndicators(db, { ...query, scope: checkScope(query.scope) }),
    past: pastReportsOf(db, checkScope),
    async ensureBundled(onProgress) {
      const summary = await ingestPaths(context, [bundledDir], { scope: PUBLIC_SCOPE, onProgress });
      const present = new Set(collectFiles([bundledDir]).files.map((f) => f.path));
      for (const document of await listDocuments(db, PUBLIC_SCOPE)) {
        if (isInside(document.originPath, bundledDir) && !present.has(document.originPath)) await deleteDocument(db, document.id);
      }
      return summary;
    },
    async close() {
      if (ownsDb) await db.close();
    },
  };
}

/** A scope name the knowledge base refuses (bad characters or too long). */
export class ScopeError extends Error {
  readonly code = 'invalid-scope';
  constructor(message: string) {
    super(message);
    this.name = 'ScopeError';
  }
}
