import { defineRule } from '../../define-rule.js';
import { dec, plain, sum } from '../../decimal.js';
import { coreSubject } from '../../figure-query.js';
import { relatedLine, relatedLines } from '../../report-lines.js';
import type { Figure, Finding, RelatedLine, Report } from '../../../model/index.js';

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
  const people = report.figures.filter((f) => PEOPLE.has(f.unit) && !/预算/u.test(f.subject));
  const parts = people.filter((f) => measure.part.test(f.subject));
  const totals = people.filter((f) => measure.total.test(f.subject) && !measure.part.test(f.subject));
  if (parts.length === 0) return [];
  const partsSum = sum(parts.map((f) => f.value));
  // The same for every total: built once, so many totals against many parts stay cheap.
  const partsText = describe(parts);
  const partsFormula = `${parts.map((p) => p.value).join(' + ')} = ${plain(partsSum)}`;
  const hasWorkers = parts.some((p) => /工勤/u.test(p.subject));
  const partsRelated = relatedLines(report, parts.map((f) => ({ line: f.line, focus: f.value })));
  const partLines = new Set(partsRelated.map((r) => r.line));
  /** relatedLines(report, [...parts, t]): the parts' lines with t's line added in order unless a part is on it. */
  const relatedWith = (t: Figure): RelatedLine[] => {
    const copy = partsRelated.map((r) => ({ ...r }));
    if (partLines.has(t.line)) return copy;
    const at = copy.findIndex((r) => r.line > t.line);
    copy.splice(at < 0 ? copy.length : at, 0, relatedLine(report, t.line, t.value));
    return copy;
  };
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
