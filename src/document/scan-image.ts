import { joinRulings, type Ruling } from './pdf-rulings.js';

/**
 * A page of a scan as an 8-bit gray image (0 black … 255 white), as pdftoppm -gray writes it, and the few image
 * operations OCR needs: the ruling lines found in it, crops with a white margin, the image written back as PGM.
 */
export interface Gray {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Darker than this is ink. */
export const INK = 140;
/** A dark run at least this long (pixels at 300 dpi, ≈8 mm) is a ruling, not a stroke of a character. */
const MIN_RUN = 100;

/** A binary PGM (P5, 8-bit) as pdftoppm -gray writes it. */
export function parsePgm(bytes: Uint8Array): Gray | null {
  const header = new TextDecoder('latin1').decode(bytes.subarray(0, 64));
  const match = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  if (!match || Number(match[3]) > 255) return null;
  const [width, height] = [Number(match[1]), Number(match[2])];
  const pixels = bytes.subarray(match[0].length, match[0].length + width * height);
  return pixels.length === width * height ? { width, height, pixels } : null;
}

export function toPgm(image: Gray): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'latin1'), image.pixels]);
}

/** A box of pixels: x0, y0 inclusive, x1, y1 exclusive, y downwards (image space). */
export interface PixelBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * The part of an image inside a box, with a white margin of `pad` pixels around it (the recogniser reads a line that
 * touches the image's edge badly). `keep(x, y)`, when given, says which pixels of the box belong (others are white).
 */
export function crop(image: Gray, box: PixelBox, pad: number, keep?: (x: number, y: number) => boolean): Gray {
  const width = box.x1 - box.x0 + 2 * pad;
  const height = box.y1 - box.y0 + 2 * pad;
  const pixels = new Uint8Array(width * height).fill(255);
  for (let y = box.y0; y < box.y1; y += 1) {
    for (let x = box.x0; x < box.x1; x += 1) {
      if (!keep || keep(x, y)) pixels[(y - box.y0 + pad) * width + (x - box.x0 + pad)] = image.pixels[y * image.width + x]!;
    }
  }
  return { width, height, pixels };
}

/** How many ink pixels a box holds. */
export function inkIn(image: Gray, box: PixelBox): number {
  let count = 0;
  for (let y = box.y0; y < box.y1; y += 1) {
    const row = y * image.width;
    for (let x = box.x0; x < box.x1; x += 1) if (image.pixels[row + x]! < INK) count += 1;
  }
  return count;
}

/**
 * Long dark runs along rows and columns of a page image: the rulings in page space (points, y upwards), and a copy of
 * the image with them painted white — table lines confuse the recogniser's layout analysis and come out as | and “.
 */
export function imageRulings(image: Gray, dpi: number): { rulings: Ruling[]; cleaned: Gray } {
  const { width, height, pixels } = image;
  const scale = 72 / dpi;
  const pageHeight = height * scale;
  const found: Ruling[] = [];
  const cleaned = new Uint8Array(pixels);
  const dark = (i: number) => pixels[i]! < INK;
  for (let y = 0; y < height; y += 1) {
    let start = -1;
    for (let x = 0; x <= width; x += 1) {
      if (x < width && dark(y * width + x)) {
        if (start < 0) start = x;
      } else if (start >= 0) {
        if (x - start >= MIN_RUN) {
          found.push({ horizontal: true, at: pageHeight - y * scale, from: start * scale, to: x * scale });
          for (let dy = -1; dy <= 1; dy += 1) if (y + dy >= 0 && y + dy < height) cleaned.fill(255, (y + dy) * width + start, (y + dy) * width + x);
        }
        start = -1;
      }
    }
  }
  // columns scanned row by row (the image is stored by rows): a run per column, open until a light pixel ends it
  const starts = new Int32Array(width).fill(-1);
  for (let y = 0; y <= height; y += 1) {
    const row = y * width;
    for (let x = 0; x < width; x += 1) {
      if (y < height && dark(row + x)) {
        if (starts[x]! < 0) starts[x] = y;
        continue;
      }
      const start = starts[x]!;
      if (start < 0) continue;
      starts[x] = -1;
      if (y - start < MIN_RUN) continue;
      found.push({ horizontal: false, at: x * scale, from: pageHeight - y * scale, to: pageHeight - start * scale });
      for (let k = start; k < y; k += 1) cleaned.fill(255, k * width + Math.max(0, x - 1), k * width + Math.min(width, x + 2));
    }
  }
  return { rulings: joinRulings(found), cleaned: { width, height, pixels: cleaned } };
}
