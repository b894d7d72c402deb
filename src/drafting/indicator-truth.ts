import type { Finding, IndicatorNode, IndicatorValueFact, Report } from '../model/index.js';
import type { RubricMatch } from '../rubric/match-rubric.js';
import type { IndicatorVerdict } from '../rubric/indicator-verdict.js';
import { verdictOf } from '../checks/indicator-verdicts.js';
import { queryOf } from '../report/query/report-query.js';
import { placeText } from '../checks/format/place.js';
import { plain } from '../model/decimal.js';

/**
 * One truth per report for answers, drafts and comments: an indicator's verdict (checks/indicator-verdicts.ts, the
 * very verdict the score rules read), the check's own finding on its score when there is one, and its stated actual value with
 * the cell or sentence it was read from. Numbers of a standard never appear here as the actual value.
 */
export interface TruthSource {
  report: Report;
  findings: readonly Finding[];
  rubricMatch: RubricMatch;
}

/** Rules whose findings say what an indicator's score should be. */
const SCORE_RULES = new Set(['score/own-standard', 'score/rubric-rule', 'formula/budget-execution', 'score/within-weight']);

export interface IndicatorTruth {
  verdict: IndicatorVerdict;
  /** The check's finding on this score (error or warning with the expected value), which the answer must repeat. */
  scoreFinding: Finding | null;
  actual: StatedValue | null;
}

/** A value the report states, with where a person finds it ("自评表!G5", "表 1 第 5 行第 7 列", "第 12 行"). */
export interface StatedValue {
  text: string; // "88.3%", "5200件"
  place: string;
  label: string; // "实际完成值", "扣分原因", "说明", "执行率"
  quote: string; // the cell or sentence it was read from
  line: number;
}

const LABEL: Record<IndicatorValueFact['from'], string> = {
  'actual-column': '实际完成值',
  'target-column': '年度指标值',
  'reason-cell': '扣分原因',
  'evidence-sentence': '说明',
  'budget-row': '执行率',
};

function valueText(value: string, unit: string): string {
  return `${value}${unit}`;
}

/** The stated actual value from the report model's fact (report/ recognises it; null when it states none). */
function fromFact(report: Report, fact: IndicatorValueFact): StatedValue | null {
  if (fact.value === null) return null;
  const location = fact.location ?? queryOf(report).locate(fact.line);
  return { text: valueText(fact.value, fact.unit), place: placeText(location, fact.line), label: LABEL[fact.from], quote: fact.text, line: fact.line };
}

/**
 * The cell (or line) of a node's rows that states `text`, outside its 评分标准 cell; null when none does.
 * Used when the model carries no `actual` fact yet: the value itself still comes from the verdict's measurement.
 */
function locateValue(report: Report, node: IndicatorNode, value: string, label: string): StatedValue | null {
  const q = queryOf(report);
  const last = Math.max(q.lastLineOf(node), node.line);
  const standard = node.standard?.normalize('NFKC').replace(/\s+/gu, '');
  const wanted = new RegExp(`(?<![\\d.])${value.replace('.', '\\.')}\\s*[%％]`, 'u');
  for (let line = node.line; line <= last; line += 1) {
    const text = report.lines[line - 1] ?? '';
    let offset = 0;
    for (const cell of text.split('\t')) {
      const clean = cell.normalize('NFKC').replace(/\s+/gu, '');
      if (wanted.test(cell.normalize('NFKC')) && clean !== standard) {
        return { text: `${value}%`, place: placeText(q.locate(line, offset + 1), line), label, quote: cell.trim(), line };
      }
      offset += cell.length + 1;
    }
  }
  return null;
}

const FROM_LABEL: Record<string, string> = { column: '实际完成值', reason: '扣分原因', evidence: '说明', formula: '按公式计算' };

/** The indicator's stated actual value: the model's fact, else the rate its verdict measured, located in the rows. */
export function statedActualOf(report: Report, node: IndicatorNode, verdict?: IndicatorVerdict): StatedValue | null {
  if (node.actual !== undefined) return node.actual === null ? null : fromFact(report, node.actual);
  const rate = verdict && verdict.kind !== 'not-computable' ? verdict.measured.rate : undefined;
  if (rate && rate.from !== 'formula') return locateValue(report, node, plain(rate.value), FROM_LABEL[rate.from ?? 'evidence'] ?? '说明');
  const measure = node.measures?.find((m) => /实际完成值|实际完成|完成值|实际值/u.test(m.label) && /\d/u.test(m.text));
  if (measure) {
    const location = measure.location ?? queryOf(report).locate(measure.line);
    return { text: measure.text.trim(), place: placeText(location, measure.line), label: measure.label, quote: measure.text.trim(), line: measure.line };
  }
  return null;
}

/** Verdict, the check's score finding and the stated actual value of one indicator. */
export function indicatorTruth(source: TruthSource, node: IndicatorNode): IndicatorTruth {
  const verdict = verdictOf(source.report, node, source.rubricMatch);
  // A finding names its indicator, or (the national form's budget block) sits on the indicator's own row.
  const about = (f: Finding) => f.indicatorId === node.id || (f.indicatorId === undefined && (f.line === node.line || f.line === node.scoreLine));
  // Its expected value is a score ("9.5", "3–4"), not a rate the same rule corrects ("95%").
  const scoreFinding = source.findings.find((f) => about(f) && SCORE_RULES.has(f.ruleId) && f.severity !== 'info' && /^\d+(?:\.\d+)?(?:[–-]\d+(?:\.\d+)?)?$/u.test(f.expected ?? '')) ?? null;
  return { verdict, scoreFinding, actual: statedActualOf(source.report, node, verdict) };
}

/** Where a node is, as a person finds it: its row or heading. */
export function nodePlace(report: Report, node: IndicatorNode): string {
  return placeText(node.location ?? queryOf(report).locate(node.line), node.line);
}
