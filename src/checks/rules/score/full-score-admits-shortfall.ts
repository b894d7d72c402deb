import { defineRule } from '../../define-rule.js';
import { dec, plain } from '../../../model/decimal.js';
import { scoreLineOf } from '../../score-line.js';
import { coreSubject } from '../../../report/figure-words.js';
import { queryOf } from '../../../report/query/report-query.js';
import { verdictOf } from '../../indicator-verdicts.js';
import { isThresholdFigure } from '../../../rubric/measure-indicator.js';
import { RepeatedStatements, relatedLines } from '../../report-lines.js';
import { lineAtOffset } from '../../../report/paragraph-lines.js';
import type { Finding, IndicatorNode, Report } from '../../../model/index.js';

const ID = 'score/full-score-admits-shortfall';

/** Rates where higher is better: below 100% is a shortfall. */
const HIGHER_IS_BETTER = /(?:支出率|执行率|完成率|覆盖率|利用率|到位率|达成率|达标率|使用率)$/u;
/** Phrases in an indicator's own text that admit a shortfall. */
const SHORTFALL = /未完成|未达到|未达标|未实现|有差距|存在差距|滞后|超出预算|未及时|不到位|未通过/u;
/** A clause of 存在问题 that admits something is wrong. */
const NEGATIVE = /不够|不足|不到位|不合理|不科学|不规范|不完善|不健全|不及时|不明确|不高|有差距|存在差距|未能|未达|未完成|未实现|偏低|滞后|欠缺|缺乏|有待/u;
const COMPLETION = /完成|实现|达成/u;
const PROBLEM_SECTION = /存在(?:的)?问题|问题及|主要问题/u;

interface Evidence { text: string; line: number; focus: string; rate?: string }

/**
 * Standards that give full marks below 100% start at 90% or above (≥90%得满分, ≥95%得6分 …). Without the indicator's
 * standard, a rate from here up to 100% may well earn full marks: that cannot be decided, so it is a note, not a warning.
 */
const FULL_MARKS_FROM = 90;

function rateShortfalls(report: Report, leaf: IndicatorNode): Evidence[] {
  return queryOf(report).figuresOf(leaf)
    .filter((f) => f.unit === '%' && !isThresholdFigure(leaf, f) && HIGHER_IS_BETTER.test(coreSubject(f.subject)) && dec(f.value).lt(100))
    .map((f) => ({
      text: `同一段写明${coreSubject(f.subject)}为 ${f.value}%（差 ${plain(dec(100).minus(f.value))} 个百分点）`,
      line: f.line, focus: f.value, rate: f.value,
    }));
}

/** Words that deny what follows: "未出现未完成事项", "不存在未达到目标的情况", "无未完成项目". */
const DENIED_BEFORE = /(?:未出现|没有|不存在|未发现|杜绝|避免|无)[^，。；,;]{0,4}$/u;

/** The first shortfall phrase of a text that is not denied. */
function admittedShortfall(text: string): RegExpExecArray | null {
  for (const m of text.matchAll(new RegExp(SHORTFALL.source, 'gu'))) {
    if (!DENIED_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index))) return m as RegExpExecArray;
  }
  return null;
}

function ownAdmissions(report: Report, leaf: IndicatorNode): Evidence[] {
  const m = admittedShortfall(leaf.evidence);
  if (!m || !leaf.evidenceLines) return [];
  const paragraph = queryOf(report).paragraphsStartingBetween(leaf.evidenceLines[0], leaf.evidenceLines[1]).find((p) => p.text.includes(m[0]));
  return [{ text: `本项说明中写有“${m[0]}”`, line: paragraph ? lineAtOffset(paragraph, paragraph.text.indexOf(m[0])) : leaf.evidenceLines[0], focus: m[0] }];
}

/** Clauses of the 存在问题 section that admit a problem, with their lines. */
function problemClauses(report: Report): Evidence[] {
  const clauses: Evidence[] = [];
  for (const paragraph of report.paragraphs) {
    if (!paragraph.sectionPath.some((t) => PROBLEM_SECTION.test(t))) continue;
    let offset = 0;
    for (const clause of paragraph.text.split(/(?<=[，。；！？])/u)) {
      if (NEGATIVE.test(clause)) {
        const text = clause.replace(/[，。；！？]$/u, '');
        clauses.push({ text, line: lineAtOffset(paragraph, offset), focus: text.slice(0, 8) });
      }
      offset += clause.length;
    }
  }
  return clauses;
}

function admits(leaf: IndicatorNode, clause: string): boolean {
  const core = leaf.name.replace(/(?:性|率|情况)$/u, '');
  const quality = core.slice(-2);
  const object = core.slice(0, -2);
  if (object.length < 2 || !clause.includes(object)) return false;
  return clause.includes(quality) || (COMPLETION.test(quality) && /实现|完成|达成|差距/u.test(clause));
}

export default defineRule({
  id: ID,
  title: '满分但自述有差距',
  description: '自评满分的指标，若本项说明或“存在问题”承认有差距（如支出率不到 100%、绩效目标不够合理），满分值得复核；本项的评分标准对所写的值给满分（如“≥95%得满分”而完成率 98%）时不算差距。',
  severity: 'warning',
  check(report, { rubricMatch }) {
    const findings: Finding[] = [];
    const problems = problemClauses(report);
    // The clauses admitting a shortfall of an indicator depend only on its name: matched once per name (linear).
    // A clause written again verbatim (a passage repeated) is cited once, at its occurrence nearest the leaf.
    const admittedByName = new Map<string, RepeatedStatements<Evidence>>();
    const admittedFor = (leaf: IndicatorNode, line: number): Evidence[] => {
      let found = admittedByName.get(leaf.name);
      if (!found) admittedByName.set(leaf.name, (found = new RepeatedStatements(report, problems.filter((p) => admits(leaf, p.text)), (p) => p.text)));
      return found.nearestTo(line);
    };
    for (const leaf of queryOf(report).leaves()) {
      if (!leaf.assessed || leaf.score === null || leaf.weight === null || !dec(leaf.score).eq(leaf.weight) || dec(leaf.weight).isZero()) continue;
      const line = scoreLineOf(leaf);
      // The indicator's own standard (or the rubric's rule) decides: full marks that follow from the stated value
      // ("≥95%得满分" and 98%) are no shortfall, and a full score the standard does not give is that rule's finding.
      const verdict = verdictOf(report, leaf, rubricMatch);
      if (verdict.kind === 'agrees' || (verdict.kind === 'should-be' && verdict.standard.source !== 'stated-method')) continue;
      const evidence = [
        ...rateShortfalls(report, leaf),
        ...ownAdmissions(report, leaf),
        ...admittedFor(leaf, line).map((p) => ({ ...p, text: `“存在问题”写道：“${p.text}”` })),
      ];
      if (evidence.length === 0) continue;
      if (evidence.every((e) => e.rate !== undefined && dec(e.rate).gte(FULL_MARKS_FROM))) {
        findings.push({
          ruleId: ID, severity: 'info', line, sectionPath: leaf.path, indicatorId: leaf.id,
          message: `“${leaf.name}”自评满分（${plain(leaf.weight)} 分），${evidence.map((e) => e.text).join('；')}；${verdict.kind === 'not-computable' ? verdict.why : '本项没有可计算的评分标准'}，无法判断这一比率能否得满分，请对照当地评分细则。`,
          related: relatedLines(report, [{ line, focus: '得分' }, ...evidence.map((e) => ({ line: e.line, focus: e.focus }))]),
        });
        continue;
      }
      findings.push({
        ruleId: ID, severity: 'warning', line, sectionPath: leaf.path, indicatorId: leaf.id,
        message: `“${leaf.name}”自评满分（${plain(leaf.weight)} 分），但${evidence.map((e) => e.text).join('；')}。满分与报告自述的差距不一致，请复核得分或补充说明。`,
        related: relatedLines(report, [{ line, focus: '得分' }, ...evidence.map((e) => ({ line: e.line, focus: e.focus }))]),
      });
    }
    return findings;
  },
});
