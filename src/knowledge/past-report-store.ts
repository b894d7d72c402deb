import { z } from 'zod';
import type { Database } from '../store/database.js';
import type { IndicatorNode } from '../model/index.js';
import type { PastReportFacts } from './past-report-facts.js';
import type { IndicatorRecord } from './indicator-store.js';
import { visibleScopes } from './search.js';

/**
 * SQL for past reports as structured knowledge (migration 008): what an ingested report's indicators, totals and
 * findings are written as, and the queries that questions about past years, peers and a year's deductions run.
 * Rows are parsed with zod at this boundary. The same SQL runs on PGlite and PostgreSQL.
 */

type Tx = Pick<Database, 'query'>;

/** Write a report's indicators (with their standards, reasons, evidence and named values), totals and findings. */
export async function writeReportRows(
  tx: Tx,
  documentId: string,
  document: { scope: string; title: string; department: string | null; year: number | null },
  indicators: readonly IndicatorNode[],
  facts?: PastReportFacts,
): Promise<void> {
  const { scope, department, year } = document;
  if (indicators.length > 0) {
    await tx.query(
      `INSERT INTO report_indicators (document_id, scope, department, year, name, path, level, weight, score, assessed, line,
                                      standard, reason, evidence, score_line, measures)
       SELECT $1::bigint, $2, $3, $4::int, n, p::jsonb, l, w, s, a, ln, st, r, e, sl, m::jsonb
       FROM unnest($5::text[], $6::text[], $7::int[], $8::numeric[], $9::numeric[], $10::boolean[], $11::int[],
                   $12::text[], $13::text[], $14::text[], $15::int[], $16::text[])
         AS x(n, p, l, w, s, a, ln, st, r, e, sl, m)`,
      [documentId, scope, department, year, indicators.map((i) => i.name), indicators.map((i) => JSON.stringify(i.path)),
        indicators.map((i) => i.level), indicators.map((i) => i.weight), indicators.map((i) => i.score), indicators.map((i) => i.assessed),
        indicators.map((i) => i.line), indicators.map((i) => i.standard ?? null), indicators.map((i) => i.reason ?? i.notAssessedReason),
        indicators.map((i) => i.evidence || null), indicators.map((i) => i.scoreLine),
        indicators.map((i) => (i.measures && i.measures.length > 0 ? JSON.stringify(i.measures.map(({ label, text, line }) => ({ label, text, line }))) : null))],
    );
  }
  if (!facts) return;
  await tx.query(
    `INSERT INTO report_summaries (document_id, scope, department, year, title, stated_total, stated_line, computed_total, bonus, leaves,
                                   problems, problems_line)
     VALUES ($1::bigint, $2, $3, $4::int, $5, $6::numeric, $7::int, $8::numeric, $9::numeric, $10::int, $11, $12::int)`,
    [documentId, scope, department, year, document.title, facts.statedTotal, facts.statedLine, facts.computedTotal, facts.bonus, facts.leaves,
      facts.problems?.text ?? null, facts.problems?.line ?? null],
  );
  if (facts.findings.length === 0) return;
  const f = facts.findings;
  await tx.query(
    `INSERT INTO report_findings (document_id, scope, rule_id, severity, message, line, indicator)
     SELECT $1::bigint, $2, r, s, m, l, i FROM unnest($3::text[], $4::text[], $5::text[], $6::int[], $7::text[]) AS x(r, s, m, l, i)`,
    [documentId, scope, f.map((x) => x.ruleId), f.map((x) => x.severity), f.map((x) => x.message), f.map((x) => x.line), f.map((x) => x.indicator)],
  );
}

/** One ingested report as the past-report questions see it. */
export interface PastReportInfo {
  source: string;
  title: string;
  scope: string;
  department: string | null;
  year: number | null;
  statedTotal: number | null;
  statedLine: number | null;
  computedTotal: number;
  leaves: number;
  problems: string | null;
  problemsLine: number | null;
}

const ReportRowSchema = z.object({
  source: z.string(),
  title: z.string(),
  scope: z.string(),
  department: z.string().nullable(),
  year: z.number().int().nullable(),
  stated_total: z.number().nullable(),
  stated_line: z.number().int().nullable(),
  computed_total: z.number(),
  leaves: z.number().int(),
  problems: z.string().nullable(),
  problems_line: z.number().int().nullable(),
});

const toReport = (row: unknown): PastReportInfo => {
  const r = ReportRowSchema.parse(row);
  return {
    source: r.source, title: r.title, scope: r.scope, department: r.department, year: r.year, statedTotal: r.stated_total,
    statedLine: r.stated_line, computedTotal: r.computed_total, leaves: r.leaves, problems: r.problems, problemsLine: r.problems_line,
  };
};

const SELECT_REPORTS = `SELECT d.source, s.title, s.scope, s.department, s.year, s.stated_total::float8 AS stated_total, s.stated_line,
        s.computed_total::float8 AS computed_total, s.leaves, s.problems, s.problems_line
   FROM report_summaries s JOIN kb_documents d ON d.id = s.document_id`;

export interface PastReportQuery {
  /** The caller's scope; `public` is always visible too. */
  scope?: string;
  /** Exact department name. */
  department?: string;
  year?: number;
}

/** Ingested reports of a scope (optionally of one department and/or year), newest year first. */
export async function findPastReports(db: Tx, query: PastReportQuery): Promise<PastReportInfo[]> {
  const { rows } = await db.query(
    `${SELECT_REPORTS}
     WHERE s.scope = ANY($1::text[]) AND ($2::text IS NULL OR s.department = $2) AND ($3::int IS NULL OR s.year = $3::int)
     ORDER BY s.year DESC NULLS LAST, s.department, d.source`,
    [visibleScopes(query.scope), query.department ?? null, query.year ?? null],
  );
  return rows.map(toReport);
}

/** Departments with ingested reports in a scope (for recognising one named in a question). */
export async function pastReportDepartments(db: Tx, scope?: string): Promise<string[]> {
  const { rows } = await db.query<{ department: string }>(
    'SELECT DISTINCT department FROM report_summaries WHERE scope = ANY($1::text[]) AND department IS NOT NULL ORDER BY department',
    [visibleScopes(scope)],
  );
  return rows.map((r) => z.string().parse(r.department));
}

/** Names of the indicators scored in a scope's ingested reports. */
export async function pastIndicatorNames(db: Tx, scope?: string): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT DISTINCT i.name FROM report_indicators i JOIN report_summaries s ON s.document_id = i.document_id
     WHERE s.scope = ANY($1::text[]) ORDER BY i.name`,
    [visibleScopes(scope)],
  );
  return rows.map((r) => z.string().parse(r.name));
}

/** An indicator of an ingested report with what the report wrote about it. */
export interface PastIndicatorFacts extends Omit<IndicatorRecord, 'scope' | 'level'> {
  scoreLine: number | null;
  standard: string | null;
  reason: string | null;
  evidence: string | null;
}

const IndicatorRowSchema = z.object({
  source: z.string(),
  title: z.string(),
  department: z.string().nullable(),
  year: z.number().int().nullable(),
  name: z.string(),
  path: z.array(z.string()),
  weight: z.number().nullable(),
  score: z.number().nullable(),
  assessed: z.boolean(),
  line: z.number().int(),
  score_line: z.number().int().nullable(),
  standard: z.string().nullable(),
  reason: z.string().nullable(),
  evidence: z.string().nullable(),
});

export interface PastIndicatorQuery extends PastReportQuery {
  /** Indicator name as stored (exact); absent: every indicator. */
  name?: string;
  /** Leave this department's reports out ("别的单位"). */
  otherThan?: string;
  /** Only indicators that lost points. */
  deducted?: boolean;
  limit?: number;
}

/** The indicator `name` in the scope's ingested reports: deducted ones first when asked, newest year first. */
export async function findPastIndicators(db: Tx, query: PastIndicatorQuery): Promise<PastIndicatorFacts[]> {
  const { rows } = await db.query(
    `SELECT d.source, s.title, s.department, s.year, i.name, i.path, i.weight::float8 AS weight, i.score::float8 AS score, i.assessed, i.line,
            i.score_line, i.standard, i.reason, i.evidence
     FROM report_indicators i JOIN report_summaries s ON s.document_id = i.document_id JOIN kb_documents d ON d.id = i.document_id
     WHERE s.scope = ANY($1::text[]) AND ($2::text IS NULL OR i.name = $2)
       AND ($3::text IS NULL OR s.department = $3) AND ($4::int IS NULL OR s.year = $4::int)
       AND ($5::text IS NULL OR s.department IS DISTINCT FROM $5)
       AND (NOT $6::boolean OR i.score < i.weight)
     ORDER BY (i.score < i.weight) DESC NULLS LAST, s.year DESC NULLS LAST, s.department, d.source
     LIMIT $7::int`,
    [visibleScopes(query.scope), query.name ?? null, query.department ?? null, query.year ?? null, query.otherThan ?? null, query.deducted ?? false,
      query.limit ?? 50],
  );
  return rows.map((row) => {
    const r = IndicatorRowSchema.parse(row);
    return {
      source: r.source, title: r.title, department: r.department, year: r.year, name: r.name, path: r.path, weight: r.weight, score: r.score,
      assessed: r.assessed, line: r.line, scoreLine: r.score_line, standard: r.standard, reason: r.reason, evidence: r.evidence,
    };
  });
}

/** One indicator's deductions over a year's reports: how many reports lost points on it, and how many points. */
export interface DeductionRow {
  name: string;
  /** Reports that lost points on it. */
  reports: number;
  /** Points lost in all of them, exact decimal as text. */
  points: string;
  /** Those reports (source, department, weight, score, line), for tracing each number. */
  examples: { source: string; department: string | null; weight: number; score: number; line: number }[];
}

export interface DeductionTotals {
  year: number | null;
  /** Reports of the year in the scope. */
  reports: number;
  /** Of those, reports with at least one deduction. */
  withDeductions: number;
  rows: DeductionRow[];
}

const DeductionSchema = z.object({
  name: z.string(),
  reports: z.number().int(),
  points: z.string(),
  examples: z.array(z.object({ source: z.string(), department: z.string().nullable(), weight: z.number(), score: z.number(), line: z.number().int() })),
});

/** Deductions per indicator over the reports of one year in a scope, most reports first (ties: most points). */
export async function deductionsByIndicator(db: Tx, query: { scope?: string; year: number | null; examples?: number }): Promise<DeductionTotals> {
  const scopes = visibleScopes(query.scope);
  const counts = await db.query<{ reports: number; with_deductions: number }>(
    `SELECT count(*)::int AS reports,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM report_indicators i WHERE i.document_id = s.document_id AND i.score < i.weight))::int AS with_deductions
     FROM report_summaries s WHERE s.scope = ANY($1::text[]) AND s.year IS NOT DISTINCT FROM $2::int`,
    [scopes, query.year],
  );
  const { rows } = await db.query(
    `SELECT i.name, count(DISTINCT i.document_id)::int AS reports, sum(i.weight - i.score)::text AS points,
            (jsonb_agg(jsonb_build_object('source', d.source, 'department', s.department, 'weight', i.weight, 'score', i.score, 'line', i.line)
                       ORDER BY i.weight - i.score DESC, d.source))
              AS examples
     FROM report_indicators i JOIN report_summaries s ON s.document_id = i.document_id JOIN kb_documents d ON d.id = i.document_id
     WHERE s.scope = ANY($1::text[]) AND s.year IS NOT DISTINCT FROM $2::int AND i.assessed AND i.score < i.weight
     GROUP BY i.name ORDER BY count(DISTINCT i.document_id) DESC, sum(i.weight - i.score) DESC, i.name`,
    [scopes, query.year],
  );
  const keep = query.examples ?? 3;
  return {
    year: query.year,
    reports: counts.rows[0]?.reports ?? 0,
    withDeductions: counts.rows[0]?.with_deductions ?? 0,
    rows: rows.map((row) => {
      const r = DeductionSchema.parse(row);
      return { ...r, examples: r.examples.slice(0, keep) };
    }),
  };
}
