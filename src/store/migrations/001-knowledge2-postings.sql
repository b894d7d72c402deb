-- BM25 for the keyword arm: one posting per (term, chunk) with the term's frequency and the chunk's length.
-- Measured on PGlite: scoring candidates by unnesting their tsvectors costs about 0.5–1 ms per candidate, so a common
-- term over 10k chunks took hundreds of ms; summing postings of the query terms reads only Σ df small index rows.
-- The tsvector column and its GIN index (001-knowledge.sql) stay for full-text matching with tsquery.
CREATE TABLE kb_postings (
  term text NOT NULL,
  scope text NOT NULL,
  chunk_id bigint NOT NULL REFERENCES kb_chunks (id) ON DELETE CASCADE,
  tf integer NOT NULL,
  len integer NOT NULL,
  PRIMARY KEY (term, scope, chunk_id)
);
CREATE INDEX kb_postings_chunk_idx ON kb_postings (chunk_id);
ALTER TABLE kb_documents ADD COLUMN token_total bigint NOT NULL DEFAULT 0;
