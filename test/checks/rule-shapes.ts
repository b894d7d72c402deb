import type { CheckRule } from '../../src/checks/define-rule.js';
import { checkReport } from '../../src/checks/engine.js';
import type { Finding, Report } from '../../src/model/index.js';
import { readReportBytes } from '../../src/report/parse-report.js';
import { loadRubric } from '../../src/rubric/load-rubric.js';
import { toDocx, toTablePdf, toXlsx, type FixtureItem, type FixtureTable } from '../helpers/report-fixtures.js';
import { hasCjkFont } from '../helpers/report-variants.js';

/**
 * One set of indicators written in every shape a rule must handle — a narrative (.txt: headings, 评分标准 sentence,
 * 自评得分 sentence) and a score table as real .docx, .xlsx and PDF files — built from data in the test, so a rule's
 * table-driven test runs each case on reports nobody wrote the rule from.
 */
export interface IndicatorRow {
  block: string; // 一级指标
  name: string; // 三级指标
  weight: number;
  score: number;
  standard?: string; // 评分标准 (own standard)
  reason?: string; // 扣分原因 / the sentence after the score
}

export type RuleFormat = 'txt' | 'docx' | 'xlsx' | 'pdf';

/** The formats to run: PDF only where the CJK font is installed (CI installs it). */
export const RULE_FORMATS: readonly RuleFormat[] = hasCjkFont ? ['txt', 'docx', 'xlsx', 'pdf'] : ['txt', 'docx', 'xlsx'];

const TITLE = '某县示范局2024年度部门整体支出绩效自评报告';

function totalOf(rows: readonly IndicatorRow[], adjust = 0): string {
  return String(Math.round((rows.reduce((s, r) => s + r.score, 0) + adjust) * 100) / 100);
}

/** The narrative: one heading per block, one numbered heading per indicator with its standard and score sentences. */
export function narrativeOf(rows: readonly IndicatorRow[], options: { total?: string; extra?: string[] } = {}): string {
  const blocks = [...new Set(rows.map((r) => r.block))];
  const numerals = ['一', '二', '三', '四', '五', '六'];
  const lines = [TITLE, '一、部门基本情况', '本局负责全县示范工作。', ...(options.extra ?? []), '二、绩效分析'];
  blocks.forEach((block, b) => {
    const inBlock = rows.filter((r) => r.block === block);
    lines.push(`（${numerals[b]}）${block}（${inBlock.reduce((s, r) => s + r.weight, 0)}分）`);
    inBlock.forEach((r, i) => {
      lines.push(`${i + 1}. ${r.name}（${r.weight}分）`);
      if (r.standard) lines.push(`评分标准：${r.standard}。`);
      lines.push(`自评得分${r.score}分${r.reason ? `，${r.reason}` : ''}。`);
    });
  });
  lines.push('三、自评结论', `经自评，本局2024年度部门整体支出绩效自评结果为${options.total ?? totalOf(rows)}分。`);
  return lines.join('\n');
}

/** The score table: 一级指标 / 三级指标 / 分值 / 评分标准 / 自评得分 / 扣分原因 and a 合计 row. */
export function tableOf(rows: readonly IndicatorRow[], options: { total?: string } = {}): FixtureTable {
  const header = ['一级指标', '三级指标', '分值', '评分标准', '自评得分', '扣分原因'];
  const body = rows.map((r, i) => [
    i > 0 && rows[i - 1]!.block === r.block ? '^' : r.block, r.name, String(r.weight), r.standard ?? '', String(r.score), r.reason ?? '',
  ]);
  const weights = rows.reduce((s, r) => s + r.weight, 0);
  return [header, ...body, ['合计', '<', String(weights), '', options.total ?? totalOf(rows), '']];
}

/** The same indicators as a report file of one format, parsed as the CLI parses it (`extra` lines: running text, not in .xlsx). */
export async function reportIn(format: RuleFormat, rows: readonly IndicatorRow[], options: { total?: string; extra?: string[] } = {}): Promise<Report> {
  if (format === 'txt') return reportOfItems('txt', narrativeOf(rows, options).split('\n'));
  const extra = format === 'xlsx' ? [] : options.extra ?? [];
  return reportOfItems(format, [TITLE, ...extra, { table: tableOf(rows, options), name: '评分表' }, `自评得分为${options.total ?? totalOf(rows)}分。`]);
}

/** Any items (paragraphs, headings, tables) as a report file: txt joins the paragraphs, xlsx takes the tables. */
export async function reportOfItems(format: RuleFormat, items: readonly FixtureItem[]): Promise<Report> {
  const tables = items.flatMap((item, i) => (typeof item === 'object' && 'table' in item ? [{ name: item.name ?? `表${i + 1}`, table: item.table }] : []));
  const text = items.map((item) => (typeof item === 'string' ? item : 'heading' in item ? item.heading : '')).join('\n');
  const file = format === 'txt' ? { name: 'r.txt', bytes: new TextEncoder().encode(text) }
    : format === 'docx' ? { name: 'r.docx', bytes: await toDocx(items) }
      : format === 'xlsx' ? { name: 'r.xlsx', bytes: await toXlsx(tables) }
        : { name: 'r.pdf', bytes: await toTablePdf(items) };
  const parsed = await readReportBytes(file.name, file.bytes);
  if (!parsed.ok) throw new Error(`${file.name}: ${parsed.problems.map((p) => p.message).join('；')}`);
  return parsed.report;
}

/** One rule's findings on a report, with the rubric chosen as `selfeval check` chooses it. */
export async function ruleFindings(rule: CheckRule, report: Report): Promise<Finding[]> {
  return checkReport(report, await loadRubric(), [rule]).findings;
}

/** Errors and warnings only: what a reviewer is asked to act on. */
export function loud(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity !== 'info');
}
