import { INK, type Gray } from './scan-image.js';

/**
 * A figure's shape measured in the image, to confirm what the recogniser read: the ink of a line cut into glyphs at
 * blank columns, each glyph classed by its height and place on the line — a digit (or %) is tall, a decimal point a
 * small mark on the baseline, a comma a small mark reaching below it, a minus a short mark in the middle. A reading
 * of a figure is trusted only when its characters have exactly these shapes in this order: a dropped decimal point
 * (2.5 read as 25) or a digit too many (了4) shows as a mismatch.
 */

/** D a digit, W a tall glyph wider than a digit (%, or digits that touch), . , - as themselves, ? anything else. */
export type GlyphClass = 'D' | 'W' | '.' | ',' | '-' | '?';

interface Glyph {
  x0: number;
  x1: number;
  top: number;
  bottom: number;
}

function glyphs(image: Gray): Glyph[] {
  const found: Glyph[] = [];
  let current: Glyph | null = null;
  for (let x = 0; x < image.width; x += 1) {
    let [top, bottom] = [Infinity, -Infinity];
    for (let y = 0; y < image.height; y += 1) {
      if (image.pixels[y * image.width + x]! < INK) {
        if (y < top) top = y;
        bottom = y + 1;
      }
    }
    if (bottom < 0) {
      current = null;
      continue;
    }
    if (!current) {
      current = { x0: x, x1: x + 1, top, bottom };
      found.push(current);
    } else {
      current.x1 = x + 1;
      current.top = Math.min(current.top, top);
      current.bottom = Math.max(current.bottom, bottom);
    }
  }
  return found;
}

/** The classes of a line's glyphs, left to right (digits that touch are one W: they cannot be counted). */
export function glyphClasses(image: Gray): GlyphClass[] {
  const all = glyphs(image);
  const height = Math.max(0, ...all.map((g) => g.bottom - g.top));
  if (height === 0) return [];
  const tall = all.filter((g) => g.bottom - g.top >= 0.55 * height);
  const baseline = Math.max(...tall.map((g) => g.bottom));
  const top = Math.min(...tall.map((g) => g.top));
  const widths = tall.map((g) => g.x1 - g.x0).sort((a, b) => a - b);
  const widest = 1.85 * widths[Math.floor(widths.length / 2)]!;
  return all.map((g) => {
    const [h, w] = [g.bottom - g.top, g.x1 - g.x0];
    if (h >= 0.55 * height) return (w > widest && widths.length > 1) || w > 0.85 * height ? 'W' : 'D';
    if (h > 0.35 * height || w > 0.5 * height) return '?';
    if (g.bottom > baseline + 0.12 * height) return ',';
    if (g.bottom >= baseline - 0.15 * height) return '.';
    const middle = (g.top + g.bottom) / 2;
    return middle > top + 0.3 * height && middle < baseline - 0.3 * height && w > 1.5 * h ? '-' : '?';
  });
}

/** The shape a reading should have: digits and % tall, . , - as themselves; null when it is not a bare figure. */
export function expectedClasses(text: string): GlyphClass[] | null {
  if (!/^[-−]?[\d,]*\d(?:\.\d+)?%?$/u.test(text) && !/^[-−]?\.\d+%?$/u.test(text)) return null;
  return [...text].map((ch) => (ch === '.' ? '.' : ch === ',' ? ',' : ch === '-' || ch === '−' ? '-' : 'D'));
}

/** Does the reading have the shape of the figure in the image? */
export function fitsShape(text: string, shape: readonly GlyphClass[]): boolean {
  const expected = expectedClasses(text);
  // a % is wider than a digit in most fonts
  return expected !== null && expected.length === shape.length && expected.every((c, i) => c === shape[i] || (text[i] === '%' && shape[i] === 'W'));
}

/** A line's first reading looks like a figure: what is left when low-confidence non-figure characters are dropped. */
export function figureCandidate(words: readonly { text: string; conf: number }[]): string | null {
  const kept = words.filter((w) => /[\d.%]/u.test(w.text) || w.conf >= 60).map((w) => w.text).join('');
  return /\d/u.test(kept) && /^[-−+]?[\d.,]+%?$/u.test(kept) ? kept : null;
}
