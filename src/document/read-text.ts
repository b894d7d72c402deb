import type { Block, Document, ParseProblem, TableCell } from '../model/index.js';
import { decodeText, looksBinary } from './decode-text.js';
import { findMarkdownTables, markdownCells } from './markdown-table.js';
import { findTabTables, tabCells } from './tab-table.js';
import { problem } from './problems.js';

export type ReadResult = { ok: true; document: Document } | { ok: false; problem: ParseProblem };

/** Lines of decoded text exactly as the file has them (BOM dropped; CRLF, LF and CR all end a line). */
export function textLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
}

interface TextTable {
  start: number;
  end: number;
  cells: (index: number) => TableCell[][];
}

/** Pipe tables, and tab-separated tables where no pipe table is. */
function textTables(lines: readonly string[]): TextTable[] {
  const markdown: TextTable[] = findMarkdownTables(lines).map((t) => ({ start: t.start, end: t.end, cells: (n) => markdownCells(t, n) }));
  const taken = (start: number, end: number) => markdown.some((m) => start < m.end && end > m.start);
  const tabbed: TextTable[] = findTabTables(lines)
    .filter((t) => !taken(t.start, t.end))
    .map((t) => ({ start: t.start, end: t.end, cells: (n) => tabCells(lines, t, n) }));
  return [...markdown, ...tabbed].sort((a, b) => a.start - b.start);
}

/**
 * Blocks of plain text: one paragraph per non-blank line; markdown pipe tables and tab-separated tables (pasted from
 * Excel or Word) as table blocks whose cells keep their file line.
 */
export function textBlocks(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  const tables = textTables(lines);
  let next = 0;
  for (let i = 0; i < lines.length; i += 1) {
    const table = tables[next];
    if (table && table.start === i) {
      next += 1;
      blocks.push({ kind: 'table', rows: table.cells(next), name: null, location: { line: i + 1, table: next }, line: i + 1 });
      i = table.end - 1;
      continue;
    }
    const text = lines[i]!.trim();
    if (text !== '') blocks.push({ kind: 'paragraph', text, location: { line: i + 1 }, line: i + 1 });
  }
  return blocks;
}

/** A .txt/.md report: UTF-8 (BOM or not), UTF-16 with BOM, else GB18030; the line view is exactly the file's lines. */
export function readText(name: string, format: 'txt' | 'md', bytes: Uint8Array): ReadResult {
  if (looksBinary(bytes)) return { ok: false, problem: problem('binary-file') };
  const decoded = decodeText(bytes);
  const lines = textLines(decoded.text);
  if (lines.every((line) => line.trim() === '')) return { ok: false, problem: problem('empty-file') };
  return {
    ok: true,
    document: {
      name,
      format,
      encoding: decoded.encoding,
      blocks: textBlocks(lines),
      lines,
      lineLocations: lines.map((_, i) => ({ line: i + 1 })),
    },
  };
}
