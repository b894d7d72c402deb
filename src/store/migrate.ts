import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { StoreError, type Database } from './database.js';

/** Told once when the server has no pgvector: everything else works, search is keyword-only. */
export const VECTOR_OFF_NOTICE =
  '提示：数据库没有 pgvector（vector）扩展，向量检索已关闭，知识库只使用关键词检索。安装 pgvector 后重新启动即可启用。';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const MIGRATION_LOCK_KEY = 7_351_024_000; // pg_advisory_xact_lock key shared by every selfeval process
const FILE_PATTERN = /^\d{3}-[a-z0-9-]+(\.vector)?\.sql$/;

export interface MigrationResult {
  /** File names applied by this call (empty when the schema was already current). */
  applied: string[];
  /** Vector migrations left out because the database has no vector extension. */
  skipped: string[];
  /** Chinese sentences for the user (at most one: vector search is off). */
  notices: string[];
}

/**
 * Apply `migrations/*.sql` in file-name order, each once, recorded in `schema_migrations`, all inside one transaction
 * under an advisory lock so that two processes starting together apply each file once. Files named `*.vector.sql`
 * run only when the database has the vector extension; they are applied later if the extension appears.
 */
export async function migrate(db: Database, options: { directory?: string } = {}): Promise<MigrationResult> {
  const directory = options.directory ?? MIGRATIONS_DIR;
  const files = readdirSync(directory)
    .filter((name) => FILE_PATTERN.test(name))
    .sort();
  const wanted = files.filter((name) => db.hasVector || !name.endsWith('.vector.sql'));
  const skipped = files.filter((name) => !wanted.includes(name));
  try {
    const applied = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      await tx.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const { rows } = await tx.query<{ name: string }>('SELECT name FROM schema_migrations');
      const done = new Set(rows.map((row) => row.name));
      const todo = wanted.filter((name) => !done.has(name));
      for (const name of todo) {
        await tx.exec(readFileSync(join(directory, name), 'utf8'));
        await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
      }
      return todo;
    });
    return { applied, skipped, notices: skipped.length > 0 ? [VECTOR_OFF_NOTICE] : [] };
  } catch (cause) {
    if (cause instanceof StoreError && cause.code === 'store-unavailable') throw cause;
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new StoreError('store-migration-failed', `数据库结构升级失败：${detail}`, { cause });
  }
}
