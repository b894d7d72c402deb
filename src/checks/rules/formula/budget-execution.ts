import { defineRule } from '../../define-rule.js';
import { Dec, dec, formatLike, matchesStated, percent, plain, sum } from '../../../model/decimal.js';
import { relatedLine } from '../../report-lines.js';
import type { BudgetRow, Finding, Report } from '../../../model/index.js';

const ID = 'formula/budget-execution';

const COLUMNS = [
  { key: 'initial', label: '年初预算数' },
  { key: 'full', label: '全年预算数' },
  { key: 'executed', label: '全年执行数' },
] as const;

function finding(row: BudgetRow, message: string, expected: string, actual: string, formula: string, report: Report): Finding {
  return {
    ruleId: ID, severity: 'error', line: row.line, sectionPath: [], message, expected, actual, formula,
    related: [relatedLine(report, row.line)], ...(row.location ? { location: row.location } : {}),
  };
}

/** 执行率 = 全年执行数 ÷ 全年预算数 × 100%, recomputed per row. */
function rateFindings(report: Report, rows: readonly BudgetRow[]): Finding[] {
  return rows.flatMap((row) => {
    if (row.rate === null || row.full === null || row.executed === null) return [];
    const exact = percent(row.executed, row.full);
    if (exact === null || matchesStated(row.rate, exact)) return [];
    const right = `${formatLike(row.rate, exact)}%`; // as the report writes it: 96% → 95%, 95.12% → 95.00%
    return [finding(row, `“${row.label}”执行率写 ${row.rate}%，但全年执行数 ${row.executed} ÷ 全年预算数 ${row.full} × 100% = ${right}。`,
      right, `${row.rate}%`, `${row.executed} ÷ ${row.full} × 100% = ${right}`, report)];
  });
}

/** 得分 = 分值 × 执行率, at most 分值: the stated score must equal it from the exact rate or from the stated rate. */
function scoreFindings(report: Report, total: BudgetRow): Finding[] {
  if (total.score === null || total.weight === null || total.full === null || total.executed === null) return [];
  const capped = (rate: Dec) => Dec.min(dec(total.weight!).times(rate).div(100), dec(total.weight!));
  const exactRate = percent(total.executed, total.full);
  if (exactRate === null) return [];
  const candidates = [capped(exactRate), ...(total.rate === null ? [] : [capped(dec(total.rate))])];
  if (candidates.some((c) => matchesStated(total.score!, c))) return [];
  const expected = formatLike(total.score, candidates[0]!); // 9.8 → 9.5, as the report writes its score
  const formula = `${total.weight} × ${plain(exactRate.toDecimalPlaces(4))}% = ${expected}${exactRate.gt(100) ? `（不超过分值 ${total.weight}）` : ''}`;
  return [finding(total, `预算执行率得分写 ${total.score} 分，但得分 = 分值 × 执行率 = ${formula} 分。`, expected, total.score, formula, report)];
}

/** 财政拨款 + 上年结转 + 其他资金 = 年度资金总额, per column (an empty part counts as 0). */
function sumFindings(report: Report, rows: readonly BudgetRow[]): Finding[] {
  const total = rows.find((r) => r.kind === 'total');
  const parts = rows.filter((r) => r.kind !== 'total');
  if (!total || parts.length < 2) return [];
  return COLUMNS.flatMap(({ key, label }) => {
    const stated = total[key];
    const values = parts.map((p) => p[key]);
    if (stated === null || values.every((v) => v === null)) return [];
    const partsSum = sum(values.map((v) => v ?? '0'));
    if (matchesStated(stated, partsSum)) return [];
    const formula = `${parts.map((p) => p[key] ?? '0').join(' + ')} = ${plain(partsSum)}`;
    return [finding(total, `${label}：“${total.label}”写 ${stated} 万元，但${parts.map((p) => `“${p.label}”`).join('、')}之和为 ${plain(partsSum)} 万元（${formula}）。`,
      plain(partsSum), stated, formula, report)];
  });
}

export default defineRule({
  id: ID,
  title: '预算执行率、得分与资金合计',
  description: '自评表的预算执行情况：执行率 = 全年执行数 ÷ 全年预算数，得分 = 分值 × 执行率（不超过分值），财政拨款 + 上年结转 + 其他资金 = 年度资金总额，逐项用小数重算。',
  severity: 'error',
  check(report) {
    const rows = report.budget?.rows ?? [];
    if (rows.length === 0) return [];
    const total = rows.find((r) => r.kind === 'total') ?? rows[0]!;
    return [...rateFindings(report, rows), ...scoreFindings(report, total), ...sumFindings(report, rows)];
  },
});
