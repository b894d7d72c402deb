import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { migrate } from '../../src/store/migrate.ts';
import { StoreError, type Database } from '../../src/store/database.ts';
import { createPostgresTestDatabase, testDatabaseUrl, type TestDatabase } from '../helpers/test-database.ts';
import { freePort, servePgliteOverSocket, type PgliteOverSocket } from '../helpers/pglite-socket.js';

/** The same checks for every `pg` target: migrations, FTS over jieba tokens, transactions. */
function storeContract(getDb: () => Database) {
  it('migrates once and records every file', async () => {
    const db = getDb();
    const { rows } = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    expect(rows.map((r) => r.name)).toContain('001-knowledge.sql');
    expect((await migrate(db)).applied).toEqual([]);
  });

  it('two concurrent migrations apply each file once (advisory lock)', async () => {
    const db = getDb();
    await db.exec('DELETE FROM schema_migrations WHERE name = \'001-knowledge.sql\'; DROP TABLE report_indicators, kb_chunks, kb_documents CASCADE');
    const [a, b] = await Promise.all([migrate(db), migrate(db)]);
    expect([...a.applied, ...b.applied].filter((n) => n === '001-knowledge.sql')).toHaveLength(1);
  });

  it('runs keyword search over jieba tokens and rolls back failed transactions', async () => {
    const db = getDb();
    await db.query("INSERT INTO kb_documents (scope, source, title, kind, origin_path, content_hash) VALUES ('public', 'a.md', 'A', 'guide', '/a.md', 'h')");
    await db.query(
      "INSERT INTO kb_chunks (document_id, scope, ordinal, text, content_hash, tokens, token_count) SELECT id, 'public', 0, $1, 'c', $2, 5 FROM kb_documents WHERE source = 'a.md'",
      ['部门预算资金支出率为58.48%', '部门 预算资金 支出率 为 58.48'],
    );
    const hit = await db.query<{ text: string }>("SELECT text FROM kb_chunks WHERE tsv @@ to_tsquery('simple', $1)", ['58.48 | 无关']);
    expect(hit.rows.map((r) => r.text)).toEqual(['部门预算资金支出率为58.48%']);
    await expect(
      db.transaction(async (tx) => {
        await tx.query("DELETE FROM kb_documents WHERE source = 'a.md'");
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

