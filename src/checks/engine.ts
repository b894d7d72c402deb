import { FindingSchema, type Finding, type Report, type Rubric, type Severity } from '../model/index.js';
import { matchRubric, type RubricMatch } from '../rubric/match-rubric.js';
import type { CheckContext, CheckRule } from './define-rule.js';
import { RULES } from './registry.js';

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
}

/** Match the report to the rubric and run the rules: the usual entry point for callers. */
export function checkReport(report: Report, rubric: Rubric, rules: readonly CheckRule[] = RULES): CheckOutcome {
  const rubricMatch = matchRubric(report, rubric);
  const findings = runChecks(rubricMatch.report, { rubric, rubricMatch }, rules);
  return { report: rubricMatch.report, rubricMatch, findings };
}
