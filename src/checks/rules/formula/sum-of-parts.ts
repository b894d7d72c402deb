import { defineRule } from '../../define-rule.js';
import { dec, matchesStated, plain, sum } from '../../../model/decimal.js';
import { figureText } from '../../../report/figure-words.js';
import { queryOf } from '../../../report/query/report-query.js';
import { relatedLines } from '../../report-lines.js';
import type { Figure, Finding } from '../../../model/index.js';

const ID = 'formula/sum-of-parts';
const MONEY = new Set(['万元', '元', '亿元']);
const BREAK = /[。；）]/u;
// "上年总支出决算数为 374.30 万元" after the parts is a comparison, not a part; "上年结转 12.36 万元" is a part.
const NOT_A_PART = /上年(?!结转|结余)|去年|同比|同期|增加|减少|增长|下降/u;

export default defineRule({
  id: ID,
  title: '总数等于各分项之和',
  description: '“总支出 285.53 万元，其中基本支出 231.11 万元，项目支出 54.42 万元”：金额的各分项之和应等于总数；任何分项都不能大于总数。',
  severity: 'error',
  check(report) {
    const findings: Finding[] = [];
    for (const paragraph of report.paragraphs) {
      // The first part's subject starts with 其中 (a table cell's subject may be its column header).
      if (!paragraph.table && !paragraph.text.includes('其中')) continue;
      const figures = queryOf(report).paragraphFigures(paragraph);
      const between = (a: number, b: number) => paragraph.text.slice(figures[a]!.offset, figures[b]!.offset);
      figures.forEach(({ figure: first }, i) => {
        if (!/^其中/u.test(first.subject) || first.unit === '' || first.unit === '%') return;
        let t = i - 1;
        while (t >= 0 && figures[t]!.figure.unit !== first.unit) t -= 1;
        if (t < 0 || BREAK.test(between(t, i))) return;
        const total = figures[t]!.figure;
        const parts: Figure[] = [first];
        for (let j = i + 1; j < figures.length; j += 1) {
          const next = figures[j]!.figure;
          if (next.unit !== first.unit || BREAK.test(between(j - 1, j)) || NOT_A_PART.test(next.subject) || /^其中/u.test(next.subject)) break;
          parts.push(next);
        }
        const partsSum = sum(parts.map((p) => p.value));
        const money = MONEY.has(total.unit);
        const tooBig = parts.find((p) => dec(p.value).gt(total.value));
        const mismatch = money && parts.length >= 2 && !matchesStated(total.value, partsSum);
        const exceeds = parts.length >= 2 && partsSum.gt(total.value);
        if (!tooBig && !mismatch && !exceeds) return;
        const formula = `${parts.map((p) => p.value).join(' + ')} = ${plain(partsSum)}`;
        const message = tooBig && parts.length === 1
          ? `“${tooBig.subject}” ${figureText(tooBig)} 比总数“${total.subject}” ${figureText(total)} 还大。`
          : `“${total.subject}” ${figureText(total)}，但其中各项之和为 ${plain(partsSum)} ${total.unit}（${formula}），相差 ${plain(partsSum.minus(total.value).abs())} ${total.unit}。`;
        findings.push({
          ruleId: ID, severity: 'error', line: total.line, column: total.column, sectionPath: total.sectionPath,
          message, expected: `${total.value} ${total.unit}`.trim(), actual: `${plain(partsSum)} ${total.unit}`.trim(), formula,
          related: relatedLines(report, [total, ...parts].map((f) => ({ line: f.line, focus: f.value }))),
        });
      });
    }
    return findings;
  },
});
