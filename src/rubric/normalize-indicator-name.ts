/**
 * Canonical forms of an indicator name for matching report indicators to the rubric:
 * full-width → half-width, whitespace, punctuation and brackets (、，（）…) dropped, a trailing 情况/指标 dropped.
 * Returns the form with bracket contents kept and, when different, the form with bracketed text removed
 * ("预决算信息（、绩效评价结果）公开性" → "预决算信息绩效评价结果公开性" and "预决算信息公开性").
 */
export function normalizeIndicatorName(name: string): string[] {
  const base = name.normalize('NFKC').toLowerCase();
  const strip = (text: string): string =>
    text.replace(/[\s\p{P}\p{S}]/gu, '').replace(/(?:情况|指标)$/u, '');
  const keep = strip(base);
  const without = strip(base.replace(/[(（［\[【][^)）］\]】]*[)）］\]】]/gu, ''));
  return without && without !== keep ? [keep, without] : [keep];
}
