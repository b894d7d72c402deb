/**
 * The one SQL interface every part of selfeval uses. Two implementations share the same SQL:
 * PGlite (embedded default, with the pgvector extension) and PostgreSQL through `pg`.
 * Owned by src/store/; implementations in pglite-database.ts and postgres-database.ts, migrations in migrations/.
 */
/** `urgent`: run before waiting statements where the store serialises them (PGlite); used by the deliveries ledger. */
export interface QueryOptions {
  urgent?: boolean;
}

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  /** Whether the `vector` extension is available (false on a PostgreSQL server without pgvector). */
  readonly hasVector: boolean;
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<{ rows: Row[] }>;
  /** Run several statements (no parameters). */
  exec(sql: string): Promise<void>;
  /** Run `fn` inside one transaction. */
  transaction<T>(fn: (tx: Pick<Database, 'query' | 'exec'>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Infrastructure failure with a stable code (architecture.md convention 4). */
export class StoreError extends Error {
  constructor(
    readonly code: 'store-unavailable' | 'store-migration-failed' | 'store-query-failed',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}
