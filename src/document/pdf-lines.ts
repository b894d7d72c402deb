/** A text item of a PDF page in page space (y grows upwards, as in PDF). */
export interface TextPiece {
  text: string;
  x: number; // left edge
  y: number; // baseline
  width: number;
  size: number; // font height
}

/** Items that sit close together on a line: one cell of a table, or a whole line of running text. */
export interface Segment {
  text: string;
  x0: number;
  x1: number;
}

export interface PageLine {
  y: number; // baseline
  size: number; // largest font height on the line
  segments: Segment[]; // left to right
}

/** Gap, in font heights, above which two items on a line get a space between them. */
const SPACE_GAP = 0.2;
/** Gap, in font heights, above which two items on a line are in different segments (table cells). */
export const SEGMENT_GAP = 0.45;
/** Baselines closer than this, in font heights, are the same line. */
const BASELINE_TOLERANCE = 0.4;

function joinPieces(left: string, right: string, gap: number, size: number): string {
  if (gap <= SPACE_GAP * size || /\s$/.test(left) || /^\s/.test(right)) return left + right;
  return `${left} ${right}`;
}

/** A gap that holds a space character and is at most this wide (font heights) is a word space, never a cell border. */
const WORD_SPACE = 1.2;

/**
 * Group a page's text pieces into lines by baseline, left to right, split into segments at wide gaps. Blank pieces
 * (the spaces a producer writes as items of their own) split nothing: a gap they fill of at most ~1 em is a word space
 * (a justified or plain-text line keeps its spaces and stays one segment).
 */
export function pageLines(pieces: readonly TextPiece[]): PageLine[] {
  const sorted = pieces.filter((p) => p.text !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: TextPiece[][] = [];
  for (const piece of sorted) {
    const current = groups[groups.length - 1];
    const reference = current?.[0];
    if (current && reference && Math.abs(reference.y - piece.y) <= BASELINE_TOLERANCE * Math.min(reference.size, piece.size)) current.push(piece);
    else groups.push([piece]);
  }
  return groups.filter((group) => group.some((i) => i.text.trim() !== '')).map((group) => {
    const items = [...group].sort((a, b) => a.x - b.x);
    const size = Math.max(...items.filter((i) => i.text.trim() !== '').map((i) => i.size));
    const segments: Segment[] = [];
    let spaced = false; // a blank piece sits between the last segment and the next piece
    for (const item of items) {
      const last = segments[segments.length - 1];
      if (item.text.trim() === '') {
        if (last && item.x - last.x1 < SEGMENT_GAP * size) spaced = true;
        continue;
      }
      const gap = last ? item.x - last.x1 : Number.POSITIVE_INFINITY;
      const wordSpace = spaced && gap <= WORD_SPACE * size;
      spaced = false;
      if (last && wordSpace) {
        // a space as wide as LibreOffice's autospacing between Chinese and digits (0.2 em) is not the author's
        last.text = joinPieces(last.text, item.text, gap, size);
        last.x1 = Math.max(last.x1, item.x + item.width);
      } else if (last && gap < SEGMENT_GAP * size) {
        last.text = joinPieces(last.text, item.text, gap, size);
        last.x1 = Math.max(last.x1, item.x + item.width);
      } else {
        segments.push({ text: item.text, x0: item.x, x1: item.x + item.width });
      }
    }
    for (const segment of segments) segment.text = segment.text.trim();
    return { y: items[0]!.y, size, segments };
  });
}

/** The text of a line read as running text: segments joined by one space. */
export function lineText(line: PageLine): string {
  return line.segments.map((s) => s.text).join(' ').trim();
}

const PAGE_NUMBER = /^[-—–－\s]*(?:第\s*)?\d{1,4}\s*(?:页)?\s*(?:[/／]\s*\d{1,4}|共\s*\d{1,4}\s*页)?\s*(?:页)?[-—–－\s]*$/u;

/** A page header/footer line to leave out: a page number alone ("3", "- 3 -", "第 3 页", "3/12") near the top or bottom. */
export function isPageNumberLine(line: PageLine, pageHeight: number): boolean {
  if (!PAGE_NUMBER.test(lineText(line))) return false;
  return line.y < pageHeight * 0.12 || line.y > pageHeight * 0.9;
}
