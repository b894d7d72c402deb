import type { Writable } from 'node:stream';
import { plain } from '../../model/decimal.js';
import { computeTotals, countBySeverity, SEVERITY_LABEL } from '../summary.js';
import type { FolderEntry } from './check-result.js';
import { placeOf } from './place.js';

export { placeOf } from './place.js';

const SUMMARY_HEADERS = ['文件', '单位', '年度', '自评总分', '复算总分', '错误数', '警告数', '提示数', '最严重的问题'];
const FINDING_HEADERS = ['文件', '单位', '严重程度', '规则', '位置', '指标', '问题', '应为', '报告', '算式'];
const SUMMARY_WIDTHS = [28, 28, 8, 10, 10, 8, 8, 8, 90];
const FINDING_WIDTHS = [28, 28, 10, 30, 16, 20, 90, 14, 14, 50];

/** One cell row of a summary sheet: plain values, cheap to pass between threads and to stream. */
export type SummaryCells = (string | number | null)[];

/** A report's row of the 汇总 sheet (单位, 年度, 自评总分, 复算总分, counts, the most serious finding). */
export function summaryRowOf(entry: FolderEntry): SummaryCells {
  if (!('result' in entry)) return [entry.file, '', null, null, null, null, null, null, `无法检查：${entry.problem}`];
  const { report, findings } = entry.result;
  const totals = computeTotals(report);
  const counts = countBySeverity(findings);
  const worst = findings[0];
  return [
    entry.file, report.department ?? '', report.year, totals.stated, Number(plain(totals.computed)), counts.error, counts.warning, counts.info,
    worst ? `【${SEVERITY_LABEL[worst.severity]}】${worst.message}` : '（无）',
  ];
}

/** A report's rows of the 全部问题 sheet, one per finding. */
export function findingRowsOf(entry: FolderEntry): SummaryCells[] {
  if (!('result' in entry)) return [];
  const { report, findings } = entry.result;
  return findings.map((f) => [
    entry.file, report.department ?? '', SEVERITY_LABEL[f.severity], f.ruleId, placeOf(f), f.indicatorId?.split('/').at(-1) ?? '', f.message,
    f.expected ?? '', f.actual ?? '', f.formula ?? '',
  ]);
}

/**
 * Write the batch summary workbook row by row (exceljs' streaming WorkbookWriter): the 汇总 sheet, then the
 * 全部问题 sheet, each with a bold frozen header, column widths and a filter. Rows are written and let go as they
 * come, so memory does not grow with the number of reports. `target` is a file name or a stream.
 */
export async function writeSummaryWorkbook(
  target: { filename: string } | { stream: Writable },
  summaryRows: Iterable<SummaryCells> | AsyncIterable<SummaryCells>,
  findingRows: Iterable<SummaryCells> | AsyncIterable<SummaryCells>,
): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ ...target, useStyles: true, useSharedStrings: false });
  workbook.creator = 'selfeval';
  for (const [name, headers, widths, rows] of [
    ['汇总', SUMMARY_HEADERS, SUMMARY_WIDTHS, summaryRows],
    ['全部问题', FINDING_HEADERS, FINDING_WIDTHS, findingRows],
  ] as const) {
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = widths.map((width) => ({ width }));
    const head = sheet.addRow([...headers]);
    head.font = { bold: true };
    head.commit();
    let count = 1;
    for await (const cells of rows) {
      sheet.addRow(cells).commit();
      count += 1;
    }
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: count, column: widths.length } };
    sheet.commit();
  }
  await workbook.commit();
}

/**
 * The finance bureau's batch summary (`check 文件夹 --summary 汇总.xlsx`) of checked reports held in memory: one row
 * per report and a sheet of all findings, both with filters. Large batches stream through writeSummaryWorkbook.
 */
export async function renderFolderSummary(entries: readonly FolderEntry[]): Promise<Buffer> {
  const { PassThrough } = await import('node:stream');
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeSummaryWorkbook({ stream }, entries.map(summaryRowOf), entries.flatMap(findingRowsOf));
  return Buffer.concat(chunks);
}
