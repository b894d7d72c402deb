import type { DocumentLocation } from '../../model/index.js';

/** The row number of a sheet cell reference: "F9" → 9. */
function rowOfCell(cell: string | undefined): number | undefined {
  const m = /^[A-Z]+(\d+)$/u.exec(cell ?? '');
  return m ? Number(m[1]) : undefined;
}

/**
 * A place as a lookup key at the grain of one report line: a sheet row, a table row, a PDF page line, a docx paragraph,
 * a text line. Columns and cells narrow a line and are dropped. Null when the location says nothing of a line.
 */
export function locationKey(location: DocumentLocation): string | null {
  const row = location.row ?? rowOfCell(location.cell);
  if (location.sheet !== undefined && row !== undefined) return `sheet:${location.sheet}:${row}`;
  if (location.table !== undefined && row !== undefined) return `table:${location.table}:${row}`;
  if (location.page !== undefined && location.line !== undefined) return `page:${location.page}:${location.line}`;
  if (location.paragraph !== undefined) return `paragraph:${location.paragraph}`;
  if (location.line !== undefined && location.page === undefined) return `line:${location.line}`;
  return null;
}

/** The keys a line's own location answers to (one today; a list so a format can add aliases). */
export function locationKeys(location: DocumentLocation): string[] {
  const key = locationKey(location);
  return key === null ? [] : [key];
}
