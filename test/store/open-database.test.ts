import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/env.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { migrate } from '../../src/store/migrate.ts';
import { StoreError, type Database } from '../../src/store/database.ts';

describe('openDatabase on PGlite (persisted data dir)', () => {
  let root: string;
  let dataDir: string;
  let db: Database;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'selfeval-store-'));
    dataDir = join(root, 'nested', 'pglite'); // created on demand
    db = await openDatabase(loadConfig({ SELFEVAL_DATA_DIR: dataDir }));
  });
  afterAll(async () => {
    await db?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('creates the directory, applies every migration once and records it', async () => {
    expect(db.kind).toBe('pglite');
    expect(db.hasVector).toBe(true);
    const { rows } = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    expect(rows.map((r) => r.name)).toContain('001-knowledge.sql');
    expect(rows.map((r) => r.name)).toContain('001-knowledge.vector.sql');
    const again = await migrate(db);
    expect(again.applied).toEqual([]);
    expect(again.notices).toEqual([]);
  });

  it('shares one instance per directory and closes it with the last handle', async () => {
    const second = await openDatabase(loadConfig({ SELFEVAL_DATA_DIR: dataDir }));
    await second.exec('CREATE TABLE shared_probe (v text)');
    await second.query("INSERT INTO shared_probe VALUES ('x')");
    await second.close();
    await second.close(); // harmless twice
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM shared_probe');
    expect(rows[0]!.n).toBe(1);
  });

  it('keeps rows across close and reopen, and keyword + vector queries work', async () => {
    await db.query('CREATE TABLE probe_docs (id serial PRIMARY KEY, tokens text, tsv tsvector GENERATED ALWAYS AS (to_tsvector(\'simple\', tokens)) STORED, e vector(3))');
    await db.query("INSERT INTO probe_docs (tokens, e) VALUES ($1, $2), ($3, $4)", [
      '政府采购 执行率 预算',
      '[1,0,0]',
      '在职人员 控制率',
      '[0,1,0]',
    ]);
    await db.close();
    db = await openDatabase(loadConfig({ SELFEVAL_DATA_DIR: dataDir }));
    const fts = await db.query<{ tokens: string }>(
      "SELECT tokens FROM probe_docs WHERE tsv @@ to_tsquery('simple', $1)",
      ['执行率 | 不存在'],
    );
    expect(fts.rows.map((r) => r.tokens)).toEqual(['政府采购 执行率 预算']);
    const near = await db.query<{ tokens: string; e: unknown }>('SELECT tokens, e FROM probe_docs ORDER BY e <=> $1 LIMIT 1', ['[0,0.9,0.1]']);
    expect(near.rows[0]!.tokens).toBe('在职人员 控制率');
  });

  it('rolls a failed transaction back', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO probe_docs (tokens, e) VALUES ('回滚', '[0,0,1]')");
        await tx.query('SELECT * FROM no_such_table');
      }),
    ).rejects.toMatchObject({ code: 'store-query-failed' });
    const { rows } = await db.query("SELECT 1 FROM probe_docs WHERE tokens = '回滚'");
    expect(rows).toHaveLength(0);
  });

  it('refuses a data directory held by another live process', async () => {
    const other = join(root, 'locked');
    mkdirSync(other, { recursive: true });
    writeFileSync(join(other, 'selfeval.lock'), String(process.ppid)); // the parent process is alive
    const error = await openDatabase(loadConfig({ SELFEVAL_DATA_DIR: other })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('store-unavailable');
    expect((error as StoreError).message).toContain('另一个 selfeval 进程');
  });

  it('applies custom migrations in file-name order and skips vector files without the extension', async () => {
    const dir = join(root, 'migrations');
    mkdirSync(dir);
    writeFileSync(join(dir, '900-b.sql'), 'INSERT INTO m_order VALUES (2);');
    writeFileSync(join(dir, '100-a.sql'), 'CREATE TABLE m_order (n int); INSERT INTO m_order VALUES (1);');
    writeFileSync(join(dir, '100-a.vector.sql'), 'CREATE TABLE m_vec (e vector(2));');
    const noVector: Database = { ...db, hasVector: false }; // what a PostgreSQL without pgvector reports
    const first = await migrate(noVector, { directory: dir });
    expect(first.applied).toEqual(['100-a.sql', '900-b.sql']);
    expect(first.skipped).toEqual(['100-a.vector.sql']);
    expect(first.notices).toHaveLength(1);
    expect(first.notices[0]).toContain('向量检索已关闭');
    const withVector = await migrate(db, { directory: dir });
    expect(withVector.applied).toEqual(['100-a.vector.sql']);
    const { rows } = await db.query<{ n: number }>('SELECT n FROM m_order ORDER BY n');
    expect(rows.map((r) => r.n)).toEqual([1, 2]);
  });
});
