import { describe, expect, it } from 'vitest';
import { checkReport } from '../../src/checks/engine.js';
import { loadRubric } from '../../src/rubric/load-rubric.js';
import { parseDocument } from '../../src/report/parse-document.js';
import { readReportBytes, parseReportText } from '../../src/report/parse-report.js';
import { locateLine, withLocations } from '../../src/report/locate-line.js';
import type { ParseResult, Report } from '../../src/model/index.js';
import { INPUT_PROCESS_TABLE, TARGET_FORM, documentOf, toXlsx, withCell } from '../helpers/report-fixtures.js';
import { readSampleReportText } from '../helpers/sample-report.js';

function reportOf(result: ParseResult): Report {
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join());
  return result.report;
}

describe('locateLine and withLocations', () => {
  it('a table row line is its row; a column narrows it to the cell', () => {
    const report = reportOf(parseDocument(documentOf(['附表', { table: INPUT_PROCESS_TABLE }])));
    expect(locateLine(report, 7)).toEqual({ table: 1, row: 6 });
    const row = report.lines[6]!;
    expect(row).toContain('预算执行率');
    const paragraph = report.paragraphs.find((p) => p.line === 7)!;
    const at = paragraph.text.indexOf('预算执行率为90%');
    expect(locateLine(report, 7, at + 1)).toEqual({ table: 1, row: 6, column: 7 });
    expect(locateLine(report, 1)).toEqual({ paragraph: 1 });
  });

  it('an xlsx finding points at its sheet cell', async () => {
    const bytes = await toXlsx([{ name: '自评表', table: withCell(TARGET_FORM, 3, 7, '9.8') }]);
    const report = reportOf(await readReportBytes('自评表.xlsx', bytes));
    const findings = withLocations(checkReport(report, await loadRubric()).findings, report);
    const budget = findings.find((f) => f.ruleId === 'formula/budget-execution')!;
    expect(budget.location).toMatchObject({ sheet: '自评表', cell: 'B4' });
    const figure = report.figures.find((f) => f.line === budget.line && f.value === '9.8')!;
    expect(locateLine(report, figure.line, figure.column)).toMatchObject({ sheet: '自评表', cell: 'H4' });
  });

  it('leaves findings on a text file as they are (the line says it all)', async () => {
    const report = reportOf(parseReportText(readSampleReportText()));
    const findings = checkReport(report, await loadRubric()).findings;
    expect(findings.length).toBeGreaterThan(0);
    expect(withLocations(findings, report)).toEqual(findings);
  });
});
