import type { DeductionRule, Report } from '../../model/index.js';

/**
 * Knowledge text (rubric notes, guide pages) is quoted about another report as general rules only: a sentence or a
 * bracketed remark about the bundled sample (乐昌, "样例就是这种情况", "样例支出率 58.48%") is left out unless the loaded
 * report is that sample.
 */
const ABOUT_SAMPLE = /样例|示例报告|乐昌/u;
const SAMPLE_REMARK = /[（(][^（）()]*(?:样例|示例报告|乐昌)[^（）()]*[）)]/gu;

/** Is the report the bundled sample (or another report of the same unit)? */
export function isSampleReport(report: Pick<Report, 'title' | 'department'> | null | undefined): boolean {
  return Boolean(report && ABOUT_SAMPLE.test(`${report.title}${report.department ?? ''}`));
}

/** The text without what it says about the sample; unchanged for the sample itself. Empty when nothing general is left. */
export function generalText(text: string, report: Pick<Report, 'title' | 'department'> | null | undefined): string {
  if (isSampleReport(report) || !ABOUT_SAMPLE.test(text)) return text;
  const remarks = text.match(SAMPLE_REMARK) ?? [];
  const withoutRemarks = text.replace(SAMPLE_REMARK, '');
  const sentences = withoutRemarks.split(/(?<=[。；;！？\n])/u);
  // The sample's own figures ("样例支出率 58.48%"): a later sentence that works with them ("应得 58.48% × 6 = 3.51 分")
  // is about the sample too, though it does not name it.
  const sampleFigures = new Set(remarks.flatMap(decimalsOf));
  return sentences
    .map((s) => {
      if (decimalsOf(s).some((d) => sampleFigures.has(d))) return '';
      if (!ABOUT_SAMPLE.test(s)) return s;
      const kept = dropClauses(s);
      const keptFigures = decimalsOf(kept);
      decimalsOf(s).filter((d) => !keptFigures.includes(d)).forEach((d) => sampleFigures.add(d));
      return kept;
    })
    .join('')
    .replace(/^[，,、：:\s]+/u, '')
    .trim();
}

/** The decimal figures in a text (58.48, 3.51): whole numbers (100%, 6 分) are too common to mark a text as the sample's. */
function decimalsOf(text: string): string[] {
  return text.match(/\d+\.\d+/gu) ?? [];
}

/** A sentence's clauses that do not speak of the sample ("乐昌的计分办法未知：样例支出率 …，外地有…" → "外地有…"). */
function dropClauses(sentence: string): string {
  const clauses = sentence.split(/(?<=[，,：:])/u);
  // A conclusion drawn about the sample ("…，所以乐昌用的不是简单按比例，…") makes the whole sentence its reasoning.
  if (clauses.some((c) => ABOUT_SAMPLE.test(c) && /^\s*(?:所以|可见|因此|由此)/u.test(c))) return '';
  // What a label about the sample introduces ("样例的做法：执行率 …自评 0 分，即…") is the sample's case to the end.
  const label = clauses.findIndex((c) => /^[-•\s]*(?:样例|示例报告|乐昌)[^，,：:]{0,5}[：:]$/u.test(c));
  if (label >= 0) return clauses.slice(0, label).join('').replace(/^[-•\s]*$/u, '');
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

/**
 * A rubric rule's text said about a report: its general part for another report; for the sample, what the sample shows
 * first (the sources' notes, "样例执行率 107.15%（超预算）自评 0 分…"), which the rubric keeps beside the rule.
 */
export function ruleText(rule: Pick<DeductionRule, 'description' | 'sources'> | null | undefined, report: Pick<Report, 'title' | 'department'> | null | undefined): string {
  if (!rule) return '';
  if (!isSampleReport(report)) return generalText(rule.description, report);
  const notes = rule.sources.map((s) => s.note ?? '').filter((note) => ABOUT_SAMPLE.test(note));
  // The sample's own case first: a short answer keeps only the first sentences of a line.
  return notes.length === 0 ? rule.description : `${notes.join('；')}。${rule.description}`;
}

/** A knowledge passage quoted about a report: its general part only (empty quote when nothing general is left). */
export function generalQuote<T extends { quote: string }>(passage: T, report: Pick<Report, 'title' | 'department'> | null | undefined): T {
  return { ...passage, quote: generalText(passage.quote, report) };
}
