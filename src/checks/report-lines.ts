import type { RelatedLine, Report } from '../model/index.js';

const MAX_QUOTE = 80;

/** A line of the original input quoted back as evidence (trimmed, shortened around `focus` when long). */
export function relatedLine(report: Pick<Report, 'lines'>, line: number, focus?: string): RelatedLine {
  const text = (report.lines[line - 1] ?? '').trim();
  if (text.length <= MAX_QUOTE) return { line, text };
  const at = focus ? Math.max(0, text.indexOf(focus)) : 0;
  const start = Math.max(0, Math.min(at - 20, text.length - MAX_QUOTE));
  return { line, text: `${start > 0 ? '…' : ''}${text.slice(start, start + MAX_QUOTE)}…` };
}

/** Related lines for several places, each line once, in order. */
export function relatedLines(report: Pick<Report, 'lines'>, places: readonly { line: number; focus?: string }[]): RelatedLine[] {
  const seen = new Set<number>();
  return [...places]
    .sort((a, b) => a.line - b.line)
    .filter((p) => (seen.has(p.line) ? false : (seen.add(p.line), true)))
    .map((p) => relatedLine(report, p.line, p.focus));
}

/** "第 43、51 行" */
export function linesText(lines: readonly number[]): string {
  return `第 ${[...new Set(lines)].sort((a, b) => a - b).join('、')} 行`;
}
