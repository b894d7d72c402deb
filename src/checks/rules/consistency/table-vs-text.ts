import { defineRule } from '../../define-rule.js';
import { equal, plain } from '../../../model/decimal.js';
import { scoreLineOf } from '../../score-line.js';
import { allIndicatorsOf } from '../../../report/indicator-walk.js';
import { queryOf } from '../../../report/query/report-query.js';
import { relatedLines } from '../../report-lines.js';
import { normalizeIndicatorName } from '../../../rubric/normalize-indicator-name.js';
import type { Finding, IndicatorNode, Report } from '../../../model/index.js';

const ID = 'consistency/table-vs-text';

function sameIndicator(a: IndicatorNode, b: IndicatorNode): boolean {
  const names = normalizeIndicatorName(b.name);
  return normalizeIndicatorName(a.name).some((n) => n.length >= 2 && names.includes(n));
}

/** The table's node for each text node with the same name (first match; several text nodes of one name are each paired). */
function pairs(report: Report): [table: IndicatorNode, text: IndicatorNode][] {
  const tableNodes = queryOf(report).indicators();
  const textNodes = allIndicatorsOf(report.textView?.indicators ?? []);
  return textNodes.flatMap((text) => {
    const table = tableNodes.find((t) => sameIndicator(t, text) && t.level === text.level)
      ?? tableNodes.find((t) => sameIndicator(t, text));
    return table ? [[table, text] as [IndicatorNode, IndicatorNode]] : [];
  });
}

function disagreement(report: Report, table: IndicatorNode, text: IndicatorNode, what: '分值' | '自评得分'): Finding | null {
  const tableValue = what === '分值' ? table.weight : table.score;
  const textValue = what === '分值' ? text.weight : text.score;
  if (tableValue === null || textValue === null || equal(tableValue, textValue)) return null;
  const textLine = what === '分值' ? text.line : scoreLineOf(text);
  const tableLine = what === '分值' ? table.line : scoreLineOf(table);
  return {
    ruleId: ID, severity: 'error', line: textLine, sectionPath: text.path, indicatorId: table.id,
    message: `“${table.name}”的${what}，表格中为 ${plain(tableValue)} 分（第 ${tableLine} 行），正文中为 ${plain(textValue)} 分（第 ${textLine} 行），两处不一致。`,
    expected: plain(tableValue), actual: plain(textValue),
    related: relatedLines(report, [{ line: tableLine }, { line: textLine }]),
    ...(table.location ? { location: table.location } : {}),
  };
}

function totalFindings(report: Report): Finding[] {
  const textTotals = report.textView?.statedTotals ?? [];
  const textLines = new Set(textTotals.map((t) => t.line));
  const tableTotal = report.statedTotals.find((t) => !textLines.has(t.line));
  if (!tableTotal) return [];
  return textTotals.filter((t) => !equal(t.value, tableTotal.value)).map((t) => ({
    ruleId: ID, severity: 'error' as const, line: t.line, sectionPath: [],
    message: `表格的总分为 ${plain(tableTotal.value)} 分（第 ${tableTotal.line} 行），正文写自评得分 ${plain(t.value)} 分（第 ${t.line} 行），两处不一致。`,
    expected: plain(tableTotal.value), actual: plain(t.value),
    related: relatedLines(report, [{ line: tableTotal.line }, { line: t.line }]),
  }));
}

export default defineRule({
  id: ID,
  title: '表格与正文一致',
  description: '正文中带评分表的报告：同一指标在表格和正文中的分值、自评得分应相同，表格的总分应等于正文写的自评得分。',
  severity: 'error',
  check(report) {
    if (!report.textView) return [];
    const findings: Finding[] = [];
    for (const [table, text] of pairs(report)) {
      for (const what of ['分值', '自评得分'] as const) {
        const found = disagreement(report, table, text, what);
        if (found) findings.push(found);
      }
    }
    return [...findings, ...totalFindings(report)];
  },
});
