import type { Report } from '../model/index.js';
import type { PastIndicatorFacts, PastIndicatorQuery, PastReportInfo, PastReportQuery } from '../knowledge/past-reports.js';
import { departmentOf } from '../knowledge/past-report-facts.js';
import { readReportFile } from '../report/parse-report.js';
import { indicatorLeaves } from '../report/indicators.js';
import { placeOfLine } from '../checks/format/place.js';
import { findSection } from './find-section.js';
import { problemItems, type ProblemItem } from './problem-items.js';

/**
 * Last year's report of the same department, from the knowledge base's past reports (ingested with
 * `selfeval ingest 去年报告 --scope past`): found by department and year as the cross-year questions find it.
 */

/** What drafting reads from the knowledge base (KnowledgeBase.past plus its document list). */
export interface PreviousYearStore {
  reports(query: PastReportQuery): Promise<PastReportInfo[]>;
  indicators(query: PastIndicatorQuery): Promise<PastIndicatorFacts[]>;
  /** Documents of one scope with the path each was ingested from. */
  list(scope?: string): Promise<{ scope: string; source: string; originPath: string }[]>;
}

export interface PreviousYearReport {
  info: PastReportInfo;
  indicators: PastIndicatorFacts[];
  /** Its 存在问题, one by one, with their lines when the original file could be read again. */
  problems: ProblemItem[];
  /** The original file read again (same department, year and scores as stored); null when it could not be. */
  report: Report | null;
  /** Why the original file was not used (Chinese), when `report` is null. */
  originNote: string | null;
}

export type PreviousYear =
  | { status: 'found'; scope: string; department: string; year: number; previous: PreviousYearReport }
  | {
      status: 'missing';
      scope: string;
      /** Null when this year's report names no department (or no year). */
      department: string | null;
      /** This year's report's year (the year before it is the one missing); null when it names none. */
      year: number | null;
      /** The department's reports the scope holds (other years). */
      held: { year: number | null; source: string }[];
    };

/** "乐昌2023.txt 第 12 行" / "乐昌2023.docx 表 1 第 5 行第 6 列": a place in last year's report. */
export function previousPlace(previous: PreviousYearReport, line: number): string {
  return `${previous.info.source} ${previous.report ? placeOfLine(previous.report, line) : `第 ${line} 行`}`;
}

/**
 * A place named in a draft ("表 1 第 5 行第 6 列", "第 3 段", "自评表!F9") as evidence for its own digits; a plain
 * "第 N 行" needs none (the number guard checks line references against the cited lines).
 */
export function placeQuotes(source: string, place: string): { source: string; quote: string }[] {
  return /表|页|段|!/u.test(place) ? [{ source, quote: place }] : [];
}

/** Same department, year and scored indicators as the stored rows: the file is still the report that was ingested. */
function sameAsStored(report: Report, info: PastReportInfo, stored: readonly PastIndicatorFacts[]): boolean {
  if (departmentOf(report) !== info.department || report.year !== info.year) return false;
  const key = (name: string, score: number | null, line: number) => `${name}|${score ?? ''}|${line}`;
  const now = indicatorLeaves(report.indicators).map((n) => key(n.name, n.score, n.line)).sort();
  const then = stored.map((n) => key(n.name, n.score, n.line)).sort();
  return now.length === then.length && now.every((k, i) => k === then[i]);
}

/** The lines under a report's 存在问题 heading (heading excluded). */
function problemLines(report: Report): { text: string; line: number }[] {
  const section = findSection(report.sections, /存在(?:的)?问题/u);
  if (!section) return [];
  return report.lines.slice(section.line, section.endLine).map((text, i) => ({ text, line: section.line + 1 + i }));
}

async function originalOf(store: PreviousYearStore, info: PastReportInfo, stored: readonly PastIndicatorFacts[]): Promise<{ report: Report | null; note: string | null }> {
  const document = (await store.list(info.scope)).find((d) => d.source === info.source);
  if (!document) return { report: null, note: `知识库里找不到 ${info.source} 的原文件路径` };
  const read = await readReportFile(document.originPath).catch(() => null);
  if (!read?.ok) return { report: null, note: `原文件 ${document.originPath} 已不在或无法读取` };
  if (!sameAsStored(read.report, info, stored)) return { report: null, note: `原文件 ${document.originPath} 入库后已改动` };
  return { report: read.report, note: null };
}

/**
 * The same department's report of the year before `report`'s, in `scope` (plus public): its stored rows, its
 * 存在问题 one by one, and the original file when it is still the one ingested (for exact places and its figures).
 */
export async function findPreviousYear(store: PreviousYearStore, report: Report, scope: string): Promise<PreviousYear> {
  const department = departmentOf(report);
  const held = department ? await store.reports({ scope, department }) : [];
  const heldYears = held.map((r) => ({ year: r.year, source: r.source }));
  if (!department || report.year === null) return { status: 'missing', scope, department, year: null, held: heldYears };
  const year = report.year - 1;
  const info = held.find((r) => r.year === year);
  if (!info) return { status: 'missing', scope, department, year: report.year, held: heldYears };
  const indicators = await store.indicators({ scope, department, year, limit: 500 });
  const own = indicators.filter((i) => i.source === info.source);
  const original = await originalOf(store, info, own);
  const problems = original.report
    ? problemItems(problemLines(original.report))
    : problemItems((info.problems ?? '').split('\n').map((text) => ({ text, line: null })));
  return {
    status: 'found',
    scope,
    department,
    year: report.year,
    previous: { info, indicators: own, problems, report: original.report, originNote: original.note },
  };
}
