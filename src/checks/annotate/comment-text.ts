import type { Finding, Report } from '../../model/index.js';
import { SEVERITY_LABEL } from '../summary.js';
import { placeText } from '../format/place.js';

type Places = Pick<Report, 'lineLocations'> | null | undefined;

/** A report line as a Word/Excel user finds it: a table cell or row ("表 2 第 5 行", "自评表!F9"), else null. */
function findablePlace(report: Places, line: number): string | null {
  const location = report?.lineLocations?.[line - 1];
  if (!location || (!location.table && !location.sheet)) return null;
  return placeText(location, line);
}

/**
 * A finding's text with its line numbers in terms a reviewer can find in the annotated file: a table place where the
 * line is a table row, nothing where it is the line the comment is anchored on ("此处"), and "另一处" for another
 * paragraph (a Word user cannot count to "第 185 行").
 */
export function inCommentTerms(text: string, finding: Pick<Finding, 'line'>, report: Places): string {
  // One pass: a place written here is never read again as a line number ("表 1 第 2 行" stays).
  return text.replace(/[（(]第\s*([\d、,，\s]+)\s*行(?:等共\s*\d+\s*处)?[）)]|第\s*(\d+)\s*行(?!第)/gu, (_whole, list: string | undefined, one: string | undefined) => {
    if (list !== undefined) {
      const places = list.split(/[、,，\s]+/u).filter(Boolean).map(Number).filter((n) => n !== finding.line).map((n) => findablePlace(report, n));
      const found = places.filter((p): p is string => p !== null);
      return found.length > 0 && found.length === places.length ? `（${found.join('、')}）` : '';
    }
    const line = Number(one);
    if (line === finding.line) return '此处';
    return findablePlace(report, line) ?? '另一处';
  });
}

/** The paragraphs of a reviewer's comment for one finding: the message, expected vs actual, the formula. */
export function commentParagraphs(finding: Finding, report?: Places): string[] {
  const lines = [`【${SEVERITY_LABEL[finding.severity]}】${inCommentTerms(finding.message, finding, report)}`];
  const compared = [finding.expected ? `应为 ${finding.expected}` : null, finding.actual ? `报告 ${finding.actual}` : null].filter(Boolean);
  if (compared.length > 0) lines.push(compared.join('；'));
  if (finding.formula && !finding.message.includes(finding.formula)) lines.push(`算式：${inCommentTerms(finding.formula, finding, report)}`);
  return lines;
}

/** Findings a reviewer gets a comment for: errors and warnings (notes stay in the check output). */
export function annotatedFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
}
