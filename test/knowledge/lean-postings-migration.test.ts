import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { migrate } from '../../src/store/migrate.ts';
import type { Database } from '../../src/store/database.ts';
import { deleteDocument, replaceDocument } from '../../src/knowledge/document-store.ts';
import { keywordSearch } from '../../src/knowledge/keyword-search.ts';
import { getSegmenter } from '../../src/knowledge/segment.ts';

const MIGRATIONS = fileURLToPath(new URL('../../src/store/migrations/', import.meta.url));

/**
 * A store written before migration 006 (postings with a bigint chunk id, a (chunk, term) index, a tokens column)
 * upgrades in place: its chunks get their term arrays, and search and delete work on the upgraded rows.
 */
describe('migration 006 (lean postings) upgrades a store written by migration 005', () => {
  let db: Database;
  let before: string;
  const segmenter = getSegmenter();

  beforeAll(async () => {
    before = mkdtempSync(join(tmpdir(), 'selfeval-005-'));
    for (const name of readdirSync(MIGRATIONS).filter((n) => n < '006')) cpSync(join(MIGRATIONS, name), join(before, name));
    db = await openDatabase(loadConfig({}), { dataDir: 'memory://', migrate: false, template: false });
    await migrate(db, { directory: before });
    // What replaceDocument wrote under 005: a document, its chunks with tokens, terms with df, and impacts.
    const texts = ['部门预算资金支出率为58.48%', '政府采购执行率按采购计划计算', '政府采购预算执行情况良好'];
    await db.query(
      "INSERT INTO kb_documents (scope, source, title, kind, origin_path, content_hash, chunk_count, token_total) VALUES ('public', 'a.md', 'A', 'guide', '/a.md', 'h', $1, $2)",
      [texts.length, texts.reduce((n, t) => n + segmenter.indexTokens(t).length, 0)],
    );
    for (const [ordinal, text] of texts.entries()) {
      const tokens = segmenter.indexTokens(text);
      await db.query(
        `INSERT INTO kb_chunks (document_id, scope, ordinal, text, content_hash, tokens, token_count)
         SELECT id, 'public', $1, $2, $3, $4, $5 FROM kb_documents`,
        [ordinal, text, `c${ordinal}`, tokens.join(' '), tokens.length],
      );
    }
    await db.exec(`
      INSERT INTO kb_terms (scope, term, df)
        SELECT 'public', t, count(DISTINCT c.id) FROM kb_chunks c, unnest(string_to_array(c.tokens, ' ')) t GROUP BY t;
      INSERT INTO kb_impacts (term_id, chunk_id, tf, len, impact)
        SELECT k.id, c.id, count(*), c.token_count, count(*) * 2.2 / (count(*) + 1.2)
        FROM kb_chunks c, unnest(string_to_array(c.tokens, ' ')) t JOIN kb_terms k ON k.term = t
        GROUP BY k.id, c.id, c.token_count`);
    await migrate(db);
  });
  afterAll(async () => {
    await db?.close();
    rmSync(before, { recursive: true, force: true });
  });

  const search = async (query: string) => {
    const ranked = await keywordSearch(db, segmenter.queryTerms(query), ['public'], 5);
    const { rows } = await db.query<{ id: string; text: string }>('SELECT id::text AS id, text FROM kb_chunks');
    return ranked.map((r) => rows.find((row) => row.id === r.id)!.text);
  };

  it('moves every posting into the chunks\' term arrays and keeps one index on the postings', async () => {
    const { rows } = await db.query<{ postings: number; arrays: number; chunks: number }>(
      `SELECT (SELECT count(*)::int FROM kb_impacts) AS postings,
              (SELECT sum(cardinality(term_ids))::int FROM kb_chunks) AS arrays,
              (SELECT count(*)::int FROM kb_chunks WHERE cardinality(term_ids) = cardinality(term_tfs)
                 AND cardinality(term_ids) = cardinality(term_impacts) AND cardinality(term_ids) > 0) AS chunks`,
    );
    expect(rows[0]).toEqual({ postings: rows[0]!.arrays, arrays: rows[0]!.arrays, chunks: 3 });
    const indexes = await db.query<{ name: string }>("SELECT indexname AS name FROM pg_indexes WHERE tablename = 'kb_impacts'");
    expect(indexes.rows.map((r) => r.name)).toEqual(['kb_impacts_term_idx']);
  });

  it('searches the upgraded rows, and a new version of the document replaces them with their postings', async () => {
    expect((await search('支出率58.48%'))[0]).toBe('部门预算资金支出率为58.48%');
    expect((await search('政府采购执行率')).slice(0, 2)).toEqual(['政府采购执行率按采购计划计算', '政府采购预算执行情况良好']);
    const tokens = segmenter.indexTokens('基本支出执行情况');
    const id = await replaceDocument(
      db,
      { scope: 'public', source: 'a.md', title: 'A', kind: 'guide', originPath: '/a.md', contentHash: 'h2', department: null, year: null },
      [{ sectionPath: [], text: '基本支出执行情况', lineStart: 1, lineEnd: 1, contentHash: 'n', tokens, length: tokens.length }],
      [],
    );
    expect(await search('政府采购')).toEqual([]);
    expect(await search('基本支出')).toEqual(['基本支出执行情况']);
    const count = async () => Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM kb_impacts')).rows[0]!.n);
    expect(await count()).toBe(new Set(tokens).size);
    await deleteDocument(db, id);
    expect(await count()).toBe(0);
    const df = await db.query<{ n: number }>('SELECT coalesce(sum(df), 0)::int AS n FROM kb_terms');
    expect(df.rows[0]!.n).toBe(0);
  });
});
