import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { StoreError, type Database, type QueryOptions } from './database.js';
import { QueryGate } from './query-gate.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';

type Queryable = Pick<PGlite, 'query' | 'exec'>;

/** The prepared store built by `npm run build` (scripts/build-store.mjs): migrated, bundled knowledge indexed. */
const TEMPLATE_DIR = fileURLToPath(new URL('../../dist/store-template/', import.meta.url));
const TEMPLATE_KEY_FILE = 'selfeval-template.key';

/**
 * PostgreSQL settings for an embedded, single-user store: small shared buffers and work memory keep the resident size
 * of `chat` / `serve` modest; the knowledge base is small enough that the OS page cache does the rest.
 */
const PGLITE_SETTINGS = ['shared_buffers=16MB', 'work_mem=4MB', 'maintenance_work_mem=64MB', 'temp_buffers=2MB', 'wal_buffers=1MB'];

/** A new data directory starts as a copy of the prepared store: no initdb, no first indexing (about 0.2 s instead of seconds). */
function seedFromTemplate(dataDir: string): void {
  if (existsSync(join(dataDir, 'PG_VERSION')) || !existsSync(join(TEMPLATE_DIR, 'PG_VERSION'))) return;
  cpSync(TEMPLATE_DIR, dataDir, { recursive: true, filter: (source) => !source.endsWith(TEMPLATE_KEY_FILE) });
}

/**
 * Open PGlite (with pgvector) persisted in `dataDir`, or in memory when `dataDir` is undefined.
 * The caller (open-database.ts) makes sure there is one instance per directory per process.
 */
export async function createPgliteDatabase(dataDir: string | undefined, options: { template?: boolean } = {}): Promise<Database> {
  let lock: DataDirLock | undefined;
  if (dataDir !== undefined) {
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (cause) {
      throw new StoreError('store-unavailable', `无法创建数据目录 ${dataDir}，请检查权限或设置 SELFEVAL_DATA_DIR。`, { cause });
    }
    lock = acquireDataDirLock(dataDir);
    try {
      if (options.template ?? true) seedFromTemplate(dataDir);
    } catch {
      // A failed copy leaves PGlite to initialise the directory itself (slower, same result).
    }
  }
  let pg: PGlite;
  try {
    pg = await PGlite.create(dataDir ?? 'memory://', { extensions: { vector }, startParams: pgliteStartParams() });
    await pg.exec('CREATE EXTENSION IF NOT EXISTS vector');
  } catch (cause) {
    lock?.release();
    throw new StoreError('store-unavailable', `无法打开内置数据库（${dataDir ?? '内存'}）：${messageOf(cause)}`, { cause });
  }
  return new PgliteDatabase(pg, lock);
}

class PgliteDatabase implements Database {
  readonly kind = 'pglite' as const;
  readonly hasVector = true;
  private closed = false;

  constructor(
    private readonly pg: PGlite,
    private readonly lock: DataDirLock | undefined,
  ) {}

  private readonly gate = new QueryGate();

  query<Row = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<{ rows: Row[] }> {
    return this.gate.run(() => runQuery<Row>(this.pg, sql, params), options?.urgent);
  }

  exec(sql: string): Promise<void> {
    return this.gate.run(() => runExec(this.pg, sql));
  }

  transaction<T>(fn: (tx: Pick<Database, 'query' | 'exec'>) => Promise<T>): Promise<T> {
    return this.gate.run(() => this.pg.transaction((tx) =>
      fn({
        query: <Row = Record<string, unknown>>(sql: string, params?: unknown[]) => runQuery<Row>(tx, sql, params),
        exec: (sql: string) => runExec(tx, sql),
      }),
    ));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.pg.close();
    } finally {
      this.lock?.release();
    }
  }
}

async function runQuery<Row>(target: Queryable, sql: string, params?: unknown[]): Promise<{ rows: Row[] }> {
  try {
    const result = await target.query<Row>(sql, params);
    return { rows: result.rows };
  } catch (cause) {
    throw new StoreError('store-query-failed', `数据库查询失败：${messageOf(cause)}`, { cause });
  }
}

async function runExec(target: Queryable, sql: string): Promise<void> {
  try {
    await target.exec(sql);
  } catch (cause) {
    throw new StoreError('store-query-failed', `数据库语句执行失败：${messageOf(cause)}`, { cause });
  }
}

/** PGlite's own start parameters with our settings appended (later -c wins). */
function pgliteStartParams(): string[] {
  const defaults = (PGlite as unknown as { defaultStartParams?: string[] }).defaultStartParams ?? [];
  return [...defaults, ...PGLITE_SETTINGS.flatMap((setting) => ['-c', setting])];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
