-- Keyword search at province scale, leaner: measured at 10k chunks the store was 12.5 KB per chunk (1.25 GB at
-- 100k), 87% of it postings held three times: the kb_impacts heap (term_id, bigint chunk_id, tf, int len, impact:
-- 60 bytes a posting with alignment), the (term_id, impact) index carrying them all again, and a (chunk_id, term_id)
-- index used only to complete candidates' scores and to cascade deletes.
--
-- Now a posting is 16 bytes of data (int chunk id, smallint tf and len; 44 bytes a heap row instead of 60), the
-- term index is the only index on it, and each chunk keeps its own terms as three arrays (term ids ascending, tf,
-- impact: 10 bytes a posting). Candidates' exact scores come from those arrays (one primary-key read per candidate
-- instead of one index probe per candidate and term), and deleting a chunk's postings is one probe of the term index
-- per posting ((term_id, impact, chunk_id) is its key). There is no foreign key from kb_impacts to kb_chunks any
-- more: document-store.ts deletes postings with their chunks. The tokens column (the chunk's tokens as text, read by
-- nothing but benchmarks) goes too.
--
-- Chunk ids are bigserial but stay far below 2^31 (a province writes about 100k chunks a year); a posting stores int.

CREATE TABLE kb_impacts_lean (
  term_id integer NOT NULL,             -- kb_terms.id
  chunk_id integer NOT NULL,            -- kb_chunks.id
  impact real NOT NULL,                 -- BM25 term-frequency part with the scope's average length at write time
  tf smallint NOT NULL,
  len smallint NOT NULL                 -- the chunk's BM25 length (kb_chunks.token_count, at most 32767)
);

INSERT INTO kb_impacts_lean (term_id, chunk_id, impact, tf, len)
SELECT term_id, chunk_id::int, impact, tf, least(len, 32767)::smallint FROM kb_impacts;

ALTER TABLE kb_chunks ADD COLUMN term_ids integer[] NOT NULL DEFAULT '{}';   -- kb_terms.id of each distinct term, ascending
ALTER TABLE kb_chunks ADD COLUMN term_tfs smallint[] NOT NULL DEFAULT '{}';  -- its frequency in the chunk
ALTER TABLE kb_chunks ADD COLUMN term_impacts real[] NOT NULL DEFAULT '{}';  -- its posting's impact (the posting's key)

UPDATE kb_chunks c SET term_ids = x.ids, term_tfs = x.tfs, term_impacts = x.impacts
FROM (SELECT chunk_id, array_agg(term_id ORDER BY term_id) AS ids, array_agg(tf ORDER BY term_id) AS tfs,
             array_agg(impact ORDER BY term_id) AS impacts
      FROM kb_impacts GROUP BY chunk_id) x
WHERE c.id = x.chunk_id;

DROP TABLE kb_impacts;
ALTER TABLE kb_impacts_lean RENAME TO kb_impacts;
CREATE INDEX kb_impacts_term_idx ON kb_impacts (term_id, impact DESC, chunk_id) INCLUDE (tf, len);

ALTER TABLE kb_chunks DROP COLUMN tokens;

-- Each scope's BM25 statistics (chunks, total length) in one row, kept by document-store.ts with the documents:
-- summing kb_documents at query time cost 3–4 ms per search at 2,000 documents, more with every ingest.
CREATE TABLE kb_scope_stats (
  scope text PRIMARY KEY,
  chunks bigint NOT NULL,
  tokens bigint NOT NULL
);
INSERT INTO kb_scope_stats (scope, chunks, tokens)
SELECT scope, sum(chunk_count), sum(token_total) FROM kb_documents GROUP BY scope;
