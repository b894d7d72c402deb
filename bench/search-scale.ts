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
import { getSegmenter } from '../src/knowledge/segment.js';
import { loadGold, score, type Scores } from './retrieval/gold.js';
import { addSyntheticChunks, percentile } from './retrieval/scale.js';
import { ROOT } from './process-probe.js';

export interface SearchScaleRow {
  chunks: number;
  ours: { p50: number; p95: number; bytes: number };
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
      if (size > added) {
        await addSyntheticChunks(db, segmenter, sentences, 'scale', size - added);
        added = size;
        await db.exec('VACUUM ANALYZE kb_documents');
        await db.exec('VACUUM ANALYZE kb_chunks');
        await db.exec('VACUUM ANALYZE kb_impacts');
        await db.exec('VACUUM ANALYZE kb_terms');
      }
      const { rows: chunkRows } = await db.query<{ id: string; tokens: string }>(
        `SELECT id::text AS id, tokens FROM kb_chunks WHERE scope = ANY($1::text[]) ORDER BY id`,
        [scope ? ['public', scope] : ['public']],
      );
      const chunks = chunkRows.map((r) => ({ id: r.id, tokens: r.tokens.split(' ').filter(Boolean) }));
      const ours = await timeQueries(queries, (q) => kb.search(q, { k: 5, mode: 'keyword', ...(scope ? { scope } : {}) }));
      const mini = miniSearchIndex(chunks);
      const bm25 = inMemoryBm25(chunks);
      const miniTimes = await timeQueries(queries, (q) => mini.search(segmenter.queryTerms(q).map((t) => t.term).join(' '), 5));
      const bm25Times = await timeQueries(queries, (q) => bm25.search(segmenter.queryTerms(q), 5));
      rows.push({
        chunks: chunks.length,
        ours: { ...ours, bytes: await storeBytes(db) },
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
