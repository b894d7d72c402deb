import type { CellArea } from './scan-cells.js';
import { INK, type Gray, type PixelBox } from './scan-image.js';

/**
 * The text lines of a table cell in a scanned page, found in the image: rows of pixels with ink (across the whole
 * cell) in bands, bands closer than a line's height joined (the strokes of 二 or 三 are bands of their own), each
 * line's box cut to its ink. One cell line is then recognised as one line — the recogniser's own layout analysis
 * loses a short last line of a wrapped cell (性 below 绩效指标明确) and turns it into other characters.
 */

/** Bands of ink rows of an area, top to bottom, each with its ink's left and right edge. */
export function inkBands(image: Gray, area: CellArea): PixelBox[] {
  const bands: PixelBox[] = [];
  let current: PixelBox | null = null;
  for (let y = area.y0; y < area.y1; y += 1) {
    let [left, right] = [Infinity, -Infinity];
    const row = y * image.width;
    for (let x = area.x0; x < area.x1; x += 1) {
      if (image.pixels[row + x]! < INK && (area.rectangle || area.holds(x, y))) {
        if (x < left) left = x;
        right = x;
      }
    }
    if (right < 0) {
      current = null;
      continue;
    }
    if (!current) {
      current = { x0: left, y0: y, x1: right + 1, y1: y + 1 };
      bands.push(current);
    } else {
      current.x0 = Math.min(current.x0, left);
      current.x1 = Math.max(current.x1, right + 1);
      current.y1 = y + 1;
    }
  }
  return bands;
}

/** A line's height on the page: the median height of the bands at least a third as tall as the tallest. */
export function typicalLineHeight(bands: readonly PixelBox[]): number {
  const heights = bands.map((b) => b.y1 - b.y0).sort((a, b) => a - b);
  if (heights.length === 0) return 0;
  const tall = heights.filter((h) => h >= heights[heights.length - 1]! / 3);
  return tall[Math.floor(tall.length / 2)]!;
}

/**
 * Bands joined into lines: two neighbours are one line when together they are no taller than a line (with room for
 * a character that reaches higher or lower than its neighbours). Specks (a band under a fifth of a line, alone) are
 * left out unless they sit next to a line.
 */
export function joinBands(bands: readonly PixelBox[], lineHeight: number): PixelBox[] {
  const lines: PixelBox[] = [];
  for (const band of bands) {
    const last = lines[lines.length - 1];
    if (last && band.y1 - last.y0 <= 1.3 * lineHeight) {
      last.x0 = Math.min(last.x0, band.x0);
      last.x1 = Math.max(last.x1, band.x1);
      last.y1 = band.y1;
    } else lines.push({ ...band });
  }
  return lines.filter((line) => line.y1 - line.y0 >= 0.2 * lineHeight || line.x1 - line.x0 >= 0.2 * lineHeight);
}
