import type { Severity } from '../../model/index.js';
import { plain } from '../../model/decimal.js';
import { computeTotals, countBySeverity, SEVERITY_LABEL, summaryLine, totalsFormula } from '../summary.js';
import type { CheckResult, FolderEntry } from './check-result.js';
import { groupFindings, groupPlaces, placesText, shownRelated, type FindingGroup } from './group-findings.js';
import { placeOfLine } from './place.js';

const ORDER: Severity[] = ['error', 'warning', 'info'];

function where(group: FindingGroup): string {
  const f = group.first;
  const name = f.sectionPath.length > 0 && f.indicatorId ? `  ${f.sectionPath[f.sectionPath.length - 1]}` : '';
  return `${groupPlaces(group)}${name}`;
}

/** A quoted line: its number in a text file (padded, as before), its table/page/sheet place elsewhere. */
function relatedPlace(report: CheckResult['report'], line: number): string {
  const location = report.lineLocations?.[line - 1];
  const onlyLine = !location || Object.keys(location).every((k) => k === 'line' || k === 'column');
  return onlyLine ? String(line).padStart(4) : placeOfLine(report, line);
}

/** One entry: a finding, or findings saying the same at several places (the first one's message and quotes). */
function findingLines(group: FindingGroup, report: CheckResult['report']): string[] {
  const f = group.first;
  const lines = [`  • ${where(group)}  [${f.ruleId}]`, `    ${f.message}`];
  const facts = [f.expected ? `${f.severity === 'info' ? '计算值' : '应为'} ${f.expected}` : '', f.actual ? `报告 ${f.actual}` : '', f.formula ? `算式 ${f.formula}` : '']
    .filter((x) => x !== '');
  if (facts.length > 0) lines.push(`    ${facts.join('；')}`);
  const quoted = (f.related ?? []).filter((r) => r.line !== f.line || (f.related?.length ?? 0) > 1);
  const { shown, more } = shownRelated(quoted);
  for (const r of shown) lines.push(`    │ ${relatedPlace(report, r.line)}: ${r.text}`);
  if (more > 0) lines.push(`    │ …另有 ${more} 行（--format json 列出全部）`);
  return lines;
}

/** "99 分（第 65 行）", "99 分（第 65、296、527、758、989 行等共 100 处）、98 分（第 70 行）": each value once. */
function statedTotalsText(report: CheckResult['report']): string {
  const linesByValue = new Map<string, number[]>();
  for (const t of report.statedTotals) {
    const value = plain(t.value);
    const lines = linesByValue.get(value);
    if (lines) lines.push(t.line);
    else linesByValue.set(value, [t.line]);
  }
  return [...linesByValue].map(([value, lines]) => `${value} 分（${placesText(lines.map((line) => placeOfLine(report, line)))}）`).join('、');
}

/** Header lines shared by text and markdown: what was checked and the totals. */
export function headerFacts(result: CheckResult): string[] {
  const { report } = result;
  const totals = computeTotals(report);
  const stated = report.statedTotals.length > 0 ? statedTotalsText(report) : '未写明';
  return [
    `部门：${report.department ?? '未写明'}　年度：${report.year ?? '未写明'}　文件：${report.source.name}`,
    `指标：考核 ${totals.assessedLeaves} 项（分值 ${plain(totals.leafWeights)}，得分 ${plain(totals.leafScores)}）` +
      `${totals.notAssessedLeaves > 0 ? `，不考核 ${totals.notAssessedLeaves} 项` : ''}；加减分 ${plain(totals.bonus)}`,
    `总分：报告写 ${stated}；按各项计算 ${totalsFormula(totals)}`,
    `评分细则：${result.rubric.name}`,
    ...(report.source.ocr ? ['注意：这是扫描件，文字和数字由 OCR 识别得到，以下每一项检查结果都须与扫描原件核对。'] : []),
  ];
}

/** For people in a terminal: grouped by severity, with the lines quoted. */
export function formatText(result: CheckResult): string {
  const out = [`检查报告：${result.report.title || result.report.source.name}`, ...headerFacts(result), ''];
  for (const severity of ORDER) {
    const group = result.findings.filter((f) => f.severity === severity);
    out.push(`${SEVERITY_LABEL[severity]}（${group.length}）`);
    if (group.length === 0) out.push('  （无）');
    for (const entry of groupFindings(group)) out.push(...findingLines(entry, result.report));
    out.push('');
  }
  out.push(summaryLine(result.findings));
  return `${out.join('\n')}\n`;
}

/** Terminal width of a text: CJK characters take two columns. */
function displayWidth(text: string): number {
  return [...text].reduce((w, ch) => w + (/[\u1100-\uffff]/u.test(ch) ? 2 : 1), 0);
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** One report's cells in the folder table (file, 总分, counts, 结果): computed per report, kept without the report. */
export function folderTextCells(e: FolderEntry): string[] {
  if (!('result' in e)) return [e.file, '—', '—', '—', '—', `无法检查：${e.problem}`];
  const totals = computeTotals(e.result.report);
  const c = countBySeverity(e.result.findings);
  return [e.file, `${totals.stated ?? '—'} / ${plain(totals.computed)}`, String(c.error), String(c.warning), String(c.info), c.error > 0 ? '有错误' : '通过'];
}

/** The folder table from each report's cells (a problem row's last cell starts with 无法检查). */
export function folderTextTable(rows: readonly string[][], total: number, checked: number): string {
  const head = ['文件', '总分（报告/计算）', '错误', '警告', '提示', '结果'];
  const widths = head.map((h, i) => Math.max(...[h, ...rows.map((r) => r[i]!)].map(displayWidth)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]!))).join('  ');
  return `${[line(head), ...rows.map(line)].join('\n')}\n共 ${total} 个文件：已检查 ${checked}，无法读取 ${total - checked}\n`;
}

/** Rows of a folder check as a terminal table. */
export function formatFolderText(entries: readonly FolderEntry[]): string {
  return folderTextTable(entries.map(folderTextCells), entries.length, entries.filter((e) => 'result' in e).length);
}
