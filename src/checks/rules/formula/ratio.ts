import { defineRule } from '../../define-rule.js';
import { dec, decimalsOf, format, matchesStated, percent, ratio } from '../../../model/decimal.js';
import { coreSubject, figureText } from '../../../report/figure-words.js';
import { queryOf } from '../../../report/query/report-query.js';
import { findRatioStatements, type RateStatement } from '../../rate-statements.js';
import { relatedLines } from '../../report-lines.js';
import type { Finding, Report } from '../../../model/index.js';

const ID = 'formula/ratio';
const NOT_OVER_BUDGET = /不超预算|未超预算|没有超预算|不超过预算|未超过预算|≤预算|<预算/gu;
const MONEY = new Set(['万元', '元', '亿元']);

function formulaOf(s: RateStatement, shown: string): string {
  return `${s.numerator.value} ÷ ${s.denominator.value}${s.unit === '%' ? ' × 100%' : ''} = ${shown}`;
}

function checkStatement(report: Report, s: RateStatement): Finding | null {
  const exact = s.unit === '%' ? percent(s.numerator.value, s.denominator.value) : ratio(s.numerator.value, s.denominator.value);
  if (exact === null) return null;
  const places = Math.max(2, decimalsOf(s.stated.value));
  const shown = `${format(exact, places)}${s.unit === '%' ? '%' : ''}`;
  const related = relatedLines(report, [s.numerator, s.denominator, s.stated].map((f) => ({ line: f.line, focus: f.value })));
  const base = { ruleId: ID, severity: 'error' as const, line: s.stated.line, column: s.stated.column, sectionPath: s.stated.sectionPath, formula: formulaOf(s, shown), related };
  const inputs = `${coreSubject(s.numerator.subject)} ${figureText(s.numerator)} ÷ ${coreSubject(s.denominator.subject)} ${figureText(s.denominator)}`;
  if (s.bound) {
    const ok = s.bound === 'max' ? exact.lte(s.stated.value) : exact.gte(s.stated.value);
    if (ok) return null;
    return { ...base, message: `报告写“${s.stated.subject}${s.stated.value}${s.stated.unit}”，但 ${inputs} = ${shown}，并不${s.bound === 'max' ? '≤' : '≥'} ${s.stated.value}${s.stated.unit}。`, expected: shown, actual: `${s.stated.subject}${s.stated.value}${s.stated.unit}` };
  }
  if (matchesStated(s.stated.value, exact)) return null;
  return {
    ...base,
    message: `报告写${coreSubject(s.stated.subject)}为 ${s.stated.value}${s.stated.unit}，但 ${inputs} = ${shown}，按写法保留 ${decimalsOf(s.stated.value)} 位应为 ${format(exact, decimalsOf(s.stated.value))}${s.unit === '%' ? '%' : ''}。`,
    expected: `${format(exact, decimalsOf(s.stated.value))}${s.unit === '%' ? '%' : ''}`, actual: `${s.stated.value}${s.stated.unit}`,
  };
}

/** "决算数 17.40 万元…不超预算": the nearest budget/actual pair before the claim must satisfy actual ≤ budget. */
function notOverBudgetClaims(report: Report): Finding[] {
  const findings: Finding[] = [];
  for (const paragraph of report.paragraphs) {
    if (!paragraph.text.includes('预算')) continue; // every claim names the budget
    const claims = [...paragraph.text.matchAll(NOT_OVER_BUDGET)];
    if (claims.length === 0) continue;
    const figures = queryOf(report).paragraphFigures(paragraph).filter((f) => MONEY.has(f.figure.unit));
    for (const m of claims) {
      const before = figures.filter((f) => f.offset < m.index).slice(-2).map((f) => f.figure);
      const budget = before.find((f) => /预算/u.test(f.subject));
      const actual = before.find((f) => f !== budget && /决算|实际|支出/u.test(f.subject));
      if (before.length < 2 || !budget || !actual || !(budget.unit === actual.unit) || dec(actual.value).lte(budget.value)) continue;
      findings.push({
        ruleId: ID, severity: 'error', line: actual.line, column: actual.column, sectionPath: actual.sectionPath,
        message: `报告称“${m[0]}”，但${coreSubject(actual.subject)} ${figureText(actual)} 大于${coreSubject(budget.subject)} ${figureText(budget)}。`,
        expected: `≤ ${figureText(budget)}`, actual: figureText(actual), formula: `${actual.value} > ${budget.value}`,
        related: relatedLines(report, [{ line: budget.line, focus: budget.value }, { line: actual.line, focus: actual.value }]),
      });
    }
  }
  return findings;
}

export default defineRule({
  id: ID,
  title: '比率与其分子分母一致',
  description: '“…的比率为 0.85”“比率≤100%”：用同一句中的两个数（如决算数 ÷ 预算数、在编人数 ÷ 编制数）重算；“不超预算”“实际支出数≤预算”也核对。',
  severity: 'error',
  check(report, { rubricMatch }) {
    // A plan ÷ actual reading gives way to the rubric's own formula for that indicator (formula/rubric-rate's).
    const rubricFormula = (s: RateStatement) => {
      const leaf = queryOf(report).leafAtLine(s.stated.line);
      return leaf !== undefined && rubricMatch.byIndicatorId.get(leaf.id)?.formula !== undefined;
    };
    const statements = findRatioStatements(report)
      .filter((s) => s.from !== 'plan-actual' || !rubricFormula(s))
      .map((s) => checkStatement(report, s)).filter((f): f is Finding => f !== null);
    return [...statements, ...notOverBudgetClaims(report)];
  },
});
