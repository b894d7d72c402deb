import { tool } from 'langchain';
import { z } from 'zod';
import { computeTotals } from '../../checks/summary.js';
import { plain } from '../../model/decimal.js';
import { toolJson, type ToolState } from './tool-state.js';

/** check_report: the findings of the deterministic checks on the loaded report, most serious first, with totals. */
export function checkReportTool(state: ToolState) {
  return tool(
    async () => {
      const report = state.context.report;
      if (!report) return toolJson({ error: '没有加载报告' });
      state.findings.push(...report.findings.filter((f) => !state.findings.includes(f)));
      const totals = computeTotals(report.report);
      return toolJson({
        title: report.report.title,
        statedTotal: totals.stated,
        computedTotal: plain(totals.computed),
        leafScores: plain(totals.leafScores),
        bonus: plain(totals.bonus),
        findings: report.findings.map((f) => ({
          ruleId: f.ruleId,
          severity: f.severity,
          line: f.line,
          message: f.message,
          ...(f.expected ? { expected: f.expected } : {}),
          ...(f.actual ? { actual: f.actual } : {}),
          ...(f.formula ? { formula: f.formula } : {}),
        })),
      });
    },
    {
      name: 'check_report',
      description: '对已加载的报告运行确定性检查：得分是否超过分值、分值和得分加总、总分、扣分说明、比率复算、前后矛盾。返回总分和全部检查结果（含行号）。',
      schema: z.object({}),
    },
  );
}
