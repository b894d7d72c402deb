import { describe, expect, it } from 'vitest';
import { checkReport } from '../../src/checks/engine.js';
import { loadRubric } from '../../src/rubric/load-rubric.js';
import { readReportBytes } from '../../src/report/parse-report.js';
import type { Finding, Report } from '../../src/model/index.js';
import { hasCjkFont } from '../helpers/report-variants.js';
import { REPORT_SHAPES, shapeFile, type ReportShape, type ShapeFormat } from '../helpers/report-shapes.js';
import type { FixtureItem } from '../helpers/report-fixtures.js';

/**
 * Precision: every rule over consistent reports of six shapes, each in several formats, must print no error and no
 * warning; one injected error must be exactly one error-or-warning finding, from the rule that owns it, with the
 * expected value. This is the reviewer's standard: two false findings and they stop reading.
 */

async function checked(shape: ReportShape, items: readonly FixtureItem[], format: ShapeFormat): Promise<{ report: Report; findings: Finding[] }> {
  const file = await shapeFile(shape, items, format);
  const parsed = await readReportBytes(file.name, file.bytes);
  if (!parsed.ok) throw new Error(`${file.name}: ${parsed.problems.map((p) => p.message).join('；')}`);
  const outcome = checkReport(parsed.report, await loadRubric());
  return { report: outcome.report, findings: outcome.findings };
}

const loud = (findings: readonly Finding[]) =>
  findings.filter((f) => f.severity !== 'info').map((f) => `${f.severity} ${f.ruleId} 第${f.line}行 ${f.message}`);

const leaves = (report: Report) => {
  const out: { score: number | null }[] = [];
  const walk = (nodes: Report['indicators']) => nodes.forEach((n) => (n.children.length > 0 ? walk(n.children) : out.push(n)));
  walk(report.indicators);
  return out;
};

const cases = REPORT_SHAPES.flatMap((shape) => shape.formats
  .filter((format) => format !== 'pdf' || hasCjkFont)
  .map((format) => [`${shape.name} .${format}`, shape, format] as const));

describe('precision: consistent reports of every shape', () => {
  it.each(cases)('%s: no error, no warning', async (_name, shape, format) => {
    const { report, findings } = await checked(shape, shape.items, format);
    expect(loud(findings)).toEqual([]);
    expect(leaves(report).length).toBe(shape.stated.indicators);
    expect(report.statedTotals.map((t) => String(t.value))).toContain(shape.stated.total);
  });

  it.each(cases)('%s: one injected error is exactly one finding, with the expected value', async (_name, shape, format) => {
    const { findings } = await checked(shape, shape.injected.items, format);
    const reported = findings.filter((f) => f.severity !== 'info');
    expect(loud(reported)).toHaveLength(1);
    expect(reported[0]!.ruleId).toBe(shape.injected.ruleId);
    expect(reported[0]!.expected).toBe(shape.injected.expected);
  });
});
