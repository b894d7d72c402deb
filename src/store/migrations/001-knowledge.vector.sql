-- Embeddings cached by (model, content hash): identical text is embedded once, and a new model re-embeds.
-- The column has no fixed dimension; the HNSW index is a per-dimension expression index created at run time
-- (src/knowledge/vector-index.ts) because the dimension comes from configuration.
CREATE TABLE kb_embeddings (
  model text NOT NULL,
  content_hash text NOT NULL,
  dimensions integer NOT NULL,
  embedding vector NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (model, content_hash)
);
