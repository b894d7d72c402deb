import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgliteDatabase } from '../../src/store/pglite-database.ts';
import type { Database } from '../../src/store/database.ts';

const MB = 2 ** 20;
const walBytes = (dir: string) => readdirSync(join(dir, 'pg_wal')).filter((f) => /^[0-9A-F]{24}$/u.test(f)).reduce((n, f) => n + statSync(join(dir, 'pg_wal', f)).size, 0);

describe('PGlite write-ahead log stays a few segments long', () => {
  let root: string;
  let db: Database;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'selfeval-wal-'));
    db = await createPgliteDatabase(root, { template: false });
    await db.exec('CREATE TABLE wal_probe (id serial PRIMARY KEY, body text)');
  });
  afterAll(async () => {
    await db?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('checkpoints as transactions write: 112 MB of WAL written, at most 5 segments on disk', async () => {
    const lsn = async () => Number((await db.query<{ b: number }>("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::float8 AS b")).rows[0]!.b);
    const start = await lsn();
    // ~2 MB of incompressible text per transaction (md5 strings are not shrunk by TOAST compression).
    while ((await lsn()) - start < 112 * MB) {
      await db.transaction(async (tx) => {
        await tx.query("INSERT INTO wal_probe (body) SELECT string_agg(md5(random()::text || g::text), '') FROM generate_series(1, 32000) g");
        await tx.query("INSERT INTO wal_probe (body) SELECT string_agg(md5(random()::text || g::text), '') FROM generate_series(1, 32000) g");
      });
    }
    const sinceCheckpoint = Number((await db.query<{ b: number }>('SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), redo_lsn)::float8 AS b FROM pg_control_checkpoint()')).rows[0]!.b);
    expect(sinceCheckpoint).toBeLessThan(80 * MB);
    expect(walBytes(root)).toBeLessThanOrEqual(5 * 16 * MB);
  }, 120_000);
});
