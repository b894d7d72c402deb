import { StopReading, walkXmlChunks } from './xml-events.js';
import { displayNumber, formatCodeOf } from './xlsx-number-format.js';

export const SPREADSHEET_NS = ['http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main'];

/** Workbook-wide parts a sheet's cells refer to. */
export interface WorkbookParts {
  sharedStrings: string[];
  cellFormats: number[]; // cellXfs index → numFmtId
  numberFormats: Map<number, string>; // custom numFmtId → format code
  date1904: boolean;
}

export interface SheetLimits {
  maxRows: number; // rows with a value
  maxColumns: number;
}

export interface MergeRange {
  top: number; left: number; bottom: number; right: number; // 1-based, inclusive
}

export type SheetRead =
  | { ok: true; cells: Map<number, Map<number, string>>; merges: MergeRange[] }
  | { ok: false; reason: 'too-many-rows' | 'too-many-columns' };

/** "F9" → { row: 9, column: 6 }. */
export function parseCellRef(ref: string): { row: number; column: number } | null {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!match) return null;
  let column = 0;
  for (const ch of match[1]!.toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(match[2]), column };
}

export function cellRef(row: number, column: number): string {
  let letters = '';
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row}`;
}

function parseRange(ref: string): MergeRange | null {
  const [from, to] = ref.split(':');
  const a = from ? parseCellRef(from) : null;
  const b = to ? parseCellRef(to) : a;
  if (!a || !b) return null;
  return { top: Math.min(a.row, b.row), left: Math.min(a.column, b.column), bottom: Math.max(a.row, b.row), right: Math.max(a.column, b.column) };
}

/**
 * Cell texts of one worksheet part (as the cells display them) and its merged ranges. Stops as soon as the sheet has
 * more rows with values than `limits.maxRows`: the part is inflated as it is parsed, so a 300k-row sheet costs only
 * its first rows.
 */
export async function readSheetXml(xml: AsyncIterable<Uint8Array>, parts: WorkbookParts, limits: SheetLimits): Promise<SheetRead> {
  const cells = new Map<number, Map<number, string>>();
  const merges: MergeRange[] = [];
  let rowNumber = 0;
  let columnNumber = 0;
  let cell: { type: string; style: number; value: string; inline: string; inValue: boolean; inInline: boolean; inT: boolean; inPhonetic: boolean } | null = null;
  let exceeded: 'too-many-rows' | 'too-many-columns' | null = null;

  const finishCell = () => {
    if (!cell) return;
    const text = cellText(cell.type, cell.style, cell.value, cell.inline, parts).trim();
    if (text !== '') {
      if (columnNumber > limits.maxColumns) {
        exceeded = 'too-many-columns';
        throw new StopReading();
      }
      let row = cells.get(rowNumber);
      if (!row) {
        if (cells.size >= limits.maxRows) {
          exceeded = 'too-many-rows';
          throw new StopReading();
        }
        row = new Map();
        cells.set(rowNumber, row);
      }
      row.set(columnNumber, text);
    }
    cell = null;
  };

  try {
    await walkXmlChunks(xml, SPREADSHEET_NS, {
      open(name, attributes) {
        if (name === 'row') {
          rowNumber = attributes.r ? Number(attributes.r) : rowNumber + 1;
          columnNumber = 0;
        } else if (name === 'c') {
          const ref = attributes.r ? parseCellRef(attributes.r) : null;
          if (ref) rowNumber = ref.row;
          columnNumber = ref ? ref.column : columnNumber + 1;
          cell = { type: attributes.t ?? 'n', style: Number(attributes.s ?? 0), value: '', inline: '', inValue: false, inInline: false, inT: false, inPhonetic: false };
        } else if (cell && name === 'v') cell.inValue = true;
        else if (cell && name === 'is') cell.inInline = true;
        else if (cell && name === 'rPh') cell.inPhonetic = true;
        else if (cell && name === 't') cell.inT = true;
        else if (name === 'mergeCell' && attributes.ref) {
          const range = parseRange(attributes.ref);
          if (range) merges.push(range);
        }
      },
      close(name) {
        if (name === 'c') finishCell();
        else if (cell && name === 'v') cell.inValue = false;
        else if (cell && name === 'is') cell.inInline = false;
        else if (cell && name === 'rPh') cell.inPhonetic = false;
        else if (cell && name === 't') cell.inT = false;
      },
      text(text) {
        if (!cell) return;
        if (cell.inValue) cell.value += text;
        else if (cell.inInline && cell.inT && !cell.inPhonetic) cell.inline += text;
      },
    });
  } catch (error) {
    if (error instanceof StopReading && exceeded) return { ok: false, reason: exceeded };
    throw error;
  }
  return { ok: true, cells, merges };
}

function cellText(type: string, style: number, value: string, inline: string, parts: WorkbookParts): string {
  switch (type) {
    case 's': return parts.sharedStrings[Number(value)] ?? '';
    case 'inlineStr': return inline || value;
    case 'str': return value;
    case 'b': return value.trim() === '1' ? 'TRUE' : value.trim() === '0' ? 'FALSE' : value;
    case 'e': return value;
    default: {
      if (value.trim() === '') return '';
      const numFmtId = parts.cellFormats[style] ?? 0;
      return displayNumber(value, formatCodeOf(numFmtId, parts.numberFormats), parts.date1904);
    }
  }
}
