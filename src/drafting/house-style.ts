/** House style of 自评报告: points introduced with 一是…二是…, formal register, full-width punctuation. */
const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export function ordinal(index: number): string {
  return ORDINALS[index] ?? String(index + 1);
}

/** "一是……。二是……。" as separate paragraphs. */
export function enumerate(points: readonly string[]): string {
  return points.map((p, i) => `${ordinal(i)}是${p}`).join('\n\n');
}

/** Make sure a sentence ends with a full stop. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[。！？]$/u.test(trimmed) ? trimmed : `${trimmed}。`;
}

/** The cause the report gives: from 主要是 / 原因是 / 由于 … to the end of that sentence. */
export function causeOf(reason: string | null): string | null {
  if (!reason) return null;
  const m = /(?:主要原因是|主要是由于|主要是因为|主要是|原因是|由于|因为)[^。]*/u.exec(reason);
  return m ? sentence(m[0]) : null;
}

/** How the report refers to itself: 我局 / 我委 / 我办 / 本单位 (the most frequent), default 我单位. */
export function selfName(report: { lines: readonly string[] }): string {
  const counts = new Map<string, number>();
  for (const line of report.lines) for (const m of line.matchAll(/我(?:局|委|办|院|中心|部|厅|所|站)|本单位|我单位/gu)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '我单位';
}
