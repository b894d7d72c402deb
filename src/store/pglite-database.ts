import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../runtime/worker-entry.js';
import { StoreError, type Database, type QueryOptions } from './database.js';
import { QueryGate } from './query-gate.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import type { PgliteRequest, PgliteResponse } from './pglite-protocol.js';

/** The prepared store built by `npm run build` (scripts/build-store.mjs): migrated, bundled knowledge indexed. */
const TEMPLATE_DIR = fileURLToPath(new URL('../../dist/store-template/', import.meta.url));
const TEMPLATE_KEY_FILE = 'selfeval-template.key';

/**
 * PostgreSQL settings for an embedded, single-user store: small shared buffers and work memory keep the resident size
 * of `chat` / `serve` modest; the knowledge base is small enough that the OS page cache does the rest.
 */
const PGLITE_SETTINGS = [
  'shared_buffers=16MB', 'work_mem=4MB', 'maintenance_work_mem=64MB', 'temp_buffers=2MB', 'wal_buffers=1MB',
  // No replicas of an embedded store: minimal WAL; segments a checkpoint no longer needs are deleted, not kept as
  // spares (wal_recycle=off), so the log on disk is what the last checkpoint left (see walCheckpoint).
  'wal_level=minimal', 'max_wal_senders=0', 'min_wal_size=32MB', 'max_wal_size=64MB', 'wal_recycle=off',
];

/**
 * PGlite has no checkpointer process: without a CHECKPOINT its write-ahead log only grows (measured: 657 MB of a
 * 1.03 GB data directory after 2,000 reports). After every WAL_CHECK_EVERY transactions the store looks at how much WAL
 * the last checkpoint left behind and checkpoints past WAL_CHECKPOINT_BYTES, so the log stays a few segments long.
 */
const WAL_CHECK_EVERY = 8;
const WAL_CHECKPOINT_BYTES = 48 * 2 ** 20;

/** A new data directory starts as a copy of the prepared store: no initdb, no first indexing (about 0.2 s instead of seconds). */
function seedFromTemplate(dataDir: string): void {
  if (existsSync(join(dataDir, 'PG_VERSION')) || !existsSync(join(TEMPLATE_DIR, 'PG_VERSION'))) return;
  cpSync(TEMPLATE_DIR, dataDir, { recursive: true, filter: (source) => !source.endsWith(TEMPLATE_KEY_FILE) });
}

/**
 * Open PGlite (with pgvector) persisted in `dataDir`, or in memory when `dataDir` is undefined. PGlite runs in a worker
 * thread (pglite-worker.ts): its statements, which are synchronous WebAssembly, never block this thread's event loop,
 * and the process's other start-up work (modules, the word segmenter) runs while PGlite starts.
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
  const connection = new WorkerConnection();
  try {
    await connection.send({ op: 'open', dataDir, settings: PGLITE_SETTINGS });
  } catch (cause) {
    await connection.stop();
    lock?.release();
    throw new StoreError('store-unavailable', `无法打开内置数据库（${dataDir ?? '内存'}）：${messageOf(cause)}`, { cause });
  }
  return new PgliteDatabase(connection, lock);
}

type Request = PgliteRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** The worker thread and its pending requests; the thread keeps the process alive only while a request is pending. */
class WorkerConnection {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (rows: unknown[] | undefined) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private failure: Error | undefined;

  constructor() {
    const entry = workerEntry(import.meta.url, 'pglite-worker');
    this.worker = new Worker(entry.code, { eval: entry.eval, stdout: false, stderr: false });
    this.worker.unref();
    this.worker.on('message', (response: PgliteResponse) => {
      const waiting = this.pending.get(response.id);
      if (!waiting) return;
      this.pending.delete(response.id);
      if (this.pending.size === 0) this.worker.unref();
      if (response.ok) waiting.resolve(response.rows);
      else waiting.reject(new Error(response.message));
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`数据库线程已退出（代码 ${code}）`)));
  }

  send(request: Request): Promise<unknown[] | undefined> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ ...request, id } as PgliteRequest);
    });
  }

  async stop(): Promise<void> {
    this.failure ??= new Error('数据库已关闭');
    await this.worker.terminate().catch(() => undefined);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.pending.values()) waiting.reject(this.failure);
    this.pending.clear();
  }
}

class PgliteDatabase implements Database {
  readonly kind = 'pglite' as const;
  readonly hasVector = true;
  private closed = false;
  private transactions = 0;
  private readonly gate = new QueryGate();

  constructor(
    private readonly connection: WorkerConnection,
    private readonly lock: DataDirLock | undefined,
  ) {}

  query<Row = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<{ rows: Row[] }> {
    return this.gate.run(() => this.runQuery<Row>(sql, params), options?.urgent);
  }

  exec(sql: string): Promise<void> {
    return this.gate.run(() => this.runExec(sql));
  }

  /** BEGIN … COMMIT on the one connection, held by the gate so no other statement runs in between. */
  transaction<T>(fn: (tx: Pick<Database, 'query' | 'exec'>) => Promise<T>): Promise<T> {
    return this.gate.run(async () => {
      await this.runExec('BEGIN');
      let result: T;
      try {
        result = await fn({
          query: <Row = Record<string, unknown>>(sql: string, params?: unknown[]) => this.runQuery<Row>(sql, params),
          exec: (sql: string) => this.runExec(sql),
        });
      } catch (error) {
        await this.runExec('ROLLBACK').catch(() => undefined);
        throw error;
      }
      await this.runExec('COMMIT');
      await this.walCheckpoint();
      return result;
    });
  }

  /** CHECKPOINT when the WAL since the last one passes WAL_CHECKPOINT_BYTES (checked every few transactions). */
  private async walCheckpoint(): Promise<void> {
    this.transactions += 1;
    if (this.transactions % WAL_CHECK_EVERY !== 0) return;
    const rows = await this.runQuery<{ bytes: number }>(
      'SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), redo_lsn)::float8 AS bytes FROM pg_control_checkpoint()',
    );
    if (Number(rows.rows[0]?.bytes ?? 0) > WAL_CHECKPOINT_BYTES) await this.runExec('CHECKPOINT');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.gate.run(() => this.connection.send({ op: 'close' })).catch(() => undefined);
      await this.connection.stop();
    } finally {
      this.lock?.release();
    }
  }

  private async runQuery<Row>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }> {
    try {
      const rows = await this.connection.send({ op: 'query', sql, params });
      return { rows: (rows ?? []) as Row[] };
    } catch (cause) {
      throw new StoreError('store-query-failed', `数据库查询失败：${messageOf(cause)}`, { cause });
    }
  }

  private async runExec(sql: string): Promise<void> {
    try {
      await this.connection.send({ op: 'exec', sql });
    } catch (cause) {
      throw new StoreError('store-query-failed', `数据库语句执行失败：${messageOf(cause)}`, { cause });
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
