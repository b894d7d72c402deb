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

/**
 * A place's statement: the text of its line and its column. Two places with the same key are the same sentence
 * written again verbatim (a passage repeated in the report), not two different facts.
 */
function statementKey(report: Pick<Report, 'lines'>, place: { line: number; column?: number }): string {
  return `${place.column ?? 0}\u0000${report.lines[place.line - 1] ?? ''}`;
}

/**
 * Places grouped by statement (see statementKey), groups in order of their first occurrence, each group ordered by
 * line. Built once per list of places, so that many lookups against it stay linear in the report's size.
 */
export class RepeatedStatements<T extends { line: number; column?: number }> {
  readonly groups: T[][];

  /** `keyOf` says which places are the same statement (default: the same line text at the same column). */
  constructor(report: Pick<Report, 'lines'>, places: readonly T[], keyOf: (place: T) => string = (place) => statementKey(report, place)) {
    const byKey = new Map<string, T[]>();
    for (const place of places) {
      const key = keyOf(place);
      const group = byKey.get(key);
      if (group) group.push(place);
      else byKey.set(key, [place]);
    }
    this.groups = [...byKey.values()].map((g) => [...g].sort((a, b) => a.line - b.line));
  }

  /** The first occurrence of every statement, in order of first occurrence. */
  firsts(): T[] {
    return this.groups.map((g) => g[0]!);
  }

  /** Of every statement, the occurrence nearest to `line` (the earlier one when two are equally near). */
  nearestTo(line: number): T[] {
    return this.groups.map((g) => {
      let low = 0;
      let high = g.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (g[middle]!.line < line) low = middle + 1;
        else high = middle;
      }
      const after = g[low];
      const before = g[low - 1];
      if (!before) return after!;
      if (!after) return before;
      return line - before.line <= after.line - line ? before : after;
    });
  }
}
