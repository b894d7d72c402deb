import { readFileSync } from 'node:fs';
import type { CheckRule } from '../../src/checks/define-rule.js';
import type { Finding, Report, Rubric } from '../../src/model/index.js';
import { parseReportText } from '../../src/report/parse-report.js';
import { DEFAULT_RUBRIC_PATH, parseRubricText } from '../../src/rubric/load-rubric.js';
import { matchRubric } from '../../src/rubric/match-rubric.js';
import { mutateSampleLine, readSampleReportText } from '../helpers/sample-report.js';

/** The bundled rubric, read once per test file. */
export const BUNDLED_RUBRIC: Rubric = (() => {
  const parsed = parseRubricText(readFileSync(DEFAULT_RUBRIC_PATH, 'utf8'), DEFAULT_RUBRIC_PATH);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.rubric;
})();

export const SAMPLE_TEXT = readSampleReportText();

export function parseText(text: string): Report {
  const parsed = parseReportText(text, { name: 'lechang-2024-self-eval.txt' });
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join(' '));
  return parsed.report;
}

/** The sample with one substitution on one original line (throws when `from` is not on that line). */
export function sampleWith(...edits: [line: number, from: string, to: string][]): string {
  return edits.reduce((text, [line, from, to]) => mutateSampleLine(text, line, from, to), SAMPLE_TEXT);
}

/** Run one rule directly (exceptions surface in the test) on report text, with the bundled rubric matched. */
export function runRule(rule: CheckRule, text: string = SAMPLE_TEXT, rubric: Rubric = BUNDLED_RUBRIC): Finding[] {
  const rubricMatch = matchRubric(parseText(text), rubric);
  return rule.check(rubricMatch.report, { rubric, rubricMatch });
}

export function bySeverity(findings: readonly Finding[], severity: Finding['severity']): Finding[] {
  return findings.filter((f) => f.severity === severity);
}
