/**
 * Retrieval benchmark: quality (Hit@1, Hit@5, MRR@10 over test/fixtures/retrieval-gold.jsonl) of our keyword, vector and
 * hybrid arms next to MiniSearch (default tokenizer, and jieba tokens) on the same chunks; ingest throughput; query
 * latency at 1k and 10k chunks; memory. Embeddings: the configured model if any, else the loopback fake (CI).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/env.js';
import { openDatabase } from '../src/store/open-database.js';
import { openKnowledgeBase, type KnowledgeBase, type SearchMode } from '../src/knowledge/knowledge-base.js';
import { createEmbedder } from '../src/knowledge/embed.js';
import { createSegmenter, getSegmenter } from '../src/knowledge/segment.js';
import { embedMissing, ensureVectorIndex } from '../src/knowledge/embedding-store.js';
import type { Embedder } from '../src/knowledge/embed.js';
import { embeddingText } from '../src/knowledge/ingest.js';
import { startFakeEmbeddingsServer } from '../test/helpers/fake-openai-embeddings.js';
import { loadGold, score, type Passage, type Scores } from './retrieval/gold.js';
import { miniSearchRanker, type CorpusChunk } from './retrieval/minisearch-baseline.js';
import { addSyntheticChunks, percentile } from './retrieval/scale.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GOLD = join(ROOT, 'test', 'fixtures', 'retrieval-gold.jsonl');

const LATENCY_QUERIES = 40;
const pct = (x: number) => x.toFixed(3);
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
}

export async function run(): Promise<string> {
  const gold = loadGold(GOLD);
  const dataDir = mkdtempSync(join(tmpdir(), 'selfeval-bench-'));
  const fake = await startFakeEmbeddingsServer({ dimensions: 256 });
  const config = loadConfig({ ...process.env, SELFEVAL_DATA_DIR: dataDir, DATABASE_URL: '' });
  const embeddingConfig = config.embedding ?? { baseURL: fake.baseURL, apiKey: 'sk-bench', model: 'fake-jieba-hash-256', dimensions: 256 };
  const embedder = createEmbedder(embeddingConfig);
  const db = await openDatabase(config);
  const out: string[] = ['### 知识库检索（retrieval-bench）', ''];
  try {
    const keywordOnly = await openKnowledgeBase(config, { db, embedder: null });
    const [bundled, ingestMs] = await timed(() => keywordOnly.ingest([join(ROOT, 'knowledge')], { scope: 'public' }));
    const [, embedMs] = await timed(async () => {
      await ensureVectorIndex(db, embedder!.dimensions);
      return embedMissing(db, embedder!, embeddingText);
    });
    const kb = await openKnowledgeBase(config, { db, embedder });
    const chunkCount = bundled.files.reduce((n, f) => n + f.chunks, 0);

    out.push(
      gold.length > 0
        ? `语料：内置 knowledge/（${bundled.files.length} 个文件，${chunkCount} 段，范围 public）；问题：test/fixtures/retrieval-gold.jsonl 共 ${gold.length} 条（口语与正式问法，每条标注能回答它的指南章节或示例报告行）。向量模型：${embedder!.model}${config.embedding ? '' : '（本地假模型：jieba 词袋哈希，仅用于打通流程）'}。`
        : '未找到 test/fixtures/retrieval-gold.jsonl，跳过质量评测，只测性能。',
      '',
    );
    if (gold.length > 0) out.push(...(await quality(kb, db, gold)), '');
    out.push(...(await performanceSection(kb, db, embedder!, gold, { chunkCount, ingestMs, embedMs })));
    await kb.close();
    await keywordOnly.close();
  } finally {
    await db.close();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return out.join('\n');
}

async function quality(kb: KnowledgeBase, db: Awaited<ReturnType<typeof openDatabase>>, gold: ReturnType<typeof loadGold>): Promise<string[]> {
  const rows: [string, Scores][] = [];
  for (const mode of ['keyword', 'vector', 'hybrid'] as SearchMode[]) {
    const ranked: Passage[][] = [];
    for (const q of gold) ranked.push((await kb.search(q.question, { k: 10, mode })).results);
    rows.push([`selfeval ${mode === 'keyword' ? '关键词（BM25）' : mode === 'vector' ? '向量' : '混合（RRF）'}`, score(gold, ranked)]);
  }
  const { rows: chunkRows } = await db.query<{ id: string; source: string; title: string; section_path: string[]; text: string; line_start: number | null; line_end: number | null }>(
    `SELECT c.id::text AS id, d.source, d.title, c.section_path, c.text, c.line_start, c.line_end
     FROM kb_chunks c JOIN kb_documents d ON d.id = c.document_id WHERE c.scope = ANY($1::text[])`,
    [['public']],
  );
  const corpus: CorpusChunk[] = chunkRows.map((r) => ({
    id: r.id, source: r.source, title: r.title, sectionPath: r.section_path, text: r.text,
    lineStart: r.line_start ?? undefined, lineEnd: r.line_end ?? undefined,
  }));
  const segmenter = getSegmenter();
  const plain = createSegmenter({ userDict: '', synonyms: [], fingerprint: 'plain' });
  for (const [label, rank] of [
    ['MiniSearch 默认分词', miniSearchRanker(corpus)],
    ['MiniSearch + jieba（默认词典）', miniSearchRanker(corpus, (t) => plain.indexTokens(t))],
    ['MiniSearch + jieba（领域词典，与本系统同一分词）', miniSearchRanker(corpus, (t) => segmenter.indexTokens(t))],
  ] as const) {
    rows.push([label, score(gold, gold.map((q) => rank(q.question, 10)))]);
  }
  return [
    '| 检索方式 | Hit@1 | Hit@5 | MRR@10 |',
    '|---|---:|---:|---:|',
    ...rows.map(([label, s]) => `| ${label} | ${pct(s.hit1)} | ${pct(s.hit5)} | ${pct(s.mrr10)} |`),
  ];
}

async function performanceSection(
  kb: KnowledgeBase,
  db: Awaited<ReturnType<typeof openDatabase>>,
  embedder: Embedder,
  gold: ReturnType<typeof loadGold>,
  ingest: { chunkCount: number; ingestMs: number; embedMs: number },
): Promise<string[]> {
  const segmenter = getSegmenter();
  const { rows } = await db.query<{ text: string }>('SELECT text FROM kb_chunks');
  const sentences = rows.flatMap((r) => r.text.split(/(?<=[。！？；])/u)).filter((s) => s.length >= 10);
  const queries = (gold.length > 0 ? gold.map((g) => g.question) : ['政府采购执行率怎么算', '钱没花完会扣分吗', '在职人员控制率超了扣几分']).slice(0, LATENCY_QUERIES);
  const table = ['| 规模（范围内合成段数 + 公共段） | 写入速度 | 关键词 p50 / p95 | 混合 p50 / p95 |', '|---|---:|---:|---:|'];
  for (const size of [1000, 10000]) {
    const scope = `scale-${size}`;
    const seconds = await addSyntheticChunks(db, segmenter, sentences, scope, size);
    // Bulk load: vectors first, then the HNSW index (about 4x faster on PGlite than inserting into a built index).
    await db.exec(`DROP INDEX IF EXISTS kb_embeddings_hnsw_${embedder.dimensions}`);
    const [, embedSeconds] = await timed(() => embedMissing(db, embedder, embeddingText));
    const [, indexMs] = await timed(() => ensureVectorIndex(db, embedder.dimensions));
    await db.exec('ANALYZE kb_documents, kb_chunks, kb_postings, kb_embeddings');
    const latency = async (mode: SearchMode) => {
      const times: number[] = [];
      for (const q of queries) times.push((await timed(() => kb.search(q, { scope, k: 5, mode })))[1]);
      return `${ms(percentile(times, 50))} / ${ms(percentile(times, 95))}`;
    };
    table.push(`| ${size} + ${ingest.chunkCount} | ${(size / seconds).toFixed(0)} 段/秒；向量 ${(size / (embedSeconds / 1000)).toFixed(0)} 段/秒；HNSW ${(indexMs / 1000).toFixed(1)} 秒 | ${await latency('keyword')} | ${kb.defaultMode === 'hybrid' ? await latency('hybrid') : '—'} |`);
  }
  const memory = process.memoryUsage();
  return [
    `入库（内置知识，关键词索引）：${ingest.chunkCount} 段用时 ${(ingest.ingestMs / 1000).toFixed(1)} 秒，${(ingest.chunkCount / (ingest.ingestMs / 1000)).toFixed(0)} 段/秒（含读取、切分、分词、写库）；补生成向量用时 ${(ingest.embedMs / 1000).toFixed(1)} 秒。`,
    '',
    ...table,
    '',
    `内存：进程 RSS ${(memory.rss / 2 ** 20).toFixed(0)} MiB，JS 堆 ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB（含内置 PGlite）。延迟为单进程内 PGlite 的端到端检索时间（分词、SQL、取回引用），取金标准前 ${queries.length} 个问题，范围 = 合成范围 + public；混合检索含查询向量化（本地假向量服务，HTTP 往返）。合成段由真实语料的句子随机拼成，词汇高度重复，是关键词检索的偏难情形。`,
  ];
}
