import type { Ruling } from './pdf-rulings.js';
import type { PixelBox } from './scan-image.js';

/**
 * The cells of a scanned page's ruled tables as areas of its image: the rulings drawn on a coarse map of the page
 * (blocks of BLOCK × BLOCK pixels, each ruling a little thickened and lengthened so that corners close), and every
 * area of free blocks the rulings enclose is one cell — a merged cell (a 一级指标 down five rows) is one area because
 * no ruling divides it. Areas that reach the page's edge are outside every table.
 */

const BLOCK = 4;
/** How far (points) a ruling is lengthened at each end, so that one stopping short of another still closes the cell. */
const REACH = 3;
/** An area smaller than this (points) either way is not a cell (the gap between two close rulings). */
const MIN_SIDE = 6;

/** One cell: its box in the image and which pixels of the box belong to it (an L-shaped area's box holds others). */
export interface CellArea extends PixelBox {
  holds(x: number, y: number): boolean;
  /** The area fills its box (most cells): every pixel of the box is held. */
  rectangle: boolean;
}

export function cellAreas(rulings: readonly Ruling[], width: number, height: number, dpi: number): CellArea[] {
  if (rulings.length === 0) return [];
  const perPoint = dpi / 72;
  const pageHeight = height / perPoint;
  const gw = Math.ceil(width / BLOCK);
  const gh = Math.ceil(height / BLOCK);
  const label = new Int32Array(gw * gh); // 0 free, -1 ruling, > 0 area
  const mark = (x0: number, x1: number, y0: number, y1: number) => {
    const [bx0, bx1] = [Math.max(0, Math.floor(x0 / BLOCK)), Math.min(gw - 1, Math.floor(x1 / BLOCK))];
    const [by0, by1] = [Math.max(0, Math.floor(y0 / BLOCK)), Math.min(gh - 1, Math.floor(y1 / BLOCK))];
    for (let by = by0; by <= by1; by += 1) label.fill(-1, by * gw + bx0, by * gw + bx1 + 1);
  };
  const thick = 0.8 * perPoint; // the ruling's centre ± this (pixels)
  for (const r of rulings) {
    const along = [(r.from - REACH) * perPoint, (r.to + REACH) * perPoint];
    if (r.horizontal) {
      const y = (pageHeight - r.at) * perPoint;
      mark(along[0]!, along[1]!, y - thick, y + thick);
    } else {
      const [y0, y1] = [(pageHeight - r.to - REACH) * perPoint, (pageHeight - r.from + REACH) * perPoint];
      mark(r.at * perPoint - thick, r.at * perPoint + thick, y0, y1);
    }
  }
  const areas: CellArea[] = [];
  const stack = new Int32Array(label.length);
  let next = 0;
  for (let start = 0; start < label.length; start += 1) {
    if (label[start] !== 0) continue;
    next += 1;
    label[start] = next;
    let size = 0;
    stack[size++] = start;
    let [bx0, by0, bx1, by1] = [gw, gh, -1, -1];
    let edge = false;
    let count = 0;
    const visit = (j: number) => {
      if (label[j] === 0) {
        label[j] = next;
        stack[size++] = j;
      }
    };
    while (size > 0) {
      const i = stack[--size]!;
      count += 1;
      const bx = i % gw;
      const by = (i - bx) / gw;
      if (bx === 0 || by === 0 || bx === gw - 1 || by === gh - 1) edge = true;
      if (bx < bx0) bx0 = bx;
      if (bx > bx1) bx1 = bx;
      if (by < by0) by0 = by;
      if (by > by1) by1 = by;
      if (bx > 0) visit(i - 1);
      if (bx < gw - 1) visit(i + 1);
      if (by > 0) visit(i - gw);
      if (by < gh - 1) visit(i + gw);
    }
    const box = { x0: bx0 * BLOCK, y0: by0 * BLOCK, x1: Math.min(width, (bx1 + 1) * BLOCK), y1: Math.min(height, (by1 + 1) * BLOCK) };
    if (edge || box.x1 - box.x0 < MIN_SIDE * perPoint || box.y1 - box.y0 < MIN_SIDE * perPoint) continue;
    const own = next;
    const rectangle = count === (bx1 - bx0 + 1) * (by1 - by0 + 1);
    areas.push({ ...box, rectangle, holds: rectangle ? () => true : (x, y) => label[Math.floor(y / BLOCK) * gw + Math.floor(x / BLOCK)] === own });
  }
  return areas;
}
