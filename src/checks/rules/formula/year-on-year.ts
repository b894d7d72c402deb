import { defineRule } from '../../define-rule.js';
import { changePercent, decimalsOf, directionOf, formatPercent, matchesStated, signed } from '../../../model/decimal.js';
import { figureText } from '../../../report/figure-words.js';
import { queryOf } from '../../../report/query/report-query.js';
import { relatedLines } from '../../report-lines.js';
import { STATED_VALUE_ROLES, type Figure, type Finding } from '../../../model/index.js';

const ID = 'formula/year-on-year';
const PREVIOUS = /上年度?|去年|上一年度?|同期/u;
const COMPARED = /上年|去年|上一年|同比|同期/u;

export default defineRule({
  id: ID,
  title: '同比增减幅度',
  description: '“与上年度相比减少 23.72%”之类的增减幅度，按（本年数 − 上年数）÷ 上年数 × 100% 重算；“减少”“下降”表示负增长。',
  severity: 'error',
  check(report) {
    const findings: Finding[] = [];
    for (const paragraph of report.paragraphs) {
      if (!COMPARED.test(paragraph.text)) continue;
      const placed = queryOf(report).paragraphFigures(paragraph);
      const figures = placed.map((f) => f.figure);
      const sameSentence = (a: number, b: number) => !/[。；;！？]/u.test(paragraph.text.slice(placed[a]!.offset, placed[b]!.offset));
      figures.forEach((rate, index) => {
        // A standard's "较上年下降得10分" or a weight/score is no quantity of this year or last: stated values only.
        const direction = rate.unit === '%' && STATED_VALUE_ROLES.has(rate.role) ? directionOf(rate.subject) : null;
        if (!direction) return;
        const before = figures.slice(0, index).filter((f) => f.unit !== '%' && f.unit !== '' && f.unit !== '年' && STATED_VALUE_ROLES.has(f.role));
        const previous = [...before].reverse().find((f) => PREVIOUS.test(f.subject));
        if (!previous) return;
        const core = previous.subject.replace(/^.*?(?:上年度?|去年|上一年度?|同期)/u, '');
        // nearest first: "公用经费决算数 45.27 万元；“三公”经费决算数 3.96 万元，比上年决算数 4.35 万元…" compares 3.96
        const candidates = before
          .filter((f) => f !== previous && f.unit === previous.unit && !PREVIOUS.test(f.subject) && f.line <= previous.line)
          .reverse();
        const current = candidates.find((f) => core !== '' && f.subject.endsWith(core)) ?? candidates.find((f) => !/^其中/u.test(f.subject));
        if (!current) return;
        const change = changePercent(previous.value, current.value);
        if (change === null) return;
        const stated = signed(rate.value, direction);
        const agrees = (f: Figure) => { const c = changePercent(previous.value, f.value); return c !== null && matchesStated(stated.toFixed(decimalsOf(rate.value)), c); };
        if (agrees(current)) return;
        // "“三公”经费支出12.50万元，其中…10.00万元，较上年15.00万元下降16.67%": the sentence's whole (12.50) may be what is
        // compared, not the nearest part; when another amount of the same sentence gives the stated change, it cannot be called wrong.
        if (candidates.some((f) => f !== current && sameSentence(figures.indexOf(f), index) && agrees(f))) return;
        const places = Math.max(2, decimalsOf(rate.value));
        const words = rate.subject.match(/(?:减少|下降|降低|减小|缩减|回落|下滑|增加|增长|上升|提高|增多|上涨|提升)$/u)?.[0] ?? (direction === 'decrease' ? '减少' : '增加');
        const opposite = change.isNegative() !== (direction === 'decrease') && !change.isZero();
        findings.push({
          ruleId: ID, severity: 'error', line: rate.line, column: rate.column, sectionPath: rate.sectionPath,
          message: `报告写“${rate.subject}${rate.value}%”，但按本年 ${figureText(current)}、上年 ${figureText(previous)} 计算，变动为 ${formatPercent(change, places)}${opposite ? `，方向也相反（实际是${change.isNegative() ? '减少' : '增加'}）` : ''}。`,
          expected: formatPercent(change, places), actual: `${words} ${rate.value}%`,
          formula: `(${current.value} − ${previous.value}) ÷ ${previous.value} × 100% = ${formatPercent(change, places)}`,
          related: relatedLines(report, [{ line: current.line, focus: current.value }, { line: previous.line, focus: previous.value }, { line: rate.line, focus: rate.value }]),
        });
      });
    }
    return findings;
  },
});
