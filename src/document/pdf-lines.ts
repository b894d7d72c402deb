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

/** Characters a CJK font sets one em wide. */
const WIDE_CHAR = /[\p{Script=Han}\u3000-\u303f\uff01-\uff60\uffe0-\uffe6]/u;

/**
 * A run's text with the pieces drawn inside it put in the blanks left for them: walking the run from its left edge
 * (Chinese characters and full-width punctuation one em, other characters sharing the width left), a blank where the
 * next inner piece starts (within half an em) takes that piece's text and width. Returns the text and the pieces used.
 */
function fillBlanks(host: TextPiece, inner: readonly TextPiece[]): { text: string; used: Set<TextPiece> } {
  const chars = [...host.text];
  const wide = chars.filter((ch) => WIDE_CHAR.test(ch)).length;
  const blanks = chars.filter((ch) => /\s/u.test(ch)).length;
  const innerWidth = inner.reduce((sum, p) => sum + p.width, 0);
  const narrowCount = chars.length - wide - blanks + Math.max(0, blanks - inner.length);
  const narrow = Math.max(0, host.width - wide * host.size - innerWidth) / Math.max(1, narrowCount);
  const used = new Set<TextPiece>();
  let x = host.x;
  let j = 0;
  let text = '';
  for (const ch of chars) {
    const next = inner[j];
    if (/\s/u.test(ch) && next && Math.abs(next.x - x) <= 0.5 * host.size) {
      text += next.text;
      x += next.width;
      used.add(next);
      j += 1;
    } else {
      text += ch;
      x += WIDE_CHAR.test(ch) ? host.size : narrow;
    }
  }
  return { text, used };
}

/**
 * Put pieces drawn inside another piece's span back into its text. A producer that sets quotes or digits in a second
 * font (LibreOffice printing plain text: `“` `”` in a Latin font) writes the Chinese run as one item with a blank
 * where each such glyph goes, and the glyphs as items of their own at those places; ordered by their start they would
 * all come after the run (`评价等级为 优 。“”`). A piece that starts on a blank of a wider piece takes that blank's
 * place (`评价等级为“优”。`); other overlaps (no blank where they sit) are left in order of their start.
 */
function interleave(items: readonly TextPiece[]): TextPiece[] {
  const hosts = items.filter((h) => /\S\s+\S/u.test(h.text) && h.width > 0).sort((a, b) => b.width - a.width);
  if (hosts.length === 0) return [...items];
  const taken = new Set<TextPiece>();
  const texts = new Map<TextPiece, string>();
  for (const host of hosts) {
    if (taken.has(host)) continue;
    const inner = items.filter((p) => p !== host && !taken.has(p) && !texts.has(p) && p.text.trim() !== '' && p.width < host.width / 2
      && p.x >= host.x - 0.5 && p.x + p.width <= host.x + host.width + 0.5).sort((a, b) => a.x - b.x);
    if (inner.length === 0) continue;
    const { text, used } = fillBlanks(host, inner);
    if (used.size === 0) continue;
    texts.set(host, text);
    for (const p of used) taken.add(p);
  }
  return items.filter((item) => !taken.has(item)).map((item) => (texts.has(item) ? { ...item, text: texts.get(item)! } : item));
}

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
    const items = interleave(group).sort((a, b) => a.x - b.x);
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
