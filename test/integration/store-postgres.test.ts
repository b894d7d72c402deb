import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { migrate } from '../../src/store/migrate.ts';
import { StoreError, type Database } from '../../src/store/database.ts';
import { deleteDocument, replaceDocument } from '../../src/knowledge/document-store.ts';
import { keywordSearch } from '../../src/knowledge/keyword-search.ts';
import { getSegmenter } from '../../src/knowledge/segment.ts';
import { createPostgresTestDatabase, testDatabaseUrl, type TestDatabase } from '../helpers/test-database.ts';
import { freePort, servePgliteOverSocket, type PgliteOverSocket } from '../helpers/pglite-socket.js';

/** The same checks for every `pg` target: migrations, keyword search over the store's postings, transactions. */
function storeContract(getDb: () => Database) {
  it('migrates once and records every file', async () => {
    const db = getDb();
    const { rows } = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    expect(rows.map((r) => r.name)).toContain('001-knowledge.sql');
    expect(rows.map((r) => r.name)).toContain('006-lean-postings.sql');
    expect((await migrate(db)).applied).toEqual([]);
  });

  it('two concurrent migrations from an empty schema apply each file once (advisory lock)', async () => {
    const db = getDb();
    const before = (await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).rows.map((r) => r.name);
    // Every table the migrations made (whatever later migrations add), so the schema is empty again.
    const tables = (await db.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'",
    )).rows.map((r) => r.name);
    await db.exec(`DROP TABLE IF EXISTS ${tables.join(', ')} CASCADE; DELETE FROM schema_migrations`);
    const [a, b] = await Promise.all([migrate(db), migrate(db)]);
    expect([...a.applied, ...b.applied].sort()).toEqual(before);
  });

  it('has the keyword index of migration 006: no tsvector, postings keyed by (term, impact, chunk)', async () => {
    const db = getDb();
    const { rows } = await db.query<{ table: string; column: string; type: string }>(
      `SELECT table_name AS table, column_name AS column, data_type AS type FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name IN ('kb_chunks', 'kb_impacts') ORDER BY table_name, ordinal_position`,
    );
    const columns = rows.map((r) => `${r.table}.${r.column}`);
    expect(columns).toEqual(expect.arrayContaining(['kb_chunks.term_ids', 'kb_chunks.term_tfs', 'kb_chunks.term_impacts']));
    expect(columns).not.toContain('kb_chunks.tsv');
    expect(columns).not.toContain('kb_chunks.tokens');
    expect(rows.filter((r) => r.table === 'kb_impacts').map((r) => `${r.column} ${r.type}`)).toEqual([
      'term_id integer', 'chunk_id integer', 'impact real', 'tf smallint', 'len smallint',
    ]);
    const indexes = await db.query<{ name: string }>("SELECT indexname AS name FROM pg_indexes WHERE tablename = 'kb_impacts'");
    expect(indexes.rows.map((r) => r.name)).toEqual(['kb_impacts_term_idx']);
  });

  it('runs keyword search over jieba tokens, deletes postings with their document, and rolls back failed transactions', async () => {
    const db = getDb();
    const segmenter = getSegmenter();
    const chunk = (text: string, hash: string) => {
      const tokens = segmenter.indexTokens(text);
      return { sectionPath: [], text, lineStart: 1, lineEnd: 1, contentHash: hash, tokens, length: tokens.length };
    };
    const document = (source: string) => ({
      scope: 'public', source, title: source, kind: 'guide' as const, originPath: `/${source}`, contentHash: source,
      department: null, year: null,
    });
    const a = await replaceDocument(db, document('a.md'), [chunk('部门预算资金支出率为58.48%', 'c1')], []);
    await replaceDocument(db, document('b.md'), [chunk('政府采购执行率按采购计划计算', 'c2')], []);
    const search = async (query: string) => {
      const ranked = await keywordSearch(db, segmenter.queryTerms(query), ['public'], 5);
      const texts = await db.query<{ id: string; text: string }>('SELECT id::text AS id, text FROM kb_chunks');
      return ranked.map((r) => texts.rows.find((t) => t.id === r.id)!.text);
    };
    expect(await search('支出率是58.48%吗')).toEqual(['部门预算资金支出率为58.48%']);
    expect(await search('政府采购')).toEqual(['政府采购执行率按采购计划计算']);
    const postings = async () => Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM kb_impacts')).rows[0]!.n);
    const distinct = new Set(segmenter.indexTokens('部门预算资金支出率为58.48%')).size + new Set(segmenter.indexTokens('政府采购执行率按采购计划计算')).size;
    expect(await postings()).toBe(distinct);
    await deleteDocument(db, a);
    expect(await search('支出率是58.48%吗')).toEqual([]);
    expect(await postings()).toBe(new Set(segmenter.indexTokens('政府采购执行率按采购计划计算')).size);
    const df = await db.query<{ n: number }>("SELECT coalesce(sum(df), 0)::int AS n FROM kb_terms WHERE term = '58.48'");
    expect(df.rows[0]!.n).toBe(0);
    await expect(
      db.transaction(async (tx) => {
        await tx.query("DELETE FROM kb_documents WHERE source = 'b.md'");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await db.query('SELECT 1 FROM kb_documents')).rows).toHaveLength(1);
  });
}

describe('pg driver against PGlite served over a socket (pglite-socket)', () => {
  let served: PgliteOverSocket | undefined;
  let db: Database;

  beforeAll(async () => {
    served = await servePgliteOverSocket();
    db = await openDatabase(loadConfig({}), { url: served.url });
  });
  afterAll(async () => {
    await db?.close();
    await served?.stop();
  });

  it('reports vector support and parses vector columns into arrays (pgvector type parser)', async () => {
    expect(db.kind).toBe('postgres');
    expect(db.hasVector).toBe(true);
    await db.query("INSERT INTO kb_embeddings (model, content_hash, dimensions, embedding) VALUES ('m', 'x', 3, '[1,2,3]')");
    const { rows } = await db.query<{ embedding: number[] }>("SELECT embedding FROM kb_embeddings WHERE content_hash = 'x'");
    expect(rows[0]!.embedding).toEqual([1, 2, 3]);
  });

  storeContract(() => db);
});

const realUrl = testDatabaseUrl();
describe.skipIf(!realUrl)('real PostgreSQL (TEST_DATABASE_URL)', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createPostgresTestDatabase(realUrl!);
  });
  afterAll(async () => {
    await test?.dispose();
  });

  it('migrates everything except vector files when pgvector is missing, with one Chinese notice', async () => {
    if (test.db.hasVector) {
      console.warn('该 PostgreSQL 有 pgvector：跳过“无向量扩展”的检查。');
      return;
    }
    const tables = await test.db.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'");
    expect(tables.rows.map((r) => r.t)).not.toContain('kb_embeddings');
    const result = await migrate(test.db);
    expect(result.skipped).toEqual(['001-knowledge.vector.sql']);
    expect(result.notices[0]).toContain('向量检索已关闭');
  });

  storeContract(() => test.db);
});

describe('database down', () => {
  it('a refused connection is StoreError store-unavailable with a Chinese message', async () => {
    const port = await freePort(); // nothing listens there
    const error = await openDatabase(loadConfig({}), { url: `postgres://u:secret@127.0.0.1:${port}/x` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('store-unavailable');
    expect((error as StoreError).message).toMatch(/^无法连接数据库/);
    expect((error as StoreError).message).not.toContain('secret');
  });
});

