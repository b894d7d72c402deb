import type { Report } from '../../model/index.js';

/**
 * Knowledge text (rubric notes, guide pages) is quoted about another report as general rules only: a sentence or a
 * bracketed remark about the bundled sample (乐昌, "样例就是这种情况", "样例支出率 58.48%") is left out unless the loaded
 * report is that sample.
 */
const ABOUT_SAMPLE = /样例|示例报告|乐昌/u;

/** Is the report the bundled sample (or another report of the same unit)? */
export function isSampleReport(report: Pick<Report, 'title' | 'department'> | null | undefined): boolean {
  return Boolean(report && ABOUT_SAMPLE.test(`${report.title}${report.department ?? ''}`));
}

/** The text without what it says about the sample; unchanged for the sample itself. Empty when nothing general is left. */
export function generalText(text: string, report: Pick<Report, 'title' | 'department'> | null | undefined): string {
  if (isSampleReport(report) || !ABOUT_SAMPLE.test(text)) return text;
  const withoutRemarks = text.replace(/[（(][^（）()]*(?:样例|示例报告|乐昌)[^（）()]*[）)]/gu, '');
  const sentences = withoutRemarks.split(/(?<=[。；;！？\n])/u);
  return sentences
    .map((s) => (ABOUT_SAMPLE.test(s) ? dropClauses(s) : s))
    .join('')
    .replace(/^[，,、：:\s]+/u, '')
    .trim();
}

/** A sentence's clauses that do not speak of the sample ("乐昌的计分办法未知：样例支出率 …，外地有…" → "外地有…"). */
function dropClauses(sentence: string): string {
  const clauses = sentence.split(/(?<=[，,：:])/u);
  const dropped = clauses.map((c) => ABOUT_SAMPLE.test(c) || /^(?:按比例计分应为|可见|所以|因此)/u.test(c.trim()));
  // A clause that answered a dropped one ("样例…自评 0 分，但没有成文规定…") loses its conjunction.
  const kept = clauses.filter((_c, i) => !dropped[i]).map((c) => {
    const i = clauses.indexOf(c);
    return i > 0 && dropped[i - 1] ? c.replace(/^\s*(?:但是?|而且?|且|不过)\s*/u, '') : c;
  });
  if (kept.length === clauses.length) return sentence;
  // A kept clause that only continued the sample's numbers ("可见不是简单按比例") is dropped above; keep the rest.
  const text = kept.join('').replace(/[，,：:]\s*$/u, '');
  if (text.trim() === '') return '';
  return /[。；;！？\n]$/u.test(sentence) && !/[。；;！？\n]$/u.test(text) ? `${text}${sentence.at(-1)}` : text;
}

/** A knowledge passage quoted about a report: its general part only (empty quote when nothing general is left). */
export function generalQuote<T extends { quote: string }>(passage: T, report: Pick<Report, 'title' | 'department'> | null | undefined): T {
  return { ...passage, quote: generalText(passage.quote, report) };
}
