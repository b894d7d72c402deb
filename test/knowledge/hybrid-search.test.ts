import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { createEmbedder } from '../../src/knowledge/embed.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { startFakeEmbeddingsServer, type FakeEmbeddingsServer } from '../helpers/fake-openai-embeddings.ts';
import { REPO_ROOT } from '../helpers/sample-report.ts';

const GUIDES = join(REPO_ROOT, 'knowledge', 'guides', 'indicators');
const DIMENSIONS = 48;

describe('hybrid search with an OpenAI-compatible embedder (fake server, real openai client)', () => {
  let test: TestDatabase;
  let server: FakeEmbeddingsServer;
  let kb: KnowledgeBase;
  let root: string;
  const embedderFor = (model: string) =>
    createEmbedder({ baseURL: server.baseURL, apiKey: 'sk-test', model, dimensions: DIMENSIONS }, { retryBaseMs: 1, maxRetries: 1 });

  beforeAll(async () => {
    [test, server] = await Promise.all([createTestDatabase(), startFakeEmbeddingsServer({ dimensions: DIMENSIONS })]);
    kb = await openKnowledgeBase(test.config, { db: test.db, embedder: embedderFor('fake-embed-1') });
    root = mkdtempSync(join(tmpdir(), 'selfeval-hybrid-'));
    mkdirSync(join(root, 'guides'));
    for (const name of ['政府采购执行率.md', '部门预算资金支出率.md', '结转结余率.md', '在职人员控制率.md']) {
      cpSync(join(GUIDES, name), join(root, 'guides', name));
    }
  });
  afterAll(async () => {
    await kb?.close();
    await server?.close();
    await test?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  const distinctChunkHashes = async () =>
    (await test.db.query<{ n: number }>('SELECT count(DISTINCT content_hash)::int AS n FROM kb_chunks')).rows[0]!.n;

  it('embeds every chunk once while ingesting, asking for float vectors, and builds the HNSW index', async () => {
    expect(kb.defaultMode).toBe('hybrid');
    const phases: string[] = [];
    const summary = await kb.ingest([join(root, 'guides')], { scope: 'public', onProgress: (e) => phases.push(e.phase) });
    expect(summary.embedded).toBe(await distinctChunkHashes());
    expect(summary.embedded).toBeGreaterThan(10);
    expect(phases).toContain('embeddings');
    expect(server.requests.every((r) => r.encoding_format === 'float' && r.model === 'fake-embed-1')).toBe(true);
    const index = await test.db.query("SELECT indexname FROM pg_indexes WHERE indexname = 'kb_embeddings_hnsw_48'");
    expect(index.rows).toHaveLength(1);
  });

  it('searches in hybrid mode by default and in vector mode on request', async () => {
    const hybrid = await kb.search('政府采购执行率怎么算');
    expect(hybrid.mode).toBe('hybrid');
    expect(hybrid.results[0]!.source).toBe('政府采购执行率.md');
    const vector = await kb.search('政府采购执行率 计算公式', { mode: 'vector', k: 3 });
    expect(vector.mode).toBe('vector');
    expect(vector.results[0]!.source).toBe('政府采购执行率.md');
    for (const r of vector.results) expect(r.score).toBeLessThanOrEqual(1);
  });

  it('re-ingesting, or the same text in another scope, embeds nothing new (cache by content hash)', async () => {
    const before = server.requests.length;
    expect((await kb.ingest([join(root, 'guides')], { scope: 'public' })).embedded).toBe(0);
    expect((await kb.ingest([join(root, 'guides')], { scope: 'workspace-a' })).embedded).toBe(0);
    expect(server.requests.length).toBe(before);
  });

  it('a different model embeds everything again, and both models keep their vectors', async () => {
    const other = await openKnowledgeBase(test.config, { db: test.db, embedder: embedderFor('fake-embed-2') });
    const summary = await other.ingest([join(root, 'guides')], { scope: 'public' });
    expect(summary.embedded).toBe(await distinctChunkHashes());
    const models = await test.db.query<{ model: string }>('SELECT DISTINCT model FROM kb_embeddings ORDER BY model');
    expect(models.rows.map((r) => r.model)).toEqual(['fake-embed-1', 'fake-embed-2']);
    await other.close();
  });

  it('falls back to keywords, saying so, when the embedding server fails at query time', async () => {
    server.failNext(10, 503);
    const result = await kb.search('在职人员控制率超了扣几分');
    server.failNext(0);
    expect(result.mode).toBe('keyword');
    expect(result.notice).toContain('向量服务暂不可用');
    expect(result.results[0]!.source).toBe('在职人员控制率.md');
  });

  it('stores chunks even when embedding fails at ingest, and fills the vectors in on the next ingest', async () => {
    writeFileSync(join(root, 'guides', '新增.md'), '# 三公经费\n\n## 含义\n\n因公出国（境）费、公务用车购置及运行费和公务接待费。\n');
    server.failNext(10, 500);
    const failed = await kb.ingest([join(root, 'guides')], { scope: 'public' });
    server.failNext(0);
    expect(failed.files.find((f) => f.source === '新增.md')!.status).toBe('added');
    expect(failed.notices[0]).toContain('生成向量失败');
    expect((await kb.search('公务接待费', { mode: 'keyword' })).results[0]!.source).toBe('新增.md');
    const retried = await kb.ingest([join(root, 'guides')], { scope: 'public' });
    expect(retried.embedded).toBe(1);
    const vector = await kb.search('因公出国（境）费、公务用车购置及运行费和公务接待费', { mode: 'vector', k: 1 });
    expect(vector.results[0]!.source).toBe('新增.md');
  });
});
