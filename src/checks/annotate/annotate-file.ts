import { extname } from 'node:path';
import type { Finding, Report } from '../../model/index.js';
import { annotateDocx, type AnnotateOutcome } from './annotate-docx.js';
import { annotateText } from './annotate-text.js';
import { annotateXlsx } from './annotate-xlsx.js';
import { annotatedFindings } from './comment-text.js';

export type { AnnotateOutcome } from './annotate-docx.js';

/**
 * The annotated copy for reviewers: .docx → the user's own document with Word comments; .xlsx → the workbook with
 * cell notes; .txt/.md/.pdf → a .docx of the text with comments. Only errors and warnings get a comment.
 */
export async function annotateReport(name: string, bytes: Uint8Array, report: Report, findings: readonly Finding[], now = new Date()): Promise<AnnotateOutcome> {
  const chosen = annotatedFindings(findings);
  const extension = extname(name).toLowerCase();
  if (extension === '.docx') return annotateDocx(bytes, chosen, report, now);
  if (extension === '.xlsx') return annotateXlsx(bytes, chosen, report);
  return annotateText(report, chosen, now);
}

/** The file name the annotated copy should have for an input: xlsx stays xlsx, everything else becomes .docx. */
export function annotatedExtension(name: string): '.docx' | '.xlsx' {
  return extname(name).toLowerCase() === '.xlsx' ? '.xlsx' : '.docx';
}
