/**
 * Keyword search at 326 / 10k / 100k chunks, side by side on the same chunks and queries: ours (impact-ordered BM25
 * in the store), MiniSearch with jieba tokens, and a plain in-memory BM25 that reads every posting. Plus the ranking
 * quality of ours on the gold set (Hit@1, Hit@5, MRR@10), which must not drop.
 */
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { loadConfig } from '../src/config/env.js';
import type { Database } from '../src/store/database.js';
import { openDatabase } from '../src/store/open-database.js';
import { openKnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { getSegmenter, type Segmenter } from '../src/knowledge/segment.js';
import { keywordSearch } from '../src/knowledge/keyword-search.js';
import { visibleScopes } from '../src/knowledge/search.js';
import { loadGold, score, type Scores } from './retrieval/gold.js';
import { addSyntheticChunks, percentile } from './retrieval/scale.js';
import { ROOT } from './process-probe.js';

export interface SearchScaleRow {
  chunks: number;
  ours: { p50: number; p95: number; bytes: number };
  /** Store bytes per chunk (pg_total_relation_size of the kb tables / chunks). */
  bytesPerChunk: number;
  /** Milliseconds per chunk to tokenise and write the synthetic chunks added for this row (batched); null for the first. */
  ingestMsPerChunk: number | null;
  /** Share of the exhaustive BM25 top 5 (every posting read) that the pruned search also returns in its top 5. */
  agreementAt5: number;
  /** BM25 of the pruned top 5 over BM25 of the exhaustive top 5, averaged over the queries (1 = as good). */
  scoreAt5: number;
  minisearch: { p50: number; p95: number; bytes: number };
  bm25: { p50: number; p95: number; bytes: number };
}

export interface SearchScale {
  target: string;
  quality: Scores;
  rows: SearchScaleRow[];
}

interface Chunk {
  id: string;
  tokens: string[];
}

/** Exhaustive BM25 over typed-array postings: every posting of every query term is read. */
function inMemoryBm25(chunks: readonly Chunk[]) {
  const postings = new Map<string, number[]>();
  const lengths = new Float64Array(chunks.length);
  chunks.forEach((chunk, index) => {
    lengths[index] = chunk.tokens.length;
    const counts = new Map<string, number>();
    for (const t of chunk.tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [term, tf] of counts) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      list.push(index, tf);
    }
  });
  const packed = new Map([...postings].map(([term, list]) => [term, Int32Array.from(list)]));
  const avgdl = lengths.reduce((a, b) => a + b, 0) / Math.max(chunks.length, 1);
  let bytes = lengths.byteLength;
  for (const [term, list] of packed) bytes += list.byteLength + term.length * 2;
  return {
    bytes,
    search(terms: readonly { term: string; weight: number }[], k: number): string[] {
      const scores = new Map<number, number>();
      for (const { term, weight } of terms) {
        const list = packed.get(term);
        if (!list) continue;
        const df = list.length / 2;
        const idf = weight * Math.log(1 + (chunks.length - df + 0.5) / (df + 0.5));
        for (let i = 0; i < list.length; i += 2) {
          const doc = list[i]!;
          const tf = list[i + 1]!;
          const part = (tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * lengths[doc]!) / avgdl));
          scores.set(doc, (scores.get(doc) ?? 0) + idf * part);
        }
      }
      return [...scores].sort((a, b) => b[1] - a[1]).slice(0, k).map(([doc]) => chunks[doc]!.id);
    },
  };
}

function miniSearchIndex(chunks: readonly Chunk[]) {
  const index = new MiniSearch<{ id: string; text: string }>({
    fields: ['text'],
    tokenize: (text) => text.split(' '),
    searchOptions: { combineWith: 'OR', tokenize: (text) => text.split(' ') },
  });
  index.addAll(chunks.map((c) => ({ id: c.id, text: c.tokens.join(' ') })));
  return { bytes: JSON.stringify(index).length, search: (query: string, k: number) => index.search(query).slice(0, k) };
}

async function timeQueries(queries: readonly string[], run: (q: string) => Promise<unknown> | unknown): Promise<{ p50: number; p95: number }> {
  for (const q of queries.slice(0, 5)) await run(q); // warm-up
  const times: number[] = [];
  for (const q of queries) {
    const started = performance.now();
    await run(q);
    times.push(performance.now() - started);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function storeBytes(db: Database): Promise<number> {
  const { rows } = await db.query<{ bytes: number }>(
    `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::float8 AS bytes FROM pg_class c
     WHERE c.relkind = 'r' AND c.relname IN ('kb_documents', 'kb_chunks', 'kb_impacts', 'kb_terms', 'report_indicators', 'kb_embeddings')`,
  );
  return Number(rows[0]?.bytes ?? 0);
}

/**
 * What pruning costs in ranking: for each query, the share of the exhaustive top 5 (every posting of every term read)
 * that the default search (TOP_POSTINGS per term) also puts in its top 5. 1 on a store where no term has more postings
 * than TOP_POSTINGS.
 */
async function agreementAt5(
  db: Database,
  segmenter: Segmenter,
  queries: readonly string[],
  scope: string | undefined,
): Promise<{ agreementAt5: number; scoreAt5: number }> {
  let shared = 0;
  let total = 0;
  let ratio = 0;
  for (const q of queries) {
    const terms = segmenter.queryTerms(q);
    const prunedTop = (await keywordSearch(db, terms, visibleScopes(scope), 5)).slice(0, 5);
    const pruned = new Set(prunedTop.map((r) => r.id));
    const exact = (await keywordSearch(db, terms, visibleScopes(scope), 100, { postings: Infinity, rescored: 300 })).slice(0, 5);
    shared += exact.filter((r) => pruned.has(r.id)).length;
    total += exact.length;
    const best = exact.reduce((n, r) => n + r.score, 0);
    ratio += best > 0 ? prunedTop.reduce((n, r) => n + r.score, 0) / best : 1;
  }
  return { agreementAt5: total === 0 ? 1 : shared / total, scoreAt5: queries.length === 0 ? 1 : ratio / queries.length };
}

/** Measure on PGlite (in memory) or on PostgreSQL (`url`, an empty database). */
export async function measureSearchScale(options: { large?: boolean; url?: string } = {}): Promise<SearchScale> {
  const config = loadConfig({});
  const db = await openDatabase(config, options.url ? { url: options.url } : { dataDir: 'memory://' });
  const kb = await openKnowledgeBase(config, { db, embedder: null });
  try {
    await kb.ensureBundled();
    const gold = loadGold(join(ROOT, 'test', 'fixtures', 'retrieval-gold.jsonl'));
    const ranked = [];
    for (const q of gold) ranked.push((await kb.search(q.question, { k: 10, mode: 'keyword' })).results);
    const quality = score(gold, ranked);
    const segmenter = getSegmenter();
    const queries = gold.map((g) => g.question);
    const { rows: texts } = await db.query<{ text: string }>('SELECT text FROM kb_chunks ORDER BY id');
    const sentences = texts.flatMap((r) => r.text.split(/(?<=[。！？；])/u)).filter((s) => s.length >= 10);
    const sizes = [0, 10_000, ...(options.large ? [100_000] : [])];
    const rows: SearchScaleRow[] = [];
    let added = 0;
    for (const size of sizes) {
      const scope = size === 0 ? undefined : 'scale';
      let ingestMsPerChunk: number | null = null;
      if (size > added) {
        const seconds = await addSyntheticChunks(db, segmenter, sentences, 'scale', size - added, added);
        ingestMsPerChunk = (seconds * 1000) / (size - added);
        added = size;
        await db.exec('VACUUM ANALYZE kb_documents');
        await db.exec('VACUUM ANALYZE kb_chunks');
        await db.exec('VACUUM ANALYZE kb_impacts');
        await db.exec('VACUUM ANALYZE kb_terms');
      }
      // Each chunk's bag of index tokens, from its term arrays (migration 006): the same tokens the store scores.
      const { rows: termNames } = await db.query<{ id: number; term: string }>('SELECT id, term FROM kb_terms');
      const names = new Map(termNames.map((r) => [Number(r.id), r.term]));
      const { rows: chunkRows } = await db.query<{ id: string; term_ids: number[]; term_tfs: number[] }>(
        `SELECT id::text AS id, term_ids, term_tfs FROM kb_chunks WHERE scope = ANY($1::text[]) ORDER BY id`,
        [scope ? ['public', scope] : ['public']],
      );
      const chunks = chunkRows.map((r) => ({
        id: r.id,
        tokens: r.term_ids.flatMap((termId, i) => Array<string>(r.term_tfs[i]!).fill(names.get(Number(termId))!)),
      }));
      const ours = await timeQueries(queries, (q) => kb.search(q, { k: 5, mode: 'keyword', ...(scope ? { scope } : {}) }));
      const mini = miniSearchIndex(chunks);
      const bm25 = inMemoryBm25(chunks);
      const miniTimes = await timeQueries(queries, (q) => mini.search(segmenter.queryTerms(q).map((t) => t.term).join(' '), 5));
      const bm25Times = await timeQueries(queries, (q) => bm25.search(segmenter.queryTerms(q), 5));
      const bytes = await storeBytes(db);
      rows.push({
        chunks: chunks.length,
        ours: { ...ours, bytes },
        bytesPerChunk: bytes / Math.max(chunks.length, 1),
        ingestMsPerChunk,
        ...(await agreementAt5(db, segmenter, size >= 100_000 ? queries.slice(0, 40) : queries, scope)),
        minisearch: { ...miniTimes, bytes: mini.bytes },
        bm25: { ...bm25Times, bytes: bm25.bytes },
      });
    }
    return { target: options.url ? 'PostgreSQL' : 'PGlite', quality, rows };
  } finally {
    await kb.close();
    await db.close();
  }
}

/** `node bin/run-ts.js bench/search-scale.ts [--large] [--pg]`: only this bench (--pg: also on TEST_DATABASE_URL, an empty database). */
if (process.argv[1]?.endsWith('search-scale.ts')) {
  const large = process.argv.includes('--large');
  const results = [await measureSearchScale({ large })];
  if (process.argv.includes('--pg') && process.env.TEST_DATABASE_URL) results.push(await measureSearchScale({ large, url: process.env.TEST_DATABASE_URL }));
  console.log(JSON.stringify(results, null, 2));
}
