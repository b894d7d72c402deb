-- Past reports as structured knowledge (issue 22): an ingested report keeps, beside its text chunks and in the same
-- scope, its totals and its check findings, and each scored indicator keeps its own 评分标准, the report's reason
-- for lost points, its evidence and its named values. Questions about past years, peers and a year's deductions read
-- these rows (src/knowledge/past-report-store.ts); every row goes with its document (ON DELETE CASCADE).
ALTER TABLE report_indicators
  ADD COLUMN standard text,
  ADD COLUMN reason text,
  ADD COLUMN evidence text,
  ADD COLUMN score_line integer,
  ADD COLUMN measures jsonb;
-- The cascade from kb_documents and "this report's indicators" find rows by document, not by a scan of every report.
CREATE INDEX report_indicators_document_idx ON report_indicators (document_id);
CREATE INDEX report_indicators_scope_department_year_idx ON report_indicators (scope, department, year);

CREATE TABLE report_summaries (
  document_id bigint PRIMARY KEY REFERENCES kb_documents (id) ON DELETE CASCADE,
  scope text NOT NULL,
  department text,
  year integer,
  title text NOT NULL,
  stated_total numeric,
  stated_line integer,
  computed_total numeric NOT NULL,
  bonus numeric,
  leaves integer NOT NULL,
  problems text,
  problems_line integer
);
CREATE INDEX report_summaries_scope_year_idx ON report_summaries (scope, year, department);

CREATE TABLE report_findings (
  id bigserial PRIMARY KEY,
  document_id bigint NOT NULL REFERENCES kb_documents (id) ON DELETE CASCADE,
  scope text NOT NULL,
  rule_id text NOT NULL,
  severity text NOT NULL,
  message text NOT NULL,
  line integer,
  indicator text
);
CREATE INDEX report_findings_document_idx ON report_findings (document_id);
