import type { Finding, Report } from '../../model/index.js';
import type { Computation } from '../../model/computation.js';
import { extractNumbers, canonicalUnit, normalizeValue } from './extract-numbers.js';

/** Where a number may come from. `label` is shown to people and in draft `numbers[].source`: "line 113". */
export interface EvidenceItem {
  value: string; // normalised decimal
  unit: string; // canonical unit, "" when none
  label: string;
  rounded: boolean; // a computed exact value: a mention matches when it equals it rounded to the mention's decimals
  operands?: string[]; // for a computation: the values it was computed from (normalised), to tell which one a text shows
  context: string; // Han characters written just before the number: picks the best source when several match
}

/** The Han characters of the few characters before `index`: what a number is about ("政府采购预算"). */
export function contextBefore(text: string, index: number, size = 12): string {
  return text.slice(Math.max(0, index - size), index).replace(/[^\p{Script=Han}]/gu, '');
}

/** A cited passage as sent with the reply. */
export interface QuotedPassage {
  source: string;
  quote: string;
  line?: number;
}

/** Everything a message may draw its numbers from in one turn. */
export interface Evidence {
  items: EvidenceItem[];
  /** Lines that exist in the loaded report (0 when no report). */
  reportLineCount: number;
  /** Lines named by citations and findings (valid "第 N 行" even without a report). */
  knownLines: Set<number>;
  /** Lines of other documents that citations quote, by document ("farm-2023.docx" → {6, 12}). */
  citedLines?: Map<string, Set<number>>;
}

export function emptyEvidence(): Evidence {
  return { items: [], reportLineCount: 0, knownLines: new Set() };
}

function itemsOfText(text: string, label: string): EvidenceItem[] {
  return extractNumbers(text).map((m) => ({ value: m.value, unit: m.unit, label, rounded: false, context: contextBefore(text, m.index) }));
}

const reportCache = new WeakMap<Report, EvidenceItem[]>();

/** Numbers of the report: every line as written, the parsed figures, weights, scores, bonus and stated totals. */
function reportItems(report: Report): EvidenceItem[] {
  const cached = reportCache.get(report);
  if (cached) return cached;
  const items: EvidenceItem[] = [];
  report.lines.forEach((line, i) => items.push(...itemsOfText(line, `line ${i + 1}`)));
  for (const p of report.paragraphs) items.push(...itemsOfText(p.text, `line ${p.line}`));
  for (const f of report.figures) {
    items.push({ value: normalizeValue(f.value), unit: canonicalUnit(f.unit), label: `line ${f.line}`, rounded: false, context: f.subject });
  }
  const visit = (nodes: Report['indicators']) => {
    for (const n of nodes) {
      if (n.weight !== null) {
        items.push({ value: normalizeValue(String(n.weight)), unit: '分', label: `line ${n.line}`, rounded: false, context: `${n.name}分值` });
      }
      if (n.score !== null) {
        const label = `line ${n.scoreLine ?? n.line}`;
        items.push({ value: normalizeValue(String(n.score)), unit: '分', label, rounded: false, context: `${n.name}自评得分` });
      }
      visit(n.children);
    }
  };
  visit(report.indicators);
  if (report.bonus) {
    items.push({ value: normalizeValue(String(report.bonus.score)), unit: '分', label: `line ${report.bonus.line}`, rounded: false, context: '加减分项加分' });
  }
  for (const t of report.statedTotals) {
    items.push({ value: normalizeValue(String(t.value)), unit: '分', label: `line ${t.line}`, rounded: false, context: '自评总分结果得分' });
  }
  reportCache.set(report, items);
  return items;
}

export interface EvidenceInput {
  report?: Report | null;
  findings?: readonly Finding[];
  citations?: readonly QuotedPassage[];
  computations?: readonly Computation[];
  /** The user's own words: numbers the user wrote may be repeated back. */
  question?: string;
  /** Other texts the reply quotes verbatim (e.g. a rubric rule), each with its label. */
  texts?: readonly { text: string; label: string }[];
}

export function buildEvidence(input: EvidenceInput): Evidence {
  const items: EvidenceItem[] = [];
  const knownLines = new Set<number>();
  const citedLines = new Map<string, Set<number>>();
  if (input.report) items.push(...reportItems(input.report));
  for (const f of input.findings ?? []) {
    const label = `finding ${f.ruleId} (line ${f.line})`;
    knownLines.add(f.line);
    for (const text of [f.message, f.expected, f.actual, f.formula]) if (text) items.push(...itemsOfText(text, label));
    for (const r of f.related ?? []) {
      knownLines.add(r.line);
      items.push(...itemsOfText(r.text, `line ${r.line}`));
    }
  }
  for (const c of input.citations ?? []) {
    if (c.line !== undefined) {
      knownLines.add(c.line);
      citedLines.set(c.source, (citedLines.get(c.source) ?? new Set()).add(c.line));
    }
    items.push(...itemsOfText(c.quote, c.line !== undefined ? `${c.source} line ${c.line}` : c.source));
  }
  for (const c of input.computations ?? []) {
    const label = `computed: ${c.expression}`;
    const left = c.expression.split('=')[0] ?? '';
    const operands = extractNumbers(left).map((m) => m.value);
    items.push({ value: normalizeValue(trimExact(c.result)), unit: canonicalUnit(c.unit), label, rounded: true, context: '', operands });
    items.push(...itemsOfText(c.expression, `computed: ${c.expression}`));
  }
  if (input.question) items.push(...itemsOfText(input.question, 'question'));
  for (const t of input.texts ?? []) items.push(...itemsOfText(t.text, t.label));
  return { items, reportLineCount: input.report?.lines.length ?? 0, knownLines, citedLines };
}

/** Absolute value of a decimal string without exponent: "-23.716…" → "23.716…". */
function trimExact(result: string): string {
  return result.replace(/^[-−]/u, '');
}
