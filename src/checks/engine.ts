import { FindingSchema, type Finding, type Report, type Rubric, type Severity } from '../model/index.js';
import { withOcrNotes } from './ocr-notes.js';
import { bundledCandidatesOf } from '../rubric/load-rubric.js';
import type { RubricMatch } from '../rubric/match-rubric.js';
import { forceRubric, selectRubric, type RubricChoice } from '../rubric/select-rubric.js';
import type { CheckContext, CheckRule } from './define-rule.js';
import { RULES } from './registry.js';
import { withLocations } from '../report/locate-line.js';

export const CRASH_RULE_ID = 'internal/rule-crashed';

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Most serious first, then by line, then by rule id (stable otherwise). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.line - b.line || a.ruleId.localeCompare(b.ruleId),
  );
}

function crashed(rule: CheckRule, reason: string): Finding {
  return {
    ruleId: CRASH_RULE_ID,
    severity: 'warning',
    message: `检查规则“${rule.title}”（${rule.id}）运行出错，已跳过，其他检查照常进行：${reason}`,
    line: 1,
    sectionPath: [],
  };
}

/** Run every rule on the report. A rule that throws or returns malformed findings becomes one warning; the rest still run. */
export function runChecks(report: Report, context: CheckContext, rules: readonly CheckRule[] = RULES): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    try {
      const produced = rule.check(report, context);
      const bad = produced.find((f) => !FindingSchema.safeParse(f).success || f.ruleId !== rule.id);
      if (bad) {
        findings.push(crashed(rule, `输出了不合格式的结果（第 ${String(bad.line)} 行）`));
        continue;
      }
      findings.push(...produced);
    } catch (error) {
      findings.push(crashed(rule, error instanceof Error ? error.message : String(error)));
    }
  }
  return sortFindings(findings);
}

export interface CheckOutcome {
  report: Report; // with rubricId set on matched indicators
  rubricMatch: RubricMatch;
  findings: Finding[];
  rubricChoice: RubricChoice; // which rubric was used and why ("乐昌 2024（27 项中 26 项匹配）")
}

/** A rubric to force, or bundled rubrics to choose from by how well the report matches them. */
export type RubricSpec = Rubric | { auto: readonly Rubric[] };

/**
 * Choose the rubric: `{ auto: rubrics }` (or the bundled default from loadRubric()) picks the bundled rubric that fits
 * the report, else none (the report's own standards and generic rules); any other rubric (--rubric FILE) is forced.
 */
export function chooseRubric(report: Report, spec: RubricSpec): RubricChoice & { match: RubricMatch } {
  if ('auto' in spec) return selectRubric(report, spec.auto);
  const candidates = bundledCandidatesOf(spec);
  return candidates ? selectRubric(report, candidates) : forceRubric(report, spec);
}

/** Choose the rubric, match the report to it and run the rules: the usual entry point for callers. */
export function checkReport(report: Report, rubric: RubricSpec, rules: readonly CheckRule[] = RULES): CheckOutcome {
  const { match: rubricMatch, ...rubricChoice } = chooseRubric(report, rubric);
  const checked = runChecks(rubricMatch.report, { rubric: rubricChoice.rubric, rubricMatch, rubricChoice }, rules);
  // Table cells, pages and sheet cells for findings on docx/pdf/xlsx reports (text files keep their line only).
  // On a scan, each finding says its numbers came from OCR (and whether its line holds an unconfirmed figure).
  const findings = withOcrNotes(withLocations(checked, rubricMatch.report), rubricMatch.report);
  return { report: rubricMatch.report, rubricMatch, findings, rubricChoice };
}
