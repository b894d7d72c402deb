-- Knowledge base: documents, their chunks (keyword arm: jieba tokens in a 'simple' tsvector, ranked with BM25 whose
-- document frequencies are counted through the GIN index at query time), and the indicators parsed from
-- ingested reports. Vector tables live in 001-knowledge.vector.sql (applied only with pgvector).

CREATE TABLE kb_documents (
  id bigserial PRIMARY KEY,
  scope text NOT NULL,                 -- 'public' for bundled knowledge, one per department/workspace otherwise
  source text NOT NULL,                -- path relative to the ingest root, e.g. 'guides/政府采购执行率.md'
  title text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('guide', 'report', 'document')),
  origin_path text NOT NULL,           -- absolute path at ingest time
  content_hash text NOT NULL,          -- sha256 of the file bytes (+ chunker version): re-ingest is a no-op
  chunk_count integer NOT NULL DEFAULT 0,
  department text,
  year integer,
  ingested_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (scope, source)
);

CREATE TABLE kb_chunks (
  id bigserial PRIMARY KEY,
  document_id bigint NOT NULL REFERENCES kb_documents (id) ON DELETE CASCADE,
  scope text NOT NULL,
  ordinal integer NOT NULL,
  section_path jsonb NOT NULL DEFAULT '[]',
  text text NOT NULL,
  line_start integer,
  line_end integer,
  content_hash text NOT NULL,          -- sha256 of the embedded text: the embedding cache key
  tokens text NOT NULL,                -- jieba tokens (title, section path and text) joined by spaces
  token_count integer NOT NULL,        -- BM25 length normalisation
  tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', tokens)) STORED
);
CREATE INDEX kb_chunks_tsv_idx ON kb_chunks USING gin (tsv);
CREATE INDEX kb_chunks_scope_idx ON kb_chunks (scope);
CREATE INDEX kb_chunks_document_idx ON kb_chunks (document_id, ordinal);
CREATE INDEX kb_chunks_hash_idx ON kb_chunks (content_hash);

CREATE TABLE report_indicators (
  id bigserial PRIMARY KEY,
  document_id bigint NOT NULL REFERENCES kb_documents (id) ON DELETE CASCADE,
  scope text NOT NULL,
  department text,
  year integer,
  name text NOT NULL,
  path jsonb NOT NULL,
  level integer NOT NULL,
  weight numeric,
  score numeric,
  assessed boolean NOT NULL,
  line integer NOT NULL
);
CREATE INDEX report_indicators_scope_name_idx ON report_indicators (scope, name);
