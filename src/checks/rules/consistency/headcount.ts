import { defineRule } from '../../define-rule.js';
import { dec, plain, sum } from '../../../model/decimal.js';
import { coreSubject } from '../../../report/figure-words.js';
import { RepeatedStatements, relatedLines } from '../../report-lines.js';
import { STATED_VALUE_ROLES, type Figure, type Finding, type RelatedLine, type Report } from '../../../model/index.js';

const ID = 'consistency/headcount';
const PEOPLE = new Set(['人', '名']);

interface Measure {
  what: string; // 编制 / 在编人员
  part: RegExp;
  total: RegExp;
}

const MEASURES: Measure[] = [
  { what: '编制数', part: /(?:行政|事业|工勤|参公)编制$/u, total: /(?:核定)?编制(?:数|总数|人数)$/u },
  { what: '在编（在职）人数', part: /现有(?:干部职工|人员|在编人员|职工)$|实有(?:人员|人数)$/u, total: /(?:在编|在职)(?:人员|人数)(?:合计|总数)?$/u },
];

function describe(figures: readonly Figure[]): string {
  return figures.map((f) => `${coreSubject(f.subject)} ${f.value} ${f.unit}`).join(' + ');
}

function check(report: Report, measure: Measure): Finding[] {
  // Stated counts only: a 年度指标值 "≥3万人" or a standard's threshold is not a headcount.
  const people = report.figures.filter((f) => PEOPLE.has(f.unit) && STATED_VALUE_ROLES.has(f.role) && !/预算/u.test(f.subject));
  const allParts = people.filter((f) => measure.part.test(f.subject));
  const totals = people.filter((f) => measure.total.test(f.subject) && !measure.part.test(f.subject));
  if (allParts.length === 0) return [];
  // A sentence written again verbatim (a passage repeated) states the same unit's headcount, not another unit's:
  // each part counts once, and a total is compared with (and quotes) the occurrences nearest to it.
  const repeated = new RepeatedStatements(report, allParts);
  const parts = repeated.firsts();
  const partsSum = sum(parts.map((f) => f.value));
  // The same for every total: built once, so many totals against many parts stay cheap.
  const partsText = describe(parts);
  const partsFormula = `${parts.map((p) => p.value).join(' + ')} = ${plain(partsSum)}`;
  const hasWorkers = parts.some((p) => /工勤/u.test(p.subject));
  /** relatedLines(report, [...parts nearest to t, t]). */
  const relatedWith = (t: Figure): RelatedLine[] =>
    relatedLines(report, [...repeated.nearestTo(t.line), t].map((f) => ({ line: f.line, focus: f.value })));
  return totals
    .filter((t) => !dec(t.value).eq(partsSum))
    .map((t) => {
      const difference = dec(t.value).minus(partsSum);
      const note = /工勤/u.test(t.raw) && !hasWorkers
        ? `；第 ${t.line} 行注明“含工勤”，而分单位的数字没有列出工勤编制，差额可能就是工勤编制，请在报告中写明`
        : '';
      return {
        ruleId: ID, severity: 'warning' as const, line: t.line, column: t.column, sectionPath: t.sectionPath,
        message: `${measure.what}前后对不上：分单位合计 ${partsText} = ${plain(partsSum)} 名，而第 ${t.line} 行写${coreSubject(t.subject)} ${t.value} ${t.unit}，相差 ${plain(difference.abs())} 名${note}。`,
        expected: plain(partsSum), actual: t.value, formula: partsFormula,
        related: relatedWith(t),
      };
    });
}

export default defineRule({
  id: ID,
  title: '人员和编制数前后一致',
  description: '分单位列出的编制数、在编人数之和，应等于报告其他地方写的编制总数、在编人员总数（如人员管理指标中的数字）。',
  severity: 'warning',
  check(report) {
    return MEASURES.flatMap((m) => check(report, m));
  },
});
