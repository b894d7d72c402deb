import { basename, extname } from 'node:path';
import { readFile, stat } from 'node:fs/promises';
import type { ParseProblem, ParseResult, Report, SourceFormat } from '../model/index.js';
import { splitParagraphs } from './split-paragraphs.js';
import { buildOutline } from './outline.js';
import { extractIndicators, indicatorLeaves } from './indicators.js';
import { extractStatedTotals } from './stated-totals.js';
import { extractFigures } from './figures.js';
import { extractReportText } from './extract-text.js';
import { parseScoreTable } from './score-table.js';
import { MAX_REPORT_BYTES, problem } from './problems.js';

export interface SourceInfo {
  name?: string;
  format?: SourceFormat;
  encoding?: string;
}

const YEAR = /(20\d{2})\s*年度?/u;
const DEPARTMENT = /(?:部门|单位)名称[：:]\s*(.+)$/u;
const REPORT_WORDS = /自评|绩效|评价|指标|预算/u;

function titleOf(report: Pick<Report, 'paragraphs' | 'sections'>): string {
  const firstHeadingLine = report.sections[0]?.line ?? Number.POSITIVE_INFINITY;
  const cover = report.paragraphs.filter((p) => p.line < firstHeadingLine);
  return (cover.find((p) => /报告|自评/u.test(p.text)) ?? cover[0])?.text ?? '';
}

/** Parse report text (already decoded and extracted) into the typed model. Never throws for bad input. */
export function parseReportText(text: string, source: SourceInfo = {}): ParseResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  if (lines.every((l) => l.trim() === '')) return { ok: false, problems: [problem('empty-file')] };
  const { headings, paragraphs } = splitParagraphs(lines);
  const sections = buildOutline(headings, lines.length);
  const { indicators, bonus } = extractIndicators(headings, paragraphs);
  const leaves = indicatorLeaves(indicators);
  const scored = leaves.filter((leaf) => leaf.score !== null);
  if (scored.length === 0) {
    const reportLike = paragraphs.some((p) => REPORT_WORDS.test(p.text)) && indicators.length > 0;
    return { ok: false, problems: [problem(reportLike ? 'no-scores' : 'not-a-report')] };
  }
  const partial = { paragraphs, sections };
  const title = titleOf(partial);
  const department = paragraphs.map((p) => DEPARTMENT.exec(p.text)?.[1]?.trim()).find((d) => d) ?? null;
  const year = YEAR.exec(title)?.[1] ?? paragraphs.map((p) => YEAR.exec(p.text)?.[1]).find((y) => y);
  const report: Report = {
    title,
    department,
    year: year ? Number(year) : null,
    source: { name: source.name ?? '<text>', format: source.format ?? 'txt', encoding: source.encoding ?? 'utf-8' },
    lines,
    paragraphs,
    sections,
    indicators,
    bonus,
    statedTotals: extractStatedTotals(paragraphs),
    figures: extractFigures(paragraphs),
  };
  const problems: ParseProblem[] = leaves
    .filter((leaf) => leaf.assessed && leaf.score === null)
    .map((leaf) => ({ code: 'missing-score', message: `指标“${leaf.name}”没有写明自评得分。`, line: leaf.line }));
  return { ok: true, report, problems };
}

const FORMATS: Record<string, SourceFormat> = { '.txt': 'txt', '.md': 'md', '.docx': 'docx', '.pdf': 'pdf', '.xlsx': 'xlsx' };

/** Read a report from bytes: pick the reader by the file name's extension. Never throws for bad input. */
export async function readReportBytes(name: string, bytes: Uint8Array): Promise<ParseResult> {
  const extension = extname(name).toLowerCase();
  const format = FORMATS[extension];
  if (!format) {
    const code = extension === '.doc' ? 'legacy-doc' : extension === '.xls' ? 'legacy-xls' : 'unknown-type';
    return { ok: false, problems: [problem(code, { extension: extension || '（无扩展名）' })] };
  }
  if (bytes.length === 0) return { ok: false, problems: [problem('empty-file')] };
  if (bytes.length > MAX_REPORT_BYTES) return { ok: false, problems: [problem('file-too-large', { size: bytes.length })] };
  if (format === 'xlsx') return parseScoreTable(name, bytes);
  const extracted = await extractReportText(format, bytes);
  if (!extracted.ok) return { ok: false, problems: [extracted.problem] };
  return parseReportText(extracted.text, { name: basename(name), format, encoding: extracted.encoding });
}

/** Read and parse a report file. Never throws for bad input; infrastructure errors become problems too. */
export async function readReportFile(path: string): Promise<ParseResult> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return { ok: false, problems: [problem('is-directory', { path })] };
    if (info.size > MAX_REPORT_BYTES) return { ok: false, problems: [problem('file-too-large', { size: info.size })] };
    return await readReportBytes(path, await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file-not-found' : 'unreadable-file';
    return { ok: false, problems: [problem(code, { path })] };
  }
}
