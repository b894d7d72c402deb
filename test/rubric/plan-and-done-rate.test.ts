import { describe, expect, it } from 'vitest';
import { checkReport } from '../../src/checks/engine.js';
import { loadRubric } from '../../src/rubric/load-rubric.js';
import { readReportBytes } from '../../src/report/parse-report.js';
import { withCell, type FixtureItem } from '../helpers/report-fixtures.js';
import { REPORT_SHAPES, shapeFile } from '../helpers/report-shapes.js';

/** "按完成比例计分" scored from a plan and what was done in the reason cell ("计划完成20项，实际完成19项" → 19 ÷ 20). */
const shape = REPORT_SHAPES.find((s) => s.name.startsWith('权重评分依据表'))!;

async function findingsOf(items: readonly FixtureItem[], format: 'xlsx' | 'docx') {
  const file = await shapeFile(shape, items, format);
  const parsed = await readReportBytes(file.name, file.bytes);
  if (!parsed.ok) throw new Error(parsed.problems[0]?.message);
  return checkReport(parsed.report, await loadRubric()).findings.filter((f) => f.indicatorId?.endsWith('重点任务完成率'));
}

describe('a completion rate from the plan and what was done', () => {
  it.each(['xlsx', 'docx'] as const)('%s: 28.5 of 30 agrees with 30 × 19 ÷ 20, and 30 of 30 is an error expecting 28.5', async (format) => {
    const agrees = await findingsOf(shape.items, format);
    expect(agrees.some((f) => f.message.includes('19 ÷ 20 = 95%') && f.message.includes('相符'))).toBe(true);
    expect(agrees.filter((f) => f.severity !== 'info')).toEqual([]);

    const table = (shape.items[0] as { table: string[][] }).table;
    const wrong = await findingsOf([{ table: withCell(withCell(table, 7, 3, '30'), 9, 3, '92.5') }], format);
    const errors = wrong.filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.ruleId, f.expected])).toEqual([['score/own-standard', '28.5']]);
  });
});
