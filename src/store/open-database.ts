import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Config } from '../config/env.js';
import { StoreError, type Database } from './database.js';
import { createPgliteDatabase } from './pglite-database.js';
import { migrate } from './migrate.js';

export interface OpenDatabaseOptions {
  /** PGlite data directory (overrides config.dataDir and config.databaseUrl); 'memory://' for a throwaway instance. */
  dataDir?: string;
  /** PostgreSQL URL (overrides config.databaseUrl). */
  url?: string;
  /** Apply migrations on open (default true). */
  migrate?: boolean;
  /** Start a new PGlite data directory as a copy of the prepared store (dist/store-template/) when built; default true. */
  template?: boolean;
  /** Receives Chinese notices for the user, each at most once per process (e.g. vector search is off). */
  onNotice?: (message: string) => void;
}

interface Shared {
  database: Promise<Database>;
  refs: number;
}

const shared = new Map<string, Shared>();
const noticesGiven = new Set<string>();

/**
 * Open the store: PostgreSQL when a URL is given or configured, otherwise PGlite persisted in the data directory.
 * One underlying instance per directory/URL per process: every call returns its own handle, and the instance closes
 * when the last handle closes. Migrations run once, when the instance opens.
 */
export async function openDatabase(config: Config, options: OpenDatabaseOptions = {}): Promise<Database> {
  const url = options.url ?? (options.dataDir === undefined ? config.databaseUrl : undefined);
  const dataDir = options.dataDir ?? config.dataDir;
  const inMemory = url === undefined && dataDir === 'memory://';
  const key = url !== undefined ? `postgres:${url}` : `pglite:${resolve(dataDir)}`;
  const runMigrations = options.migrate ?? true;

  const create = async (): Promise<Database> => {
    const database = url !== undefined ? await (await import('./postgres-database.js')).createPostgresDatabase(url) : await openPglite(dataDir, inMemory, options.template ?? true);
    if (runMigrations) {
      try {
        const result = await migrate(database);
        for (const notice of result.notices) {
          if (noticesGiven.has(`${key}:${notice}`)) continue;
          noticesGiven.add(`${key}:${notice}`);
          options.onNotice?.(notice);
        }
      } catch (error) {
        await database.close().catch(() => undefined);
        throw error;
      }
    }
    return database;
  };

  if (inMemory) return create();
  let entry = shared.get(key);
  if (!entry) {
    entry = { database: create(), refs: 0 };
    shared.set(key, entry);
    const failed = entry;
    failed.database.catch(() => {
      if (shared.get(key) === failed) shared.delete(key);
    });
  }
  entry.refs += 1;
  const current = entry;
  const database = await current.database;
  return handleFor(database, async () => {
    current.refs -= 1;
    if (current.refs === 0) {
      if (shared.get(key) === current) shared.delete(key);
      await database.close();
    }
  });
}

async function openPglite(dataDir: string, inMemory: boolean, template: boolean): Promise<Database> {
  if (inMemory) return createPgliteDatabase(undefined);
  try {
    return await createPgliteDatabase(dataDir, { template });
  } catch (error) {
    // The default lives under the home directory; when that is not writable, fall back to the working directory.
    const isDefault = resolve(dataDir) === join(homedir(), '.selfeval', 'pglite');
    const cause = error instanceof StoreError ? (error.cause as NodeJS.ErrnoException | undefined) : undefined;
    if (isDefault && cause && ['EACCES', 'EROFS', 'EPERM'].includes(cause.code ?? '')) {
      return createPgliteDatabase(resolve('.selfeval', 'pglite'), { template });
    }
    throw error;
  }
}

/** A per-caller view of a shared instance; closing it twice is harmless. */
function handleFor(database: Database, release: () => Promise<void>): Database {
  let closed = false;
  return {
    kind: database.kind,
    hasVector: database.hasVector,
    query: (sql, params, options) => database.query(sql, params, options),
    exec: (sql) => database.exec(sql),
    transaction: (fn) => database.transaction(fn),
    close: async () => {
      if (closed) return;
      closed = true;
      await release();
    },
  };
}
