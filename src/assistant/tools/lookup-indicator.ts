import { tool } from 'langchain';
import { z } from 'zod';
import { resolveIndicator } from '../indicator-lookup.js';
import { findingsAbout } from '../report-context.js';
import { rubricQuote } from '../answers/rubric-quote.js';
import { toolJson, type ToolState } from './tool-state.js';
import { indicatorTruth } from '../../drafting/indicator-truth.js';
import { generalQuote, generalText } from '../answers/general-text.js';
import { queryOf } from '../../report/query/report-query.js';
import { checkReading } from '../answers/lost-points.js';
import type { IndicatorNode } from '../../model/index.js';
import type { ReportContext } from '../report-context.js';

/** What the check reads into a deduction the verdict cannot compute (按比例计分时 … 相符), for the model to repeat. */
function checkSays(report: ReportContext, node: IndicatorNode): { check?: string } {
  const reading = checkReading(report, node);
  return reading ? { check: reading.text } : {};
}

/** lookup_indicator: one indicator in the report (weight, score, reason, figures) and in the rubric (formula, rule). */
export function lookupIndicatorTool(state: ToolState) {
  return tool(
    async ({ name }) => {
      const { rubric, report } = state.context;
      const resolved = resolveIndicator(name, rubric, report);
      if (!resolved.node && !resolved.rubric) return toolJson({ error: `没有找到指标“${name}”` });
      const own = report?.report ?? null;
      if (resolved.rubric) state.citations.push(generalQuote(rubricQuote(rubric, resolved.rubric), own));
      const node = resolved.node;
      // The same verdict and stated value the check and the offline answers use.
      const truth = node && report && node.children.length === 0 ? indicatorTruth(report, node) : null;
      const verdict = truth
        ? truth.scoreFinding
          ? { kind: 'should-be', expected: truth.scoreFinding.expected, why: truth.scoreFinding.message }
          : truth.verdict.kind === 'not-computable'
            ? { kind: 'not-computable', why: generalText(truth.verdict.why, own), ...checkSays(report!, node!) }
            : { kind: truth.verdict.kind, expected: truth.verdict.expected, working: truth.verdict.working, standard: truth.verdict.standard.text }
        : null;
      const findings = node && report ? findingsAbout(report, node) : [];
      state.findings.push(...findings.filter((f) => !state.findings.includes(f)));
      return toolJson({
        name: resolved.name,
        report: node
          ? {
              path: node.path,
              line: node.line,
              weight: node.weight,
              score: node.score,
              assessed: node.assessed,
              scoreLine: node.scoreLine,
              reason: node.reason,
              standard: node.standard ?? null,
              actual: truth?.actual ?? null,
              verdict,
              notAssessedReason: node.notAssessedReason,
              text: node.evidence,
              figures: report
                ? queryOf(report.report).figuresOf(node).map((f) => ({ id: f.id, value: f.value, unit: f.unit, subject: f.subject, line: f.line }))
                : [],
            }
          : null,
        rubric: resolved.rubric
          ? {
              weight: resolved.rubric.weight,
              definition: resolved.rubric.definition,
              formula: resolved.rubric.formula?.expression ?? null,
              rule: resolved.rubric.rule
                ? {
                    ...resolved.rubric.rule,
                    description: generalText(resolved.rubric.rule.description, own),
                    // a source's note may say what the sample shows ("样例支出率 58.48% 得 4 分"): general part only
                    sources: resolved.rubric.rule.sources.map(({ note, ...source }) => (note && generalText(note, own) ? { ...source, note: generalText(note, own) } : source)),
                  }
                : null,
              source: rubricQuote(rubric, resolved.rubric).source,
            }
          : null,
        findings: findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, line: f.line, message: generalText(f.message, own), formula: f.formula })),
      });
    },
    {
      name: 'lookup_indicator',
      description: '查一个指标：报告中的分值、自评得分、扣分原因、所在行、该指标段落里的数字（带 id，可交给 compute），以及评分细则中的定义、公式和计分规则（未知时 kind 为 unknown）。',
      schema: z.object({ name: z.string().min(1).describe('指标名称，例如“政府采购执行率”') }),
    },
  );
}
