import type { DocumentLocation, TableCell } from '../model/index.js';
import { buildLineView, type PendingBlock } from './line-view.js';
import { isPageNumberLine, lineText, pageLines, type PageLine, type TextPiece } from './pdf-lines.js';
import { findPdfTables } from './pdf-tables.js';
import { problem } from './problems.js';
import type { ReadResult } from './read-text.js';

/** Fewer visible characters than this in the whole file: no text layer (a scan). */
const MIN_TEXT = 20;

interface PdfItem {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
}

/** A pdf.js text item as a piece in page space; rotated text (watermarks, stamps) is left out. */
function pieceOf(item: PdfItem): TextPiece | null {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = item.transform ?? [];
  if (typeof item.str !== 'string' || item.str.trim() === '') return null;
  if (Math.abs(b) > 0.01 * Math.abs(a) || Math.abs(c) > 0.01 * Math.abs(d) || a <= 0) return null;
  const size = Math.hypot(c, d) || item.height || 10;
  return { text: item.str, x: e, y: f, width: item.width ?? 0, size };
}

/** One page's blocks: running-text lines as paragraphs, line runs that form columns as tables. */
function pageBlocks(page: number, lines: readonly PageLine[], pageHeight: number, tableCount: { value: number }): PendingBlock[] {
  const blocks: PendingBlock[] = [];
  const tables = findPdfTables(lines);
  let next = 0;
  for (let i = 0; i < lines.length; i += 1) {
    const table = tables[next];
    if (table && table.firstLine === i) {
      next += 1;
      tableCount.value += 1;
      const index = tableCount.value;
      const rows: TableCell[][] = table.rows.map((row, r) =>
        row.cells.map((text, c) => ({ text, location: { page, line: row.line + 1, table: index, row: r + 1, column: c + 1 } })));
      const rowLocations: DocumentLocation[] = table.rows.map((row, r) => ({ page, line: row.line + 1, table: index, row: r + 1 }));
      blocks.push({ kind: 'table', rows, name: null, location: { page, table: index }, rowLocations });
      i = table.lastLine;
      continue;
    }
    const line = lines[i]!;
    if (isPageNumberLine(line, pageHeight)) continue;
    const text = lineText(line);
    if (text !== '') blocks.push({ kind: 'paragraph', text, location: { page, line: i + 1 } });
  }
  return blocks;
}

/**
 * A PDF with a text layer: text items grouped into lines by baseline and ordered by x, tables rebuilt from column
 * gaps, page numbers alone on a line dropped. No text layer → `pdf-no-text`; unreadable → thrown (corrupt-file).
 */
export async function readPdf(name: string, bytes: Uint8Array): Promise<ReadResult> {
  const { getDocumentProxy } = await import('unpdf');
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  try {
    const blocks: PendingBlock[] = [];
    const tableCount = { value: 0 };
    let characters = 0;
    for (let p = 1; p <= pdf.numPages; p += 1) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      const pieces = (content.items as PdfItem[]).map(pieceOf).filter((piece): piece is TextPiece => piece !== null);
      characters += pieces.reduce((n, piece) => n + piece.text.replace(/\s/g, '').length, 0);
      const [, bottom = 0, , top = 842] = page.view;
      const lines = pageLines(pieces.map((piece) => ({ ...piece, y: piece.y - bottom })));
      blocks.push(...pageBlocks(p, lines, top - bottom, tableCount));
      page.cleanup();
    }
    if (characters < MIN_TEXT) return { ok: false, problem: problem('pdf-no-text') };
    return { ok: true, document: { name, format: 'pdf', encoding: 'binary', ...buildLineView(blocks) } };
  } finally {
    await pdf.destroy();
  }
}
