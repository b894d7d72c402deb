import type { Block, DocumentLocation, TableCell } from '../model/index.js';

/** A block as a reader finds it, before the line view gives it its `line`. */
export type PendingBlock =
  | { kind: 'heading'; text: string; level: number | null; location: DocumentLocation }
  | { kind: 'paragraph'; text: string; location: DocumentLocation }
  | {
    kind: 'table';
    rows: TableCell[][];
    name: string | null;
    location: DocumentLocation;
    rowLocations: DocumentLocation[]; // where each row is, for Document.lineLocations
  };

export interface LineView {
  blocks: Block[];
  lines: string[];
  lineLocations: DocumentLocation[];
}

/** One line of the line view: tabs and line breaks inside a cell or paragraph become spaces. */
export function flattenLine(text: string): string {
  return text.replace(/[ \t]*[\t\r\n]+[ \t]*/g, ' ');
}

export function rowLine(cells: readonly TableCell[]): string {
  return cells.map((cell) => flattenLine(cell.text)).join('\t');
}

/**
 * The line view of a docx/pdf/xlsx document: one line per heading or paragraph and one line per table row (cells
 * joined by a tab), in document order; every block gets the line it starts on.
 */
export function buildLineView(pending: readonly PendingBlock[]): LineView {
  const blocks: Block[] = [];
  const lines: string[] = [];
  const lineLocations: DocumentLocation[] = [];
  for (const block of pending) {
    const line = lines.length + 1;
    if (block.kind === 'table') {
      const { rowLocations, ...table } = block;
      block.rows.forEach((cells, r) => {
        lines.push(rowLine(cells));
        lineLocations.push(rowLocations[r] ?? block.location);
      });
      if (block.rows.length > 0) blocks.push({ ...table, line });
      continue;
    }
    lines.push(flattenLine(block.text));
    lineLocations.push(block.location);
    blocks.push({ ...block, line });
  }
  return { blocks, lines, lineLocations };
}

/** Pad every row to the widest row with empty cells so the grid is rectangular. */
export function rectangular(rows: TableCell[][], locationOf: (row: number, column: number) => DocumentLocation): TableCell[][] {
  const width = Math.max(0, ...rows.map((r) => r.length));
  return rows.map((cells, r) => {
    const padded = [...cells];
    for (let c = cells.length; c < width; c += 1) padded.push({ text: '', location: locationOf(r, c) });
    return padded;
  });
}
