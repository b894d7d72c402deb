import { describe, expect, it } from 'vitest';
import { checkReport } from '../../src/checks/engine.js';
import { loadRubric } from '../../src/rubric/load-rubric.js';
import { readReportBytes } from '../../src/report/parse-report.js';
import { queryOf } from '../../src/report/query/report-query.js';
import type { Finding } from '../../src/model/index.js';
import { hasCjkFont } from '../helpers/report-variants.js';
import { shapeFile, type ReportShape, type ShapeFormat } from '../helpers/report-shapes.js';
import { EXCEL_SHAPE, EXTRA_REPORT_SHAPES, excelShapeFile } from '../helpers/report-shapes-extra.js';
import type { FixtureItem } from '../helpers/report-fixtures.js';

/**
 * Precision on reports nobody tuned the rules for: six more shapes (test/helpers/report-shapes-extra.ts), each in the
 * formats a bureau hands over. A consistent report prints no error and no warning (a note must say what is missing);
 * one injected error is exactly one error-or-warning finding, from the rule that owns it, with the expected value.
 */

async function findingsOf(shape: ReportShape, items: readonly FixtureItem[], format: ShapeFormat) {
  const file = await shapeFile(shape, items, format);
  const parsed = await readReportBytes(file.name, file.bytes);
  if (!parsed.ok) throw new Error(`${file.name}: ${parsed.problems.map((p) => p.message).join('；')}`);
  return checkReport(parsed.report, await loadRubric());
}

const shown = (f: Finding) => `${f.severity} ${f.ruleId} 第${f.line}行 ${f.message}`;

const cases = EXTRA_REPORT_SHAPES.flatMap((shape) => shape.formats
  .filter((format) => format !== 'pdf' || hasCjkFont)
  .map((format) => [`${shape.name} .${format}`, shape, format] as const));

describe('precision on shapes the rules were not written from', () => {
  it.each(cases)('%s: no error, no warning; the indicators and the stated total are read', async (_name, shape, format) => {
    const { report, findings } = await findingsOf(shape, shape.items, format);
    expect(findings.filter((f) => f.severity !== 'info').map(shown)).toEqual([]);
    expect(queryOf(report).leaves().length).toBe(shape.stated.indicators);
    expect(report.statedTotals.map((t) => String(t.value))).toContain(shape.stated.total);
  });

  it.each(cases)('%s: one injected error is exactly one finding, with the expected value', async (_name, shape, format) => {
    const { findings } = await findingsOf(shape, shape.injected.items, format);
    const loud = findings.filter((f) => f.severity !== 'info');
    expect(loud.map(shown)).toHaveLength(1);
    expect(loud[0]!.ruleId).toBe(shape.injected.ruleId);
    expect(loud[0]!.expected).toBe(shape.injected.expected);
  });
});

describe('precision on a workbook as Excel keeps it (numbers with % formats, formulas)', () => {
  async function excelFindings(rows: typeof EXCEL_SHAPE.rows) {
    const file = await excelShapeFile(rows, EXCEL_SHAPE.merges);
    const parsed = await readReportBytes(file.name, file.bytes);
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('；'));
    return checkReport(parsed.report, await loadRubric());
  }

  it(`${EXCEL_SHAPE.name}: no error, no warning`, async () => {
    const { report, findings } = await excelFindings(EXCEL_SHAPE.rows);
    expect(findings.filter((f) => f.severity !== 'info').map(shown)).toEqual([]);
    expect(queryOf(report).leaves().length).toBe(EXCEL_SHAPE.stated.indicators);
    expect(report.statedTotals.map((t) => String(t.value))).toContain(EXCEL_SHAPE.stated.total);
  });

  it(`${EXCEL_SHAPE.name}: ${EXCEL_SHAPE.injected.what} is exactly one finding`, async () => {
    const loud = (await excelFindings(EXCEL_SHAPE.injected.rows)).findings.filter((f) => f.severity !== 'info');
    expect(loud.map(shown)).toHaveLength(1);
    expect(loud[0]).toMatchObject({ ruleId: EXCEL_SHAPE.injected.ruleId, expected: EXCEL_SHAPE.injected.expected });
  });
});
