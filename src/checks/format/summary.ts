import type { Finding } from '../../model/index.js';
import { plain } from '../decimal.js';
import { computeTotals, countBySeverity, SEVERITY_LABEL } from '../summary.js';
import type { FolderEntry } from './check-result.js';
import { placeOf } from './place.js';

export { placeOf } from './place.js';

const SUMMARY_HEADERS = ['文件', '单位', '年度', '自评总分', '复算总分', '错误数', '警告数', '提示数', '最严重的问题'];
const FINDING_HEADERS = ['文件', '单位', '严重程度', '规则', '位置', '指标', '问题', '应为', '报告', '算式'];

/**
 * The finance bureau's batch summary (`check 文件夹 --summary 汇总.xlsx`): one row per report (单位, 年度, 自评总分,
 * 复算总分, 错误/警告数, the most serious finding) and a sheet of all findings, both with filters.
 */
export async function renderFolderSummary(entries: readonly FolderEntry[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'selfeval';
  const summary = workbook.addWorksheet('汇总', { views: [{ state: 'frozen', ySplit: 1 }] });
  const all = workbook.addWorksheet('全部问题', { views: [{ state: 'frozen', ySplit: 1 }] });
  summary.addRow(SUMMARY_HEADERS);
  all.addRow(FINDING_HEADERS);
  for (const entry of entries) {
    if (!('result' in entry)) {
      summary.addRow([entry.file, '', null, null, null, null, null, null, `无法检查：${entry.problem}`]);
      continue;
    }
    const { report, findings } = entry.result;
    const totals = computeTotals(report);
    const counts = countBySeverity(findings);
    const worst = findings[0];
    summary.addRow([
      entry.file, report.department ?? '', report.year, totals.stated, Number(plain(totals.computed)), counts.error, counts.warning, counts.info,
      worst ? `【${SEVERITY_LABEL[worst.severity]}】${worst.message}` : '（无）',
    ]);
    for (const f of findings) {
      const indicator = f.indicatorId?.split('/').at(-1) ?? '';
      all.addRow([entry.file, report.department ?? '', SEVERITY_LABEL[f.severity], f.ruleId, placeOf(f), indicator, f.message, f.expected ?? '', f.actual ?? '', f.formula ?? '']);
    }
  }
  for (const [sheet, widths] of [[summary, [28, 28, 8, 10, 10, 8, 8, 8, 90]], [all, [28, 28, 10, 30, 16, 20, 90, 14, 14, 50]]] as const) {
    sheet.getRow(1).font = { bold: true };
    widths.forEach((w, i) => {
      sheet.getColumn(i + 1).width = w;
    });
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, sheet.rowCount), column: widths.length } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
