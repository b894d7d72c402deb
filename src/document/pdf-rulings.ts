/**
 * Ruling lines of a PDF page, from pdf.js's drawing operators (`page.getOperatorList()`): stroked lines and rectangles,
 * thin filled bars (Word and WPS draw each cell edge as a filled rectangle) and the sides of shaded cells, in page
 * space (y grows upwards). Clip-only paths, white lines and curves are left out; collinear pieces are joined.
 */

/** A horizontal ruling (`y`, from x0 to x1) or a vertical one (`x`, from y0 to y1), in page space. */
export interface Ruling {
  horizontal: boolean;
  at: number; // y of a horizontal ruling, x of a vertical one
  from: number; // x0 / y0
  to: number; // x1 / y1
}

/** The operator codes of the bundled pdf.js (unpdf/pdfjs `OPS`) this reader needs. */
export interface PdfOps {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
  setStrokeRGBColor: number;
  setFillRGBColor: number;
  setStrokeGray: number;
  setFillGray: number;
  setLineWidth: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
}

export interface OperatorList {
  fnArray: ArrayLike<number>;
  argsArray: ArrayLike<unknown>;
}

type Matrix = [number, number, number, number, number, number];

/** A bar thinner than this (points) is a line, not a shaded cell. */
const THIN = 2.5;
/** Pieces this close (points) on the same line are one ruling; rulings this close across are the same line. */
const JOIN = 2;
const SAME_LINE = 1.2;

/**
 * pdf.js 5.x calls `ArrayBuffer.prototype.transferToFixedLength` when it hands fonts to the main thread; Node 20 lacks
 * it, and `getOperatorList()` then quietly returns almost nothing. Adding it (copying into a new buffer of the asked
 * length, as the standard method does short of detaching) makes the operator list whole. No effect on newer Node.
 */
export function ensureTransferToFixedLength(): void {
  const proto = ArrayBuffer.prototype as ArrayBuffer & { transferToFixedLength?: (length?: number) => ArrayBuffer };
  if (typeof proto.transferToFixedLength === 'function') return;
  Object.defineProperty(ArrayBuffer.prototype, 'transferToFixedLength', {
    configurable: true,
    writable: true,
    value(this: ArrayBuffer, length: number = this.byteLength): ArrayBuffer {
      const out = new ArrayBuffer(length);
      new Uint8Array(out).set(new Uint8Array(this, 0, Math.min(length, this.byteLength)));
      return out;
    },
  });
}

function multiply(m: Matrix, n: readonly number[]): Matrix {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = n;
  return [
    m[0] * a + m[2] * b, m[1] * a + m[3] * b,
    m[0] * c + m[2] * d, m[1] * c + m[3] * d,
    m[0] * e + m[2] * f + m[4], m[1] * e + m[3] * f + m[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** Is a colour (pdf.js hex "#rrggbb", or a gray level) white or nearly so? */
function isWhite(color: unknown): boolean {
  if (typeof color === 'number') return color > 0.95;
  if (typeof color !== 'string' || !/^#[0-9a-f]{6}$/i.test(color)) return false;
  return [1, 3, 5].every((i) => Number.parseInt(color.slice(i, i + 2), 16) > 242);
}

/** The polylines of a pdf.js 5.x path (`[0 x y, 1 x y, 2 …6, 3 …4, 4]`), curves broken (they are never rulings). */
function subpaths(data: ArrayLike<number>, m: Matrix): { points: [number, number][]; closed: boolean }[] {
  const paths: { points: [number, number][]; closed: boolean }[] = [];
  let current: { points: [number, number][]; closed: boolean } | null = null;
  for (let i = 0; i < data.length;) {
    const op = data[i]!;
    if (op === 0 || op === 1) {
      const point = apply(m, data[i + 1]!, data[i + 2]!);
      if (op === 0 || !current) {
        current = { points: [point], closed: false };
        paths.push(current);
      } else current.points.push(point);
      i += 3;
    } else if (op === 2 || op === 3) {
      const n = op === 2 ? 6 : 4;
      current = { points: [apply(m, data[i + n - 1]!, data[i + n]!)], closed: false };
      paths.push(current);
      i += n + 1;
    } else if (op === 4) {
      if (current) {
        current.closed = true;
        current = { points: [current.points[0]!], closed: false };
        paths.push(current);
      }
      i += 1;
    } else return paths; // unknown encoding: keep what was read
  }
  return paths;
}

/** Axis-aligned edges of a polyline (slanted ones dropped). */
function edges(points: readonly [number, number][], closed: boolean): Ruling[] {
  const out: Ruling[] = [];
  const all = closed && points.length > 2 ? [...points, points[0]!] : points;
  for (let k = 1; k < all.length; k += 1) {
    const [x0, y0] = all[k - 1]!;
    const [x1, y1] = all[k]!;
    if (Math.abs(y1 - y0) < 0.5 && Math.abs(x1 - x0) >= 0.5) out.push({ horizontal: true, at: (y0 + y1) / 2, from: Math.min(x0, x1), to: Math.max(x0, x1) });
    else if (Math.abs(x1 - x0) < 0.5 && Math.abs(y1 - y0) >= 0.5) out.push({ horizontal: false, at: (x0 + x1) / 2, from: Math.min(y0, y1), to: Math.max(y0, y1) });
  }
  return out;
}

/** A filled shape: a thin bar is one ruling along its length; a larger rectangle (a shaded cell) gives its four sides. */
function filledRulings(points: readonly [number, number][]): Ruling[] {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const y0 = Math.min(...ys);
  const y1 = Math.max(...ys);
  const rectangular = points.every(([x, y]) => (Math.abs(x - x0) < 0.5 || Math.abs(x - x1) < 0.5) && (Math.abs(y - y0) < 0.5 || Math.abs(y - y1) < 0.5));
  if (!rectangular) return [];
  const w = x1 - x0;
  const h = y1 - y0;
  if (h <= THIN && w > h) return [{ horizontal: true, at: (y0 + y1) / 2, from: x0, to: x1 }];
  if (w <= THIN && h > w) return [{ horizontal: false, at: (x0 + x1) / 2, from: y0, to: y1 }];
  if (w <= THIN || h <= THIN) return [];
  return [
    { horizontal: true, at: y0, from: x0, to: x1 }, { horizontal: true, at: y1, from: x0, to: x1 },
    { horizontal: false, at: x0, from: y0, to: y1 }, { horizontal: false, at: x1, from: y0, to: y1 },
  ];
}

interface State {
  matrix: Matrix;
  stroke: unknown;
  fill: unknown;
}

/** The raw rulings a page's operator list draws; `pageArea` drops a filled page background. */
export function rulingsOf(list: OperatorList, ops: PdfOps, pageArea: number): Ruling[] {
  const found: Ruling[] = [];
  const stack: State[] = [];
  let state: State = { matrix: [1, 0, 0, 1, 0, 0], stroke: '#000000', fill: '#000000' };
  const strokes = new Set([ops.stroke, ops.closeStroke, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const fills = new Set([ops.fill, ops.eoFill, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  for (let i = 0; i < list.fnArray.length; i += 1) {
    const fn = list.fnArray[i]!;
    const args = list.argsArray[i] as unknown[] | null;
    if (fn === ops.save) stack.push({ ...state });
    else if (fn === ops.restore) state = stack.pop() ?? state;
    else if (fn === ops.transform && args) state = { ...state, matrix: multiply(state.matrix, args as number[]) };
    else if (fn === ops.paintFormXObjectBegin) {
      stack.push({ ...state });
      const matrix = args?.[0];
      if (Array.isArray(matrix) || ArrayBuffer.isView(matrix)) state = { ...state, matrix: multiply(state.matrix, Array.from(matrix as ArrayLike<number>)) };
    } else if (fn === ops.paintFormXObjectEnd) state = stack.pop() ?? state;
    else if (fn === ops.setStrokeRGBColor) state = { ...state, stroke: args?.[0] };
    else if (fn === ops.setFillRGBColor) state = { ...state, fill: args?.[0] };
    else if (fn === ops.setStrokeGray) state = { ...state, stroke: args?.[0] };
    else if (fn === ops.setFillGray) state = { ...state, fill: args?.[0] };
    else if (fn === ops.constructPath && args) {
      const [paint, pathData] = args as [number, unknown[] | null];
      const data = Array.isArray(pathData) ? pathData[0] : null;
      if (typeof paint !== 'number' || !data || (!Array.isArray(data) && !ArrayBuffer.isView(data))) continue;
      const paths = subpaths(data as ArrayLike<number>, state.matrix);
      if (strokes.has(paint) && !isWhite(state.stroke)) for (const path of paths) found.push(...edges(path.points, path.closed));
      if (fills.has(paint) && !isWhite(state.fill)) {
        for (const path of paths) {
          if (path.points.length < 3) continue;
          const rulings = filledRulings(path.points);
          const box = rulings.length === 4 ? (rulings[0]!.to - rulings[0]!.from) * (rulings[2]!.to - rulings[2]!.from) : 0;
          if (box < 0.5 * pageArea) found.push(...rulings);
        }
      }
    }
  }
  return found;
}

/** Join collinear rulings that touch or overlap (a line drawn cell by cell becomes one). */
export function joinRulings(rulings: readonly Ruling[]): Ruling[] {
  const joined: Ruling[] = [];
  for (const horizontal of [true, false]) {
    const group = rulings.filter((r) => r.horizontal === horizontal).sort((a, b) => a.at - b.at || a.from - b.from);
    const lines: Ruling[][] = [];
    for (const ruling of group) {
      const line = lines[lines.length - 1];
      if (line && Math.abs(ruling.at - line[0]!.at) <= SAME_LINE) line.push(ruling);
      else lines.push([ruling]);
    }
    for (const line of lines) {
      const at = line.reduce((s, r) => s + r.at, 0) / line.length;
      const pieces = [...line].sort((a, b) => a.from - b.from);
      let current: Ruling | null = null;
      for (const piece of pieces) {
        if (current && piece.from <= current.to + JOIN) current.to = Math.max(current.to, piece.to);
        else {
          current = { horizontal, at, from: piece.from, to: piece.to };
          joined.push(current);
        }
      }
    }
  }
  return joined.filter((r) => r.to - r.from >= 3);
}

interface OperatorPage {
  getOperatorList(): Promise<OperatorList>;
}

/**
 * The joined rulings of a page, or null when its operator list cannot be read. Reading it decodes the page's images
 * (≈0.7 s for a 300-dpi scan), so callers ask only for pages that look tabular and stop when their budget is spent.
 */
export async function readPageRulings(page: OperatorPage, pageArea: number): Promise<Ruling[] | null> {
  ensureTransferToFixedLength();
  const { OPS } = await import('unpdf/pdfjs');
  try {
    return joinRulings(rulingsOf(await page.getOperatorList(), OPS as unknown as PdfOps, pageArea));
  } catch {
    return null;
  }
}
