import { basename, extname } from 'node:path';
import type { IndicatorNode, Report, SourceFormat } from '../model/index.js';
import { READABLE_LIST, formatOf, readDocument } from '../document/read-document.js';
import { parseDocument } from '../report/parse-document.js';
import { indicatorLeaves } from '../report/indicators.js';
import { splitParagraphs } from '../report/split-paragraphs.js';
import { MAX_REPORT_BYTES } from '../report/problems.js';
import { chunkMarkdown } from './chunk-markdown.js';
import { chunkParagraphs } from './chunk-paragraphs.js';
import type { ChunkDraft } from './chunk-pack.js';

export type { ChunkDraft } from './chunk-pack.js';

export type DocumentKind = 'guide' | 'report' | 'document';

export interface ChunkedDocument {
  kind: DocumentKind;
  title: string;
  department: string | null;
  year: number | null;
  chunks: ChunkDraft[];
  /** Scored leaves of a report's indicator tree (empty for other documents). */
  indicators: IndicatorNode[];
  /** The parsed report, when the file is one (its totals and findings are kept beside the chunks). */
  report?: Report;
}

export type ChunkResult = { ok: true; document: ChunkedDocument } | { ok: false; message: string };

/** The format a file would be ingested as (what `selfeval check` reads), or undefined when it is not readable. */
export function ingestFormatOf(name: string): SourceFormat | undefined {
  const found = formatOf(name);
  return found.ok ? found.format : undefined;
}

const MARKDOWN_HEADING = /^#{1,6}\s+\S/m;

/**
 * Read a file's bytes into chunks. Markdown with `#` headings is chunked along its heading tree (guides); other text
 * is parsed as a report (chunks per report section, plus its indicators), and when it is not a report, chunked as a
 * plain document along the parser's 一、/（一） outline. Never throws for bad input.
 */
export async function chunkFile(name: string, bytes: Uint8Array): Promise<ChunkResult> {
  const format = ingestFormatOf(name);
  const fallbackTitle = basename(name, extname(name));
  if (!format) return { ok: false, message: `不支持 ${extname(name) || '（无扩展名）'} 格式，只能入库 ${READABLE_LIST} 文件。` };
  if (bytes.length === 0) return { ok: false, message: '文件是空的。' };
  if (bytes.length > MAX_REPORT_BYTES) return { ok: false, message: `文件过大（超过 ${MAX_REPORT_BYTES / 1024 / 1024} MB）。` };
  // The same readers as `selfeval check` (docx/pdf tables, zip limits, row caps), so an ingested report keeps its table.
  const read = await readDocument(basename(name), bytes);
  if (!read.ok) return { ok: false, message: read.problem.message };
  const text = read.document.lines.join('\n');
  if (text.trim() === '') return { ok: false, message: '文件是空的。' };

  if (format === 'md' && MARKDOWN_HEADING.test(text)) {
    const { title, chunks } = chunkMarkdown(text);
    return { ok: true, document: { kind: 'guide', title: title ?? fallbackTitle, department: null, year: null, chunks, indicators: [] } };
  }
  const parsed = parseDocument(read.document);
  if (parsed.ok) return { ok: true, document: fromReport(parsed.report, fallbackTitle) };
  if (format === 'xlsx') return { ok: false, message: parsed.problems[0]?.message ?? '无法读取这个 Excel 文件。' };
  if (MARKDOWN_HEADING.test(text)) {
    const { title, chunks } = chunkMarkdown(text);
    return { ok: true, document: { kind: 'document', title: title ?? fallbackTitle, department: null, year: null, chunks, indicators: [] } };
  }
  const lines = read.document.lines;
  const { paragraphs } = splitParagraphs(lines);
  const firstLine = lines.map((l) => l.trim()).find((l) => l !== '');
  const title = firstLine && firstLine.length <= 40 ? firstLine : fallbackTitle;
  return { ok: true, document: { kind: 'document', title, department: null, year: null, chunks: chunkParagraphs(paragraphs), indicators: [] } };
}

function fromReport(report: Report, fallbackTitle: string): ChunkedDocument {
  const chunks =
    report.paragraphs.length > 0
      ? chunkParagraphs(report.paragraphs)
      : chunkParagraphs(splitParagraphs(report.lines).paragraphs);
  const title = report.title.replace(/\s+/g, '') || fallbackTitle;
  return {
    kind: 'report',
    title: report.department && !title.includes(report.department) ? `${report.department}${title}` : title,
    department: report.department,
    year: report.year,
    chunks,
    indicators: indicatorLeaves(report.indicators),
    report,
  };
}
