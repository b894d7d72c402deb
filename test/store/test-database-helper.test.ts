import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

describe('createTestDatabase', () => {
  let first: TestDatabase;
  let second: TestDatabase;
  beforeAll(async () => {
    first = await createTestDatabase();
    second = await createTestDatabase();
  });
  afterAll(async () => {
    await first?.dispose();
    await second?.dispose();
  });

  it('gives independent, migrated databases that vanish on dispose', async () => {
    await first.db.query("INSERT INTO kb_documents (scope, source, title, kind, origin_path, content_hash) VALUES ('a', 'a.md', 'A', 'guide', '/a.md', 'h')");
    const inSecond = await second.db.query("SELECT 1 FROM kb_documents WHERE scope = 'a'");
    expect(inSecond.rows).toHaveLength(0);
    const dir = first.config.dataDir;
    expect(existsSync(dir)).toBe(true);
    await first.dispose();
    expect(existsSync(dir)).toBe(false);
  });
});
