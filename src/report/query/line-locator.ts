import type { DocumentLocation, Paragraph, Report } from '../../model/index.js';
import { locationKeys, locationKey } from './location-key.js';

/** Report lines ↔ places in the original (ReportQuery.locate / lineOf); its indexes are built on first use. */
export class LineLocator {
  private cellRows?: Map<number, Paragraph>; // table-row paragraphs by first line, the first in report order per line
  private lineByPlace?: Map<string, number>;

  constructor(private readonly report: Pick<Report, 'lineLocations' | 'paragraphs'>) {}

  /**
   * Where report line `line` is in the original: the line of a text file, a paragraph or table row of a .docx, a page
   * line of a PDF, a sheet row of a workbook. With `column` (1-based, in the row's normalised text as figures give it)
   * a table row narrows to its cell.
   */
  locate(line: number, column?: number): DocumentLocation | undefined {
    const location = this.report.lineLocations?.[line - 1];
    if (!location) return undefined;
    if (column === undefined) return { ...location };
    if (!this.cellRows) {
      this.cellRows = new Map();
      for (const p of this.report.paragraphs) if (p.cells !== undefined && !this.cellRows.has(p.line)) this.cellRows.set(p.line, p);
    }
    const row = this.cellRows.get(line);
    if (!row?.cells) return { ...location };
    const cell = row.text.slice(0, Math.max(0, column - 1)).split('\t').length - 1;
    return { ...(row.cells[cell] ?? location) };
  }

  /** The report line of a place (a sheet row or cell, a table row, a PDF page line, a docx paragraph, a text line). */
  lineOf(location: DocumentLocation): number | undefined {
    if (!this.lineByPlace) {
      const byPlace = new Map<string, number>();
      (this.report.lineLocations ?? []).forEach((place, i) => {
        for (const key of locationKeys(place)) if (!byPlace.has(key)) byPlace.set(key, i + 1);
      });
      this.lineByPlace = byPlace;
    }
    const key = locationKey(location);
    return key === null ? undefined : this.lineByPlace.get(key);
  }
}
