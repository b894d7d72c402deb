import { defineRule } from '../../define-rule.js';
import { dec, plain } from '../../../model/decimal.js';
import { coreSubject } from '../../../report/figure-words.js';
import { queryOf } from '../../../report/query/report-query.js';
import { RepeatedStatements, relatedLines } from '../../report-lines.js';
import { STATED_VALUE_ROLES, type Figure, type Finding } from '../../../model/index.js';

const ID = 'consistency/rate-contradiction';
const SPENDING = /(?:预算|资金|支出)(?:资金)?(?:支出|执行|完成)率$/u;
const BALANCE = /(?:结转)?结余率$|结转率$/u;
/** The report says where the unspent money went: returned to or withdrawn by the finance bureau, or the budget was cut. */
const EXPLAINED = /财政收回|收回财政|被收回|上缴财政|调减预算|核减预算|预算调减|未获批|未下达|未拨付/u;

/** The figure whose line is nearest to `line`, the first in order among equally near ones. */
function nearestTo(figures: readonly Figure[], line: number): Figure | undefined {
  let best: Figure | undefined;
  let bestDistance = Infinity;
  for (const f of figures) {
    const distance = Math.abs(f.line - line);
    if (distance < bestDistance) {
      best = f;
      bestDistance = distance;
    }
  }
  return best;
}

export default defineRule({
  id: ID,
  title: '支出率与结余率相互印证',
  description: '预算支出率与结转结余率应能相互印证：支出率 58.48% 而结余率 0%，意味着 41.52% 的预算既没花出去也没有结转结余，需要说明去向。',
  severity: 'warning',
  check(report) {
    const percents = report.figures.filter((f) => f.unit === '%' && STATED_VALUE_ROLES.has(f.role)); // never a standard's threshold
    const spending = percents.filter((f) => SPENDING.test(coreSubject(f.subject)) && !/采购/u.test(f.subject));
    const findings: Finding[] = [];
    if (report.paragraphs.some((p) => EXPLAINED.test(p.text))) return findings;
    const spendingByValue = new Map<string, Figure[]>();
    for (const f of spending) {
      const same = spendingByValue.get(f.value);
      if (same) same.push(f);
      else spendingByValue.set(f.value, [f]);
    }
    // The same rate quoted: each sentence once, at its occurrence nearest the balance (a passage repeated verbatim
    // is quoted once, not once per repetition).
    const repeatedByValue = new Map([...spendingByValue].map(([value, figures]) => [value, new RepeatedStatements(report, figures)]));
    for (const balance of percents.filter((f) => BALANCE.test(coreSubject(f.subject)))) {
      const paragraph = queryOf(report).paragraphAt(balance.line);
      const sameParagraph = spending.filter((s) => paragraph && s.line >= paragraph.line && s.line <= paragraph.endLine);
      const nearest = nearestTo(sameParagraph.length > 0 ? sameParagraph : spending, balance.line);
      if (!nearest) continue;
      const unspent = dec(100).minus(nearest.value);
      if (!dec(balance.value).lt(unspent)) continue;
      const sameRate: Figure[] = repeatedByValue.get(nearest.value)?.nearestTo(balance.line) ?? [];
      findings.push({
        ruleId: ID, severity: 'warning', line: balance.line, column: balance.column, sectionPath: balance.sectionPath,
        message: `${coreSubject(nearest.subject)} ${nearest.value}% 意味着有 ${plain(unspent)}% 的预算没有支出，但${coreSubject(balance.subject)}只写 ${balance.value}%：未支出的资金去向不明。若已被财政收回或调减预算，请在报告中写明；否则支出率或结余率有误。`,
        expected: `≥ ${plain(unspent)}%`, actual: `${balance.value}%`, formula: `100% − ${nearest.value}% = ${plain(unspent)}%`,
        related: relatedLines(report, [...sameRate, balance].map((f) => ({ line: f.line, focus: f.value }))),
      });
    }
    return findings;
  },
});
