import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findProgram } from './find-program.js';
import { buildLineView } from './line-view.js';
import type { TextPiece } from './pdf-lines.js';
import { joinRulings, type Ruling } from './pdf-rulings.js';
import { problem } from './problems.js';
import { assemblePages, type PageInput } from './read-pdf.js';
import type { ReadResult } from './read-text.js';

/**
 * A scanned PDF (no text layer) read by optical character recognition, when Debian's tesseract-ocr with
 * tesseract-ocr-chi-sim and poppler-utils (pdftoppm) are installed: each page rendered to a gray image, the ruling
 * lines of its tables found in the image, the text recognised with positions (tesseract's TSV; page segmentation as
 * one uniform block, which keeps the lone numbers of table cells that automatic segmentation drops), then the same page
 * assembly as a PDF with a text layer. The Document is marked `ocr`: its numbers must be checked against the scan.
 */

const DPI = 300;
const POINTS = 72 / DPI;
/** Pages recognised at most (a report's scan; each page takes a few seconds). */
const MAX_PAGES = 40;
/** Time limit for one program run. */
const RUN_TIMEOUT_MS = 120_000;
/** A dark run at least this long (pixels, ≈8 mm) is a ruling, not a stroke of a character. */
const MIN_RUN = 100;

function run(command: string, args: readonly string[]): Promise<{ ok: boolean; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.on('error', () => {
      clearTimeout(timer);
      resolve({ ok: false, stdout: '' });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, stdout: Buffer.concat(chunks).toString('utf8') });
    });
  });
}

interface Gray {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** A binary PGM (P5, 8-bit) as pdftoppm -gray writes it. */
export function parsePgm(bytes: Uint8Array): Gray | null {
  const header = new TextDecoder('latin1').decode(bytes.subarray(0, 64));
  const match = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  if (!match || Number(match[3]) > 255) return null;
  const [width, height] = [Number(match[1]), Number(match[2])];
  const pixels = bytes.subarray(match[0].length, match[0].length + width * height);
  return pixels.length === width * height ? { width, height, pixels } : null;
}

/**
 * Long dark runs along rows and columns of a page image: the rulings in page space (points, y upwards), and a copy of
 * the image with them painted white — table lines confuse the recogniser's layout analysis and come out as | and “.
 */
export function imageRulings(image: Gray, dpi = DPI): { rulings: Ruling[]; cleaned: Uint8Array } {
  const { width, height, pixels } = image;
  const scale = 72 / dpi;
  const pageHeight = height * scale;
  const found: Ruling[] = [];
  const cleaned = new Uint8Array(pixels);
  const dark = (i: number) => pixels[i]! < 140;
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
  for (let x = 0; x < width; x += 1) {
    let start = -1;
    for (let y = 0; y <= height; y += 1) {
      if (y < height && dark(y * width + x)) {
        if (start < 0) start = y;
      } else if (start >= 0) {
        if (y - start >= MIN_RUN) {
          found.push({ horizontal: false, at: x * scale, from: pageHeight - y * scale, to: pageHeight - start * scale });
          for (let k = start; k < y; k += 1) cleaned.fill(255, k * width + Math.max(0, x - 1), k * width + Math.min(width, x + 2));
        }
        start = -1;
      }
    }
  }
  return { rulings: joinRulings(found), cleaned };
}

const LEADING_QUOTES = /^[“”"'‘’《》〈〉]+/u;
const TRAILING_QUOTES = /[“”"'‘’《》〈〉]+$/u;

/**
 * A recognised word that runs over a table ruling (two cells' text read as one word) split where the ruling is, by
 * the share of its width on each side (Chinese characters are of even width); a quote mark at a cut or right after a
 * ruling (the ruling's remains) is dropped, quotes elsewhere kept.
 */
function splitAtRulings(word: TextPiece, verticals: readonly Ruling[]): TextPiece[] {
  const middle = word.y + word.size / 2;
  const across = verticals.filter((v) => v.from <= middle && v.to >= middle);
  const cuts = across.filter((v) => v.at > word.x + 0.2 * word.size && v.at < word.x + word.width - 0.2 * word.size).map((v) => v.at).sort((a, b) => a - b);
  const startsAtRuling = across.some((v) => Math.abs(v.at - word.x) < 0.6 * word.size);
  const chars = [...word.text];
  const parts: TextPiece[] = [];
  let from = 0;
  let left = word.x;
  const ends = [...cuts, word.x + word.width];
  ends.forEach((at, k) => {
    const to = k === ends.length - 1 ? chars.length : Math.round(((at - word.x) / word.width) * chars.length);
    let text = chars.slice(from, to).join('');
    if (k > 0 || startsAtRuling) text = text.replace(LEADING_QUOTES, '');
    if (k < ends.length - 1) text = text.replace(TRAILING_QUOTES, '');
    if (text.trim() !== '') parts.push({ ...word, text: text.trim(), x: left, width: at - left });
    from = to;
    left = at;
  });
  return parts;
}

/** A number that picked up a stray quote mark or stop beside it (4.5“, “3, 5。) is the number alone. */
function bareNumber(text: string): string {
  return /^[“”"'‘’。.,，]*[-+]?\d+(?:\.\d+)?%?[“”"'‘’。,，]*$/u.test(text) ? text.replace(/^[“”"'‘’。.,，]+|[“”"'‘’。,，]+$/gu, '') : text;
}

const WIDE = /[\p{Script=Han}，。、；：！？（）【】“”‘’《》％]/u;

/**
 * Text pieces from tesseract's TSV: the words of one recognised line joined while they sit close together (a gap
 * under half the line height, no table ruling between; Chinese without a space, other words with one), in page space.
 */
export function tsvPieces(tsv: string, pageHeight: number, rulings: readonly Ruling[] = [], scale = POINTS): TextPiece[] {
  const verticals = rulings.filter((r) => !r.horizontal);
  // a ruling between two words, or at the start of the second (its remains read as a quote mark there)
  const ruledBetween = (x0: number, x1: number, y: number, slack: number) => verticals.some((v) => v.at > x0 - slack && v.at < x1 + slack && v.from <= y && v.to >= y);
  const pieces: TextPiece[] = [];
  let key = '';
  let current: (TextPiece & { right: number }) | null = null;
  const keyed: { key: string; piece: TextPiece }[] = [];
  for (const row of tsv.split('\n').slice(1)) {
    const f = row.split('\t');
    if (f.length < 12 || f[0] !== '5') continue;
    const raw = f.slice(11).join('\t').replace(/^[|_[\]【】\s]+|[|_[\]【】\s]+$/gu, '').trim();
    if (raw === '' || Number(f[10]) < 0 || /^[“”"'‘’《》〈〉|_]+$/u.test(raw)) continue; // quote marks alone: remains of a ruling
    const [left, top, w, h] = [Number(f[6]), Number(f[7]), Number(f[8]), Number(f[9])];
    const word = { text: raw, x: left * scale, y: pageHeight - (top + h) * scale, width: w * scale, size: h * scale };
    for (const part of splitAtRulings(word, verticals)) keyed.push({ key: `${f[2]}.${f[3]}.${f[4]}`, piece: { ...part, text: bareNumber(part.text) } });
  }
  for (const { key: lineKey, piece } of keyed) {
    const text = piece.text;
    if (text === '') continue;
    if (current && key === lineKey && piece.x - current.right < 0.5 * Math.max(current.size, piece.size) && !ruledBetween(current.right, piece.x, piece.y + piece.size / 2, 0.3 * piece.size)) {
      const spaced = !(WIDE.test(current.text.slice(-1)) || WIDE.test(text[0]!));
      current.text += spaced ? ` ${text}` : text;
      current.right = piece.x + piece.width;
      current.width = current.right - current.x;
      current.size = Math.max(current.size, piece.size);
      current.y = Math.min(current.y, piece.y);
      continue;
    }
    current = { ...piece, right: piece.x + piece.width };
    key = lineKey;
    pieces.push(current);
  }
  return pieces.map(({ text, x, y, width, size }) => ({ text: bareNumber(text), x, y, width, size }));
}

export async function readScan(name: string, bytes: Uint8Array): Promise<ReadResult> {
  const [tesseract, pdftoppm] = await Promise.all([findProgram('tesseract'), findProgram('pdftoppm')]);
  if (!tesseract || !pdftoppm) return { ok: false, problem: problem('pdf-no-text') };
  const dir = await mkdtemp(join(tmpdir(), 'selfeval-ocr-'));
  try {
    await writeFile(join(dir, 'scan.pdf'), bytes);
    const rendered = await run(pdftoppm, ['-r', String(DPI), '-gray', '-l', String(MAX_PAGES), join(dir, 'scan.pdf'), join(dir, 'page')]);
    if (!rendered.ok) return { ok: false, problem: problem('corrupt-file', { format: 'PDF' }) };
    const images = (await readdir(dir)).filter((f) => f.startsWith('page') && f.endsWith('.pgm')).sort();
    const pages: PageInput[] = [];
    for (const file of images) {
      const image = parsePgm(new Uint8Array(await readFile(join(dir, file))));
      if (!image) continue;
      const { rulings, cleaned } = imageRulings(image);
      const clean = join(dir, `clean-${file}`);
      await writeFile(clean, Buffer.concat([Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'latin1'), cleaned]));
      const recognised = await run(tesseract, [clean, 'stdout', '-l', 'chi_sim', '--dpi', String(DPI), '--psm', '6', '-c', 'preserve_interword_spaces=1', 'tsv']);
      if (!recognised.ok) return { ok: false, problem: problem('ocr-failed') };
      const pageHeight = image.height * POINTS;
      pages.push({ pieces: tsvPieces(recognised.stdout, pageHeight, rulings), rulings, bottom: 0, height: pageHeight });
    }
    const view = buildLineView(assemblePages(pages));
    if (view.lines.join('').replace(/\s/g, '').length === 0) return { ok: false, problem: problem('pdf-no-text') };
    return { ok: true, document: { name, format: 'pdf', encoding: 'binary', ocr: true, ...view } };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
