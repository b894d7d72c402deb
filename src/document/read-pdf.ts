import { buildLineView, type PendingBlock } from './line-view.js';
import { gridBlock } from './pdf-grid-blocks.js';
import { gridTables, type GridTable } from './pdf-grid.js';
import { isPageNumberLine, pageLines, type PageLine, type TextPiece } from './pdf-lines.js';
import { pageRules, ruleBands, type PageMargins, type RuleBand } from './pdf-rule-bands.js';
import { readPageRulings, type Ruling } from './pdf-rulings.js';
import { textBlocks, type OpenTable } from './pdf-text-blocks.js';
import type { ReadResult } from './read-text.js';

/** Fewer visible characters than this in the whole file: no text layer (a scan). */
const MIN_TEXT = 20;
/** Time (ms) a document may spend reading drawing operators for ruled tables; later pages use text gaps alone. */
const RULING_BUDGET_MS = 15_000;

interface PdfItem {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
}

/** A pdf.js text item as a piece in page space (a space item kept: it tells a word space from a column gap); rotated text (watermarks, stamps) is left out. */
function pieceOf(item: PdfItem): TextPiece | null {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = item.transform ?? [];
  if (typeof item.str !== 'string' || item.str === '' || (item.str.trim() === '' && !(item.width && item.width > 0))) return null;
  if (Math.abs(b) > 0.01 * Math.abs(a) || Math.abs(c) > 0.01 * Math.abs(d) || a <= 0) return null;
  const size = Math.hypot(c, d) || item.height || 10;
  return { text: item.str, x: e, y: f, width: item.width ?? 0, size };
}

/** Does a page look as if it holds a table (two lines or more split into several segments)? */
function looksTabular(lines: readonly PageLine[]): boolean {
  return lines.filter((line) => line.segments.length >= 2).length >= 2;
}

/**
 * One page's blocks: ruled tables where the page draws a grid, and between them the remaining lines read as running
 * text or text-gap tables (a 三线表's rules, `rules.bands`, bounding theirs; the running header and footer, inside
 * `rules.margins`, never ending a table). A ruled table first on the page continues the ruled table the page before ended with.
 */
function pageBlocks(page: number, lines: readonly PageLine[], grids: readonly GridTable[], rules: { bands: readonly RuleBand[]; margins: PageMargins }, all: readonly PageLine[], pageHeight: number, tableCount: { value: number }, open: OpenTable | null): { blocks: PendingBlock[]; open: OpenTable | null } {
  const blocks: PendingBlock[] = [];
  // line numbers count every line of the page, those inside ruled tables too
  const numberAt = (y: number) => {
    const k = all.findIndex((line) => Math.abs(line.y - y) <= 0.4 * line.size);
    return k >= 0 ? k + 1 : all.filter((line) => line.y > y).length + 1;
  };
  let trailing = open;
  let start = 0;
  for (let g = 0; g <= grids.length; g += 1) {
    const grid = grids[g];
    let end = start;
    while (end < lines.length && (grid === undefined || lines[end]!.y + 0.3 * lines[end]!.size > grid.top)) end += 1;
    const stretch = lines.slice(start, end);
    const text = textBlocks(page, stretch, (i) => numberAt(stretch[i]!.y), pageHeight, tableCount, trailing, rules);
    blocks.push(...text.blocks);
    trailing = text.open;
    if (grid) {
      const first = blocks.length === 0 && stretch.every((line) => isPageNumberLine(line, pageHeight));
      const rowLines = grid.rows.map((_, r) => {
        const k = all.findIndex((line) => line.y < grid.ys[r]! && line.y > grid.ys[r + 1]!);
        return k >= 0 ? k + 1 : undefined;
      });
      const read = gridBlock(page, grid, rowLines, tableCount, trailing, first);
      if (read.block) blocks.push(read.block);
      trailing = read.open;
    }
    start = end;
  }
  return { blocks, open: trailing };
}

/** One page as read: its text pieces and rulings in page space, and its box. */
export interface PageInput {
  pieces: TextPiece[];
  rulings: Ruling[] | null;
  bottom: number;
  height: number;
}

/** The blocks of a document's pages, in order: ruled tables, text-gap tables, paragraphs, tables joined over breaks. */
export function assemblePages(pages: readonly PageInput[]): PendingBlock[] {
  const blocks: PendingBlock[] = [];
  const tableCount = { value: 0 };
  let open: OpenTable | null = null;
  pages.forEach(({ pieces, rulings, bottom, height }, k) => {
    const grids = rulings ? gridTables(rulings, pieces, open?.textColumns ? open.xs : undefined) : [];
    const held = new Set(grids.flatMap((grid) => [...grid.pieces].map((i) => pieces[i]!)));
    const shift = (piece: TextPiece) => ({ ...piece, y: piece.y - bottom });
    const lines = pageLines(pieces.filter((piece) => !held.has(piece)).map(shift));
    const shifted = grids.map((grid) => ({ ...grid, top: grid.top - bottom, bottom: grid.bottom - bottom, ys: grid.ys.map((y) => y - bottom) }));
    const all = pageLines(pieces.map(shift));
    const { bands, margins } = pageRules((rulings ? ruleBands(rulings, grids) : []).map((band) => ({ ...band, rules: band.rules.map((y) => y - bottom) })), all, height);
    const read = pageBlocks(k + 1, lines, shifted, { bands, margins }, all, height, tableCount, open);
    blocks.push(...read.blocks);
    open = read.open;
  });
  return blocks;
}

/**
 * A PDF with a text layer: ruled tables rebuilt from the page's drawn lines, other text items grouped into lines by
 * baseline and ordered by x, text-gap tables outside the grids, tables continued over a page break joined, page
 * numbers alone on a line dropped. No text layer → read by OCR when tesseract is installed (the Document says `ocr`),
 * else `pdf-no-text`; unreadable → thrown (corrupt-file).
 */
export async function readPdf(name: string, bytes: Uint8Array): Promise<ReadResult> {
  const { getDocumentProxy } = await import('unpdf');
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  const pages: PageInput[] = [];
  let characters = 0;
  try {
    // SELFEVAL_PDF_RULINGS=off reads by text gaps alone (the reader before ruled tables; for comparison in the bench)
    let budget = process.env.SELFEVAL_PDF_RULINGS === 'off' ? 0 : RULING_BUDGET_MS;
    for (let p = 1; p <= pdf.numPages; p += 1) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      const pieces = (content.items as PdfItem[]).map(pieceOf).filter((piece): piece is TextPiece => piece !== null);
      characters += pieces.reduce((n, piece) => n + piece.text.replace(/\s/g, '').length, 0);
      const [left = 0, bottom = 0, right = 595, top = 842] = page.view;
      let rulings: Ruling[] | null = null;
      if (budget > 0 && pieces.length > 0 && looksTabular(pageLines(pieces))) {
        const started = Date.now();
        rulings = await readPageRulings(page, (right - left) * (top - bottom));
        budget -= Date.now() - started;
      }
      pages.push({ pieces, rulings, bottom, height: top - bottom });
      page.cleanup();
    }
  } finally {
    await pdf.destroy();
  }
  if (characters < MIN_TEXT) return (await import('./read-scan.js')).readScan(name, bytes);
  return { ok: true, document: { name, format: 'pdf', encoding: 'binary', ...buildLineView(assemblePages(pages)) } };
}
