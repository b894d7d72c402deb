import type { Figure, IndicatorNode, Paragraph, Report } from '../model/index.js';

/** Units that are dates or codes, not quantities. */
const NOT_QUANTITY_UNITS = new Set(['年', '月', '日']);

export function isQuantity(figure: Figure): boolean {
  return !NOT_QUANTITY_UNITS.has(figure.unit);
}

/** Is this a rate or ratio as written (unit % or a bare decimal after 比率/比例/率)? */
export function isRateFigure(figure: Figure): boolean {
  return figure.unit === '%' || (figure.unit === '' && /(?:率|比例|比率|比值)[≤≥<>]?$/u.test(figure.subject));
}

/** A figure written as a bound, e.g. "比率≤100%": the subject ends with ≤ / 不超过 … */
export function boundOf(figure: Figure): 'max' | 'min' | null {
  if (/(?:≤|<|不超过|不高于|不大于|以内)$/u.test(figure.subject)) return 'max';
  if (/(?:≥|>|不低于|不少于|不小于)$/u.test(figure.subject)) return 'min';
  return null;
}

/** Last original line of an indicator's own text (its evidence), or its score/heading line. */
function lastLineOf(node: IndicatorNode): number {
  return node.evidenceLines?.[1] ?? node.scoreLine ?? node.line;
}

/** The figures written in an indicator's own text (heading to last evidence line), excluding the 分 of weight/score. */
export function figuresOf(report: Pick<Report, 'figures'>, node: IndicatorNode): Figure[] {
  const last = lastLineOf(node);
  return report.figures.filter((f) => f.line >= node.line && f.line <= last && f.unit !== '分' && isQuantity(f));
}

/** The paragraph holding an original line. */
export function paragraphAt(report: Pick<Report, 'paragraphs'>, line: number): Paragraph | undefined {
  return report.paragraphs.find((p) => p.line <= line && line <= p.endLine);
}

/** Offset of a figure inside its paragraph's normalised text. */
export function offsetInParagraph(paragraph: Paragraph, figure: Figure): number {
  const segment = paragraph.segments.find((s) => s.line === figure.line);
  return (segment?.offset ?? 0) + figure.column - 1;
}

/** Figures of one paragraph with their offsets, in reading order. */
export function paragraphFigures(report: Pick<Report, 'figures'>, paragraph: Paragraph): { figure: Figure; offset: number }[] {
  return report.figures
    .filter((f) => f.line >= paragraph.line && f.line <= paragraph.endLine)
    .map((figure) => ({ figure, offset: offsetInParagraph(paragraph, figure) }))
    .sort((a, b) => a.offset - b.offset);
}

const LEADING_QUALIFIERS = /^(?:\d{4}年度?|全年|本年度|本年|年度|今年|当年|我局|我单位|本单位|本部门|我部门|全市|我市|本市|全乐昌|目前|截至目前|共|合计)+/u;

/** A subject without leading time/owner words: "本年度我局预算资金支出率" → "预算资金支出率". */
export function coreSubject(subject: string): string {
  return subject.replace(/[“”"'‘’]/gu, '').replace(/^[一二三四五六七八九十]+是/u, '').replace(LEADING_QUALIFIERS, '');
}

/** "65.02 万元" */
export function figureText(figure: Figure): string {
  return `${figure.value}${figure.unit === '' ? '' : ` ${figure.unit}`}`;
}
