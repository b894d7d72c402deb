import type { Document, TableBlock } from '../model/index.js';
import { weightInTitle } from './narrative-scores.js';
import { findTableColumns } from './table-columns.js';
import { cellText, type TableView } from './table-rows.js';

/**
 * A PDF prints some tables in pieces: when a row is written across the table ("一、部门管理（40分）") its cells do not
 * line up, and the PDF reader gives back the header row and such block rows as paragraphs and the rows between them as
 * separate tables. Such a piece gets its header back — the paragraph right above it whose words are the columns'
 * headers, or the header of the piece it continues (same width, only short paragraphs between) — and the block named
 * in the paragraph right above it. Tables that have their own header are left as they are.
 */
export interface RestoredView {
  view: TableView;
  block: string | null; // the block title written right above the piece, "一、部门管理（40分）"
}

/** How many paragraphs above a piece are looked at (header, block title). */
const LOOK_BACK_BLOCKS = 3;
const SHORT_TEXT = 30;

function widthOf(view: TableView): number {
  return Math.max(0, ...view.texts.map((row) => row.length));
}

/** The header row of a table that has one, as its cell texts (null when none or two header rows). */
function ownHeader(view: TableView): string[] | null {
  const columns = findTableColumns(view.texts, 0);
  if (!columns || columns.firstDataRow - columns.headerRow !== 1) return null;
  return view.texts[columns.headerRow]!;
}

function withHeader(view: TableView, header: readonly string[], line: number): TableView {
  const location = { ...view.block.location };
  const block: TableBlock = { ...view.block, rows: [header.map((text) => ({ text, location })), ...view.block.rows] };
  return { ...view, block, texts: [[...header], ...view.texts], lines: [line, ...view.lines] };
}

export function restoreTableHeaders(document: Pick<Document, 'blocks'>, views: readonly TableView[]): RestoredView[] {
  const out: RestoredView[] = [];
  let previous: { header: string[]; width: number } | null = null;
  for (const view of views) {
    const width = widthOf(view);
    const own = ownHeader(view);
    if (own || findTableColumns(view.texts, 0)) {
      previous = own ? { header: own, width } : null;
      out.push({ view, block: null });
      continue;
    }
    const at = document.blocks.indexOf(view.block);
    const above: { text: string; words: string[]; line: number }[] = [];
    for (let i = at - 1; i >= 0 && above.length < LOOK_BACK_BLOCKS; i -= 1) {
      const block = document.blocks[i]!;
      if (block.kind === 'table') break;
      above.push({ text: cellText(block.text), words: block.text.trim().split(/\s+/u).map(cellText), line: block.line });
    }
    const title = above.find((p) => p.text.length <= SHORT_TEXT && weightInTitle(p.text) !== null)?.text ?? null;
    const headerParagraph = above.find((p) => p.words.length === width && findTableColumns([p.words])?.score != null);
    if (headerParagraph) {
      const header = headerParagraph.words;
      previous = { header, width };
      out.push({ view: withHeader(view, header, headerParagraph.line), block: title });
      continue;
    }
    const continues = previous !== null && previous.width === width && at > 0 && above.every((p) => p.text.length <= SHORT_TEXT);
    out.push(continues ? { view: withHeader(view, previous!.header, view.lines[0]!), block: title } : { view, block: null });
  }
  return out;
}
