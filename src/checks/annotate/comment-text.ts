import type { Finding } from '../../model/index.js';
import { SEVERITY_LABEL } from '../summary.js';

/** The paragraphs of a reviewer's comment for one finding: the message, expected vs actual, the formula, the rule. */
export function commentParagraphs(finding: Finding): string[] {
  const lines = [`【${SEVERITY_LABEL[finding.severity]}】${finding.message}`];
  const compared = [finding.expected ? `应为 ${finding.expected}` : null, finding.actual ? `报告 ${finding.actual}` : null].filter(Boolean);
  if (compared.length > 0) lines.push(compared.join('；'));
  if (finding.formula) lines.push(`算式：${finding.formula}`);
  lines.push(`（selfeval 检查规则 ${finding.ruleId}）`);
  return lines;
}

/** Findings a reviewer gets a comment for: errors and warnings (notes stay in the check output). */
export function annotatedFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
}
