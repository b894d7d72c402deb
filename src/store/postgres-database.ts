import pg from 'pg';
import { fromSql } from 'pgvector';
import { StoreError, type Database } from './database.js';

/** SQLSTATE classes and socket errors that mean "the server is not there", not "the query is wrong". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH',
  '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '3D000', '28P01', '28000',
]);
const VECTOR_LOCK_KEY = 7_351_024_001; // pg_advisory_lock key for CREATE EXTENSION vector

/** Connect to PostgreSQL at `url`; create the vector extension when the server has it. */
export async function createPostgresDatabase(url: string): Promise<Database> {
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  probe.on('error', () => undefined);
  let vectorOid: number | undefined;
  try {
    await probe.connect();
    if (await ensureVectorExtension(probe)) {
      const { rows } = await probe.query<{ oid: number }>("SELECT oid FROM pg_type WHERE typname = 'vector'");
      vectorOid = rows[0]?.oid;
    }
  } catch (error) {
    throw toStoreError(error, url);
  } finally {
    await probe.end().catch(() => undefined);
  }
  const pool = new pg.Pool({ connectionString: url, max: 5, connectionTimeoutMillis: 10_000 });
  pool.on('error', () => {
    // An idle client lost its connection; the next query reports it.
  });
  if (vectorOid !== undefined) {
    const oid = vectorOid;
    // What pgvector/pg registerTypes does for one client, done synchronously for every pooled client.
    pool.on('connect', (client) => client.setTypeParser(oid, 'text', (value: string) => fromSql(value)));
  }
  return new PostgresDatabase(pool, vectorOid !== undefined);
}

async function ensureVectorExtension(client: pg.Client): Promise<boolean> {
  const installed = await client.query("SELECT 1 FROM pg_extension WHERE extname = 'vector'");
  if (installed.rowCount) return true;
  const available = await client.query("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'");
  if (!available.rowCount) return false;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [VECTOR_LOCK_KEY]);
    await client.query('CREATE EXTENSION IF NOT EXISTS vector');
    return true;
  } catch (error) {
    if (isUnavailable(error)) throw error;
    return false; // e.g. no privilege to create the extension: keyword-only
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [VECTOR_LOCK_KEY]).catch(() => undefined);
  }
}

class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    readonly hasVector: boolean,
  ) {}

  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }> {
    return runQuery<Row>(this.pool, sql, params);
  }

  async exec(sql: string): Promise<void> {
    await runQuery(this.pool, sql);
  }

  async transaction<T>(fn: (tx: Pick<Database, 'query' | 'exec'>) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw toStoreError(error);
    }
    const tx = {
      query: <Row = Record<string, unknown>>(sql: string, params?: unknown[]) => runQuery<Row>(client, sql, params),
      exec: async (sql: string) => {
        await runQuery(client, sql);
      },
    };
    let broken = false;
    try {
      await tx.exec('BEGIN');
      const result = await fn(tx);
      await tx.exec('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

async function runQuery<Row>(target: pg.Pool | pg.PoolClient, sql: string, params?: unknown[]): Promise<{ rows: Row[] }> {
  try {
    const result = await target.query(sql, params);
    // A multi-statement simple query returns an array of results; the last one is the answer.
    const last = Array.isArray(result) ? result[result.length - 1] : result;
    return { rows: (last?.rows ?? []) as Row[] };
  } catch (error) {
    throw toStoreError(error);
  }
}

function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|timeout exceeded when trying to connect/i.test(message);
}

function toStoreError(error: unknown, url?: string): StoreError {
  if (error instanceof StoreError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  if (isUnavailable(error)) {
    const where = url ? `（${redact(url)}）` : '';
    return new StoreError('store-unavailable', `无法连接数据库${where}：${detail}。请检查 DATABASE_URL 和数据库服务是否已启动。`, {
      cause: error,
    });
  }
  return new StoreError('store-query-failed', `数据库查询失败：${detail}`, { cause: error });
}

/** Hide the password of a connection URL in messages. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL';
  }
}
