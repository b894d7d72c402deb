import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/report/parse-document.js';
import { readReportBytes } from '../../src/report/parse-report.js';
import { indicatorLeaves } from '../../src/report/indicators.js';
import type { ParseResult, Report } from '../../src/model/index.js';
import { INPUT_PROCESS_TABLE, TARGET_FORM, documentOf, toTablePdf } from '../helpers/report-fixtures.js';
import { hasCjkFont } from '../helpers/report-variants.js';

function reportOf(result: ParseResult): Report {
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join());
  return result.report;
}
const leavesOf = (report: Report) => indicatorLeaves(report.indicators).map((l) => [l.path.join('/'), l.weight, l.score, l.reason]);

describe.skipIf(!hasCjkFont)('tables printed to PDF (merged cells printed once, rebuilt from text positions)', () => {
  it('the 评分表 gives the same tree as the Word table: empty merged level cells take the text above', async () => {
    const pdf = reportOf(await readReportBytes('评分表.pdf', await toTablePdf(['某县某某服务中心2024年度部门整体支出绩效自评报告', { table: INPUT_PROCESS_TABLE }])));
    const word = reportOf(parseDocument(documentOf([{ table: INPUT_PROCESS_TABLE }])));
    expect(leavesOf(pdf)).toEqual(leavesOf(word));
    expect(pdf.statedTotals.map((t) => t.value)).toEqual([95]);
    expect(indicatorLeaves(pdf.indicators)[0]!.location).toMatchObject({ page: 1, table: 1 });
  });

  it('the national form’s budget block and 总分 are read from a PDF', async () => {
    const pdf = reportOf(await readReportBytes('自评表.pdf', await toTablePdf([{ table: TARGET_FORM }])));
    expect(pdf.indicators[0]).toMatchObject({ name: '预算执行率', weight: 10, score: 9.5 });
    expect(pdf.budget?.rows.map((r) => [r.kind, r.full, r.executed, r.rate])).toEqual([
      ['total', '600', '570', '95'], ['fiscal', '520', '500', '96.15'], ['carryover', '50', '45', '90'], ['other', '30', '25', '83.33'],
    ]);
    expect(pdf.statedTotals.map((t) => t.value)).toEqual([95.5]);
  });
});
