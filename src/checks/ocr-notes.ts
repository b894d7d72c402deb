import type { Finding, Report } from '../model/index.js';
import { UNCONFIRMED } from '../document/ocr-marks.js';

const FROM_RECOGNITION = '（此项的文字和数字由 OCR 识别得到，须与扫描原件核对）';
const UNCONFIRMED_ON_LINE = '（此项所在行有 OCR 未能确认的数字，结论可能因识别错误而不成立，须与扫描原件核对）';

/**
 * On a scanned report (report.source.ocr) every finding says that its numbers came from recognition and must be checked
 * against the scan — in every output (text, JSON, Markdown, Word comments, answers), not only in a header line — and a
 * finding on a line holding a figure no reading could confirm says so.
 */
export function withOcrNotes(findings: readonly Finding[], report: Report): Finding[] {
  if (!report.source.ocr) return [...findings];
  return findings.map((finding) => {
    const line = report.lines[finding.line - 1] ?? '';
    const note = line.includes(UNCONFIRMED) ? UNCONFIRMED_ON_LINE : FROM_RECOGNITION;
    return finding.message.endsWith(note) ? finding : { ...finding, message: `${finding.message}${note}` };
  });
}
