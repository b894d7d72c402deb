import type { Finding, IndicatorNode, Report, Rubric, RubricIndicator } from '../model/index.js';
import { checkReport } from '../checks/engine.js';
import type { RubricMatch } from '../rubric/match-rubric.js';
import { queryOf } from '../report/query/report-query.js';

/** A loaded report with everything the assistant derives from it: rubric match and check findings. */
export interface ReportContext {
  name: string; // file name as the user gave it
  report: Report; // indicators carry rubricId
  findings: Finding[];
  rubric: Rubric;
  rubricMatch: RubricMatch;
}

const cache = new WeakMap<Report, Map<Rubric, ReportContext>>();

/** Match and check a report once; later calls with the same report and rubric reuse the result. */
export function analyzeReport(name: string, report: Report, rubric: Rubric): ReportContext {
  let perRubric = cache.get(report);
  if (!perRubric) {
    perRubric = new Map();
    cache.set(report, perRubric);
  }
  const hit = perRubric.get(rubric);
  if (hit && hit.name === name) return hit;
  const outcome = checkReport(report, rubric);
  const context: ReportContext = { name, report: outcome.report, findings: outcome.findings, rubric: outcome.rubricChoice.rubric, rubricMatch: outcome.rubricMatch };
  perRubric.set(rubric, context);
  return context;
}

/** The scored leaves that lost points (assessed, score below weight), in report order. */
export function deductedLeaves(context: ReportContext): IndicatorNode[] {
  return queryOf(context.report).leaves().filter((n) => n.assessed && n.weight !== null && n.score !== null && n.score < n.weight);
}

export function rubricOf(context: ReportContext, node: IndicatorNode): RubricIndicator | undefined {
  return context.rubricMatch.byIndicatorId.get(node.id);
}

export function findingsAbout(context: ReportContext, node: IndicatorNode): Finding[] {
  return context.findings.filter((f) => f.indicatorId === node.id || (f.indicatorId === undefined && f.line >= node.line && f.line <= (node.evidenceLines?.[1] ?? node.line)));
}
