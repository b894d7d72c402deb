import type { Report, Rubric, Section } from '../model/index.js';
import { checkReport } from '../checks/engine.js';
import { computeTotals } from '../checks/summary.js';
import { plain } from '../model/decimal.js';
import { loadRubric } from '../rubric/load-rubric.js';

/** What an ingested report keeps beside its chunks and indicators (migration 008): totals, findings, 存在问题. */
export interface PastReportFacts {
  /** The report's department, or the one its title names ("乐昌市财政局2024年度…自评报告") when no 部门名称 line has it. */
  department: string | null;
  statedTotal: number | null;
  statedLine: number | null;
  /** Σ assessed leaf scores + 加减分, exact decimal as text. */
  computedTotal: string;
  bonus: number | null;
  /** Scored leaves (assessed or not). */
  leaves: number;
  /** The report's own 存在问题 section, as written. */
  problems: { text: string; line: number } | null;
  findings: { ruleId: string; severity: string; message: string; line: number | null; indicator: string | null }[];
}

/** A title that names its department before the year: "乐昌市财政局2024年度部门整体支出绩效自评报告" → "乐昌市财政局". */
const TITLE_DEPARTMENT = /^([\p{Script=Han}（）()]{4,40}?)(?:20\d{2})\s*年/u;

export function departmentOf(report: Pick<Report, 'department' | 'title'>): string | null {
  if (report.department) return report.department;
  const named = TITLE_DEPARTMENT.exec(report.title.replace(/\s+/gu, ''))?.[1];
  return named && !/报告|自评|绩效|年度/u.test(named) ? named : null;
}

function findSection(sections: readonly Section[], pattern: RegExp): Section | undefined {
  for (const section of sections) {
    if (pattern.test(section.title)) return section;
    const inner = findSection(section.children, pattern);
    if (inner) return inner;
  }
  return undefined;
}

const MAX_PROBLEMS_CHARS = 4000;

let rubric: Promise<Rubric> | undefined;

/**
 * The facts of a parsed report for the knowledge base: the same check as `selfeval check` with the default rubric
 * (findings as they would be printed), its totals and its 存在问题 text.
 */
export async function pastReportFacts(report: Report): Promise<PastReportFacts> {
  rubric ??= loadRubric();
  const outcome = checkReport(report, await rubric);
  const totals = computeTotals(outcome.report);
  const section = findSection(report.sections, /存在(?:的)?问题/u);
  const problems = section
    ? report.lines.slice(section.line, section.endLine).map((l) => l.trim()).filter((l) => l !== '').join('\n').slice(0, MAX_PROBLEMS_CHARS)
    : '';
  return {
    department: departmentOf(report),
    statedTotal: report.statedTotals[0]?.value ?? null,
    statedLine: report.statedTotals[0]?.line ?? null,
    computedTotal: plain(totals.computed),
    bonus: report.bonus?.score ?? null,
    leaves: totals.assessedLeaves + totals.notAssessedLeaves,
    problems: section && problems !== '' ? { text: problems, line: section.line } : null,
    findings: outcome.findings.map((f) => ({
      ruleId: f.ruleId, severity: f.severity, message: f.message, line: f.line ?? null, indicator: f.indicatorId?.split('/').at(-1) ?? null,
    })),
  };
}
