import type { Finding, Report } from '../../model/index.js';
import { annotateDocx, type AnnotateOutcome } from './annotate-docx.js';

/**
 * For a .txt/.md/.pdf report: a .docx of its text, one paragraph per line (so line N is body paragraph N), with the
 * comments on the lines the findings name.
 */
export async function annotateText(report: Pick<Report, 'lines' | 'title'>, findings: readonly Finding[], now = new Date()): Promise<AnnotateOutcome> {
  const { Document, Packer, Paragraph, TextRun } = await import('docx');
  const document = new Document({
    creator: 'selfeval',
    title: report.title,
    styles: { default: { document: { run: { font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312' }, size: 28 } } } },
    sections: [{ children: report.lines.map((line) => new Paragraph({ children: line === '' ? [] : [new TextRun(line)] })) }],
  });
  const bytes = await Packer.toBuffer(document);
  const located = findings.map((f) => ({ ...f, location: { paragraph: f.line } }));
  return annotateDocx(bytes, located, { lines: report.lines }, now);
}
