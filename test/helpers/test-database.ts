import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/config/env.ts';
import type { Database } from '../../src/store/database.ts';
import { openDatabase } from '../../src/store/open-database.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../src/store/migrations/', import.meta.url));

export interface TestDatabase {
  db: Database;
  /** Configuration pointing at this database (PGlite data dir or PostgreSQL URL). */
  config: Config;
  /** Close the database and delete its data (directory or PostgreSQL database). */
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated PGlite in its own temporary directory, in about a second: the first call on the machine builds a
 * migrated template data dir (keyed by the migration files' content, shared by all test processes), later calls
 * copy it. Close with dispose() in afterAll.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = await ensureTemplate();
  const dataDir = mkdtempSync(join(tmpdir(), 'selfeval-test-db-'));
  cpSync(template, dataDir, { recursive: true });
  const config = loadConfig({ SELFEVAL_DATA_DIR: dataDir });
  const db = await openDatabase(config);
  return {
    db,
    config,
    dispose: async () => {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh, migrated PGlite data directory that is NOT opened here: for child processes (`SELFEVAL_DATA_DIR`), which
 * cannot share a directory with an instance open in the test process. Remove it with rmSync when done.
 */
export async function createTestDataDir(): Promise<string> {
  const template = await ensureTemplate();
  const dataDir = mkdtempSync(join(tmpdir(), 'selfeval-test-dir-'));
  cpSync(template, dataDir, { recursive: true });
  return dataDir;
}

async function ensureTemplate(): Promise<string> {
  const hash = createHash('sha256');
  for (const name of readdirSync(MIGRATIONS_DIR).sort()) {
    hash.update(name).update(readFileSync(join(MIGRATIONS_DIR, name)));
  }
  const template = join(tmpdir(), `selfeval-pglite-template-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(template)) return template;
  const building = `${template}.building-${process.pid}-${randomBytes(4).toString('hex')}`;
  const db = await openDatabase(loadConfig({}), { dataDir: building, template: false }); // empty: no prepared knowledge
  await db.close();
  try {
    renameSync(building, template);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another process finished first
  }
  return template;
}

/** TEST_DATABASE_URL, or a printed reason why PostgreSQL tests skip. */
export function testDatabaseUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) console.warn('跳过 PostgreSQL 测试：未设置 TEST_DATABASE_URL。');
  return url || undefined;
}

/**
 * Create a fresh database with a random name on the server of `baseUrl` (TEST_DATABASE_URL), open it migrated,
 * and drop it on dispose. Each test file gets its own database, so files running in parallel share nothing.
 */
export async function createPostgresTestDatabase(baseUrl: string): Promise<TestDatabase> {
  const name = `selfeval_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(baseUrl, `CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const config = loadConfig({ DATABASE_URL: url.toString() });
  let db: Database;
  try {
    db = await openDatabase(config);
  } catch (error) {
    await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    throw error;
  }
  return {
    db,
    config,
    dispose: async () => {
      await db.close();
      await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(baseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
