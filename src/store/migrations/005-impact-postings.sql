-- Keyword search at province scale (100k+ chunks): impact-ordered postings.
-- Every posting keeps its BM25 term-frequency part ("impact", computed with the scope's average length when it was
-- written) next to tf and len, in an index ordered by impact within each term. A query reads only the top postings of
-- each term (all of them for rare terms), scores them with the exact BM25 of the current statistics, and completes the
-- scores of the best candidates from the (chunk, term) index: the same ranking as reading every posting, while a
-- common term no longer costs one row per chunk that has it. Document frequencies live in kb_terms, kept by ingest.
-- The unused tsvector column and its GIN index go: they were half the store's size and a third of the insert time.

DROP INDEX IF EXISTS kb_chunks_tsv_idx;
ALTER TABLE kb_chunks DROP COLUMN IF EXISTS tsv;

CREATE TABLE kb_terms (
  id serial PRIMARY KEY,
  scope text NOT NULL,
  term text NOT NULL,
  df integer NOT NULL DEFAULT 0,        -- chunks of this scope that contain the term
  UNIQUE (term, scope)
);

CREATE TABLE kb_impacts (
  term_id integer NOT NULL,             -- kb_terms.id (no foreign key: terms are never deleted, only their df drops)
  chunk_id bigint NOT NULL REFERENCES kb_chunks (id) ON DELETE CASCADE,
  tf smallint NOT NULL,
  len integer NOT NULL,
  impact real NOT NULL
);

INSERT INTO kb_terms (scope, term, df)
SELECT scope, term, count(*)::int FROM kb_postings GROUP BY scope, term ORDER BY term, scope;

INSERT INTO kb_impacts (term_id, chunk_id, tf, len, impact)
SELECT t.id, p.chunk_id, least(p.tf, 32767)::smallint, p.len,
       (p.tf * 2.2 / (p.tf + 1.2 * (0.25 + 0.75 * p.len / greatest(s.avgdl, 1))))::real
FROM kb_postings p
JOIN kb_terms t ON t.term = p.term AND t.scope = p.scope
JOIN (SELECT scope, sum(token_total)::float8 / greatest(sum(chunk_count), 1) AS avgdl FROM kb_documents GROUP BY scope) s
  ON s.scope = p.scope;

CREATE INDEX kb_impacts_term_idx ON kb_impacts (term_id, impact DESC) INCLUDE (chunk_id, tf, len);
CREATE INDEX kb_impacts_chunk_idx ON kb_impacts (chunk_id, term_id);

DROP TABLE kb_postings;
