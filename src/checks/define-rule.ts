import type { Finding, Report, Rubric, Severity } from '../model/index.js';
import type { RubricMatch } from '../rubric/match-rubric.js';
import type { RubricChoice } from '../rubric/select-rubric.js';

/**
 * What every rule may read besides the report: the rubric and how the report's indicators matched it. When no bundled
 * rubric fits the report, `rubric` is REPORT_OWN_RUBRIC (no indicators) and `rubricMatch` matches nothing.
 */
export interface CheckContext {
  rubric: Rubric;
  rubricMatch: RubricMatch;
  rubricChoice?: RubricChoice; // how the rubric was chosen (absent when a caller runs rules directly)
}

/**
 * A check rule: one file under checks/rules/<group>/<name>.ts whose `id` equals that path ("score/within-weight").
 * `check` is pure: no I/O, no clock, no LLM. `severity` is the most serious severity the rule emits.
 */
export interface CheckRule {
  id: string;
  title: string; // Chinese, short: "得分不超过分值"
  description: string; // Chinese, one sentence: what is checked and why
  severity: Severity;
  check(report: Report, context: CheckContext): Finding[];
}

export function defineRule(rule: CheckRule): CheckRule {
  return Object.freeze(rule);
}
