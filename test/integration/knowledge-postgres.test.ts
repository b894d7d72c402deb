import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/env.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import type { Database } from '../../src/store/database.ts';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { createEmbedder } from '../../src/knowledge/embed.ts';
import { createPostgresTestDatabase, testDatabaseUrl, type TestDatabase } from '../helpers/test-database.ts';
import { startFakeEmbeddingsServer, type FakeEmbeddingsServer } from '../helpers/fake-openai-embeddings.ts';
import { REPO_ROOT, SAMPLE_REPORT_PATH } from '../helpers/sample-report.ts';
import { servePgliteOverSocket, type PgliteOverSocket } from '../helpers/pglite-socket.js';

const GUIDES = join(REPO_ROOT, 'knowledge', 'guides', 'indicators');

function guideFolder(): string {
  const root = mkdtempSync(join(tmpdir(), 'selfeval-kbpg-'));
  mkdirSync(join(root, 'guides'));
  for (const name of ['政府采购执行率.md', '部门预算资金支出率.md', '结转结余率.md']) cpSync(join(GUIDES, name), join(root, 'guides', name));
  return root;
}

const realUrl = testDatabaseUrl();
describe.skipIf(!realUrl)('knowledge base on real PostgreSQL (TEST_DATABASE_URL)', () => {
  let test: TestDatabase;
  let server: FakeEmbeddingsServer;
  let kb: KnowledgeBase;
  let root: string;

  beforeAll(async () => {
    [test, server] = await Promise.all([createPostgresTestDatabase(realUrl!), startFakeEmbeddingsServer({ dimensions: 16 })]);
    const embedder = createEmbedder({ baseURL: server.baseURL, apiKey: 'k', model: 'fake', dimensions: 16 });
    kb = await openKnowledgeBase(test.config, { db: test.db, embedder });
    root = guideFolder();
  });
  afterAll(async () => {
    await kb?.close();
    await test?.dispose();
    await server?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('ingests and searches by keyword; without pgvector it says so and embeds nothing', async () => {
    if (test.db.hasVector) console.warn('该 PostgreSQL 有 pgvector：本组按混合检索运行。');
    const summary = await kb.ingest([join(root, 'guides')], { scope: 'public' });
    expect(summary.files.every((f) => f.status === 'added')).toBe(true);
    const { results, mode, notice } = await kb.search('政府采购执行率怎么算', { mode: 'hybrid' });
    expect(results[0]!.source).toBe('政府采购执行率.md');
    if (!test.db.hasVector) {
      expect(summary.embedded).toBe(0);
      expect(server.requests).toHaveLength(0);
      expect(kb.defaultMode).toBe('keyword');
      expect(mode).toBe('keyword');
      expect(notice).toContain('pgvector');
    }
  });

  it('keeps scopes apart and answers indicators from the report model', async () => {
    await kb.ingest([SAMPLE_REPORT_PATH], { scope: 'lechang' });
    const mine = await kb.search('乐昌 政府采购 预算', { scope: 'lechang', k: 5 });
    expect(mine.results.some((r) => r.scope === 'lechang' && r.lineStart === 125)).toBe(true);
    const theirs = await kb.search('乐昌 政府采购 预算', { scope: 'someone-else', k: 50 });
    expect(theirs.results.some((r) => r.scope === 'lechang')).toBe(false);
    const indicators = await kb.findIndicators({ scope: 'lechang', name: '政府采购执行率' });
    expect(indicators).toHaveLength(1);
    expect(indicators[0]).toMatchObject({ scope: 'lechang', weight: 2, score: 0, line: 123, year: 2024 });
  });

  it('two instances ingesting the same folder at once leave one copy of each document', async () => {
    const second = await openKnowledgeBase(test.config, { db: await openDatabase(test.config, { url: test.config.databaseUrl }), embedder: null });
    const fresh = guideFolder();
    await Promise.all([kb.ingest([join(fresh, 'guides')], { scope: 'race' }), second.ingest([join(fresh, 'guides')], { scope: 'race' })]);
    const documents = await kb.list('race');
    expect(documents.map((d) => d.source)).toEqual(['政府采购执行率.md', '结转结余率.md', '部门预算资金支出率.md'].sort());
    await second.close();
    rmSync(fresh, { recursive: true, force: true });
  });
});

describe('knowledge base through the pg driver against PGlite over a socket (vectors on)', () => {
  let served: PgliteOverSocket | undefined;
  let db: Database;
  let server: FakeEmbeddingsServer;
  let kb: KnowledgeBase;
  let root: string;

  beforeAll(async () => {
    served = await servePgliteOverSocket();
    db = await openDatabase(loadConfig({}), { url: served.url });
    server = await startFakeEmbeddingsServer({ dimensions: 16 });
    kb = await openKnowledgeBase(loadConfig({}), {
      db,
      embedder: createEmbedder({ baseURL: server.baseURL, apiKey: 'k', model: 'fake', dimensions: 16 }),
    });
    root = guideFolder();
  });
  afterAll(async () => {
    await kb?.close();
    await db?.close();
    await served?.stop();
    await server?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('ingests with embeddings and searches in hybrid mode', async () => {
    const summary = await kb.ingest([join(root, 'guides')], { scope: 'public' });
    expect(summary.embedded).toBeGreaterThan(0);
    const { results, mode } = await kb.search('政府采购执行率怎么算');
    expect(mode).toBe('hybrid');
    expect(results[0]!.source).toBe('政府采购执行率.md');
  });
});

