import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { findProgram } from './find-program.js';
import { UNCONFIRMED } from './ocr-marks.js';
import { buildLineView } from './line-view.js';
import { problem } from './problems.js';
import { assemblePages, type PageInput } from './read-pdf.js';
import type { ReadResult } from './read-text.js';
import { cellAreas, type CellArea } from './scan-cells.js';
import { expectedClasses, figureCandidate, fitsShape, glyphClasses } from './scan-figures.js';
import { crop, imageRulings, inkIn, parsePgm, toPgm, type Gray, type PixelBox } from './scan-image.js';
import { inkBands, joinBands, typicalLineHeight } from './scan-lines.js';
import { wordPieces, type PageWord } from './scan-pieces.js';
import { languages, recognise, run, type OcrWord, type RecogniseOptions } from './scan-tesseract.js';

/**
 * A scanned PDF (no text layer) read by optical character recognition, when Debian's tesseract-ocr with
 * tesseract-ocr-chi-sim and poppler-utils (pdftoppm) are installed. Each page is rendered to a gray image at 300 dpi;
 * the ruling lines of its tables are found in the image and painted out; every table cell (an area the rulings
 * enclose, scan-cells.ts) and the text outside tables are cut into text lines by the image's blank rows
 * (scan-lines.ts), and each line is recognised on its own in tesseract's raw-line mode — the recogniser's own layout
 * analysis loses short wrapped lines and lone figures. A "line" too tall to be one (a seal, a picture) is read as a
 * block. Figures are confirmed by the shapes of their ink (scan-figures.ts, `confirmFigures` below): a decimal point
 * the recogniser dropped shows there, and a figure no reading fits keeps its first reading followed by UNCONFIRMED.
 * Then the same page assembly as a PDF with a text layer (read-pdf.ts). The Document is marked `ocr`: its numbers
 * must be checked against the scan.
 */

const DPI = 300;
const POINTS = 72 / DPI;
/** Pages recognised at most (a report's scan). */
const MAX_PAGES = 40;
/** White margin (pixels) around a line's ink when it is recognised. */
const PAD = 12;
/** A "line" taller than this many line heights is not one line (a seal, a picture, lines that touch): read as a block. */
const BLOCK_LINES = 1.8;
/** Fewer ink pixels than this in a cell: an empty cell (specks of the scan). */
const MIN_INK = 30;
/** Characters of the second reading of a figure. */
const FIGURE_CHARACTERS = '0123456789.,%-';
export { UNCONFIRMED };

interface Job {
  page: number;
  origin: [number, number]; // page pixel of the job image's top-left
  image: Gray;
  block: boolean; // read as a block of lines, not one line
  cell: CellArea | null; // the table cell the line is in
  single: boolean; // the cell's only line
}

/** The cells' pixels painted white: what is left on the page outside its tables. */
function outsideTables(image: Gray, areas: readonly CellArea[]): Gray {
  const pixels = new Uint8Array(image.pixels);
  for (const area of areas) {
    for (let y = area.y0; y < area.y1; y += 1) {
      if (area.rectangle) pixels.fill(255, y * image.width + area.x0, y * image.width + area.x1);
      else for (let x = area.x0; x < area.x1; x += 1) if (area.holds(x, y)) pixels[y * image.width + x] = 255;
    }
  }
  return { ...image, pixels };
}

/** One page's recognition jobs: each text line of each cell and of the text outside tables. */
function pageJobs(page: number, cleaned: Gray, areas: readonly CellArea[]): Job[] {
  const whole: CellArea = { x0: 0, y0: 0, x1: cleaned.width, y1: cleaned.height, holds: () => true, rectangle: true };
  const rest = outsideTables(cleaned, areas);
  const regions: [Gray, CellArea, PixelBox[]][] = [
    ...areas.filter((a) => inkIn(cleaned, a) >= MIN_INK).map((a): [Gray, CellArea, PixelBox[]] => [cleaned, a, inkBands(cleaned, a)]),
    [rest, whole, inkBands(rest, whole)],
  ];
  const lineHeight = typicalLineHeight(regions.flatMap(([, , bands]) => bands));
  const jobs: Job[] = [];
  for (const [image, area, bands] of regions) {
    const lines = joinBands(bands, lineHeight).filter((line) => inkIn(image, line) >= MIN_INK / 3);
    for (const line of lines) {
      const block = line.y1 - line.y0 > BLOCK_LINES * lineHeight;
      jobs.push({ page, origin: [line.x0 - PAD, line.y0 - PAD], image: crop(image, line, PAD, area.rectangle ? undefined : area.holds), block, cell: area === whole ? null : area, single: lines.length === 1 });
    }
  }
  return jobs;
}

/** Images recognised by one tesseract process at least: fewer are not worth loading the model twice. */
const PER_PROCESS = 40;

/**
 * Recognise images (written to `dir`), split over up to two tesseract processes run side by side; the words of each
 * image, or null when tesseract failed.
 */
async function recogniseImages(tesseract: string, dir: string, name: string, images: readonly Gray[], options: Omit<RecogniseOptions, 'dpi'>): Promise<OcrWord[][] | null> {
  const files = await Promise.all(images.map(async (image, k) => {
    const file = join(dir, `${name}-${k}.pgm`);
    await writeFile(file, toPgm(image));
    return file;
  }));
  const processes = Math.max(1, Math.min(2, availableParallelism(), Math.floor(files.length / PER_PROCESS)));
  const size = Math.ceil(files.length / processes);
  const parts = await Promise.all(Array.from({ length: processes }, (_, p) => recognise(tesseract, dir, `${name}-part${p}`, files.slice(p * size, (p + 1) * size), { dpi: DPI, ...options })));
  if (parts.some((part) => part === null)) return null;
  const byImage = images.map((): OcrWord[] => []);
  parts.forEach((part, p) => {
    for (const word of part!) byImage[p * size + word.image]?.push({ ...word, image: p * size + word.image });
  });
  return byImage;
}

const digitsOf = (text: string) => text.replace(/\D/gu, '');

/** Do two cells sit in one column (left and right edges within a few pixels)? */
function sameColumn(a: PixelBox, b: PixelBox): boolean {
  return Math.abs(a.x0 - b.x0) <= 12 && Math.abs(a.x1 - b.x1) <= 12;
}

/** A figure to be read again: its ink, what to do with a reading (true: it fits, done), and what when none fitted. */
interface Ask {
  image: Gray;
  accept(reading: string): boolean;
  giveUp(): void;
}

/** Second readings, figure characters only; a single glyph tesseract leaves out in one mode it reads in another. */
const FIGURE_PASSES = [7, 8, 13] as const;

/**
 * The words of the line jobs with their figures confirmed by the ink's shapes (scan-figures.ts):
 * - a line that reads as a figure and does not fit its ink is read again with figure characters only (in up to three
 *   modes, each asking only what is still open) and becomes the first reading that fits — or stays as first read,
 *   marked UNCONFIRMED;
 * - a cell's only line in a column of figures (分值, 得分) that did not read as one (1 read as 工) takes a figure
 *   reading only when it fits;
 * - a figure inside a line of text (扣0.5分, 自评得分97分) is checked against the ink of its own box: a second reading
 *   with the same digits that fits replaces it (05 → 0.5); when none fits and the ink disagrees about a decimal point
 *   it is marked UNCONFIRMED — a box that takes in a neighbour's stroke is no reason.
 */
async function confirmFigures(tesseract: string, dir: string, jobs: readonly Job[], words: OcrWord[][]): Promise<OcrWord[][] | null> {
  // digits are Latin: the English model reads a lone 1 that the Chinese one, held to figure characters, leaves out
  const language = (await languages(tesseract)).includes('eng') ? 'eng' : 'chi_sim';
  const first = jobs.map((job, k) => (job.block ? null : figureCandidate(words[k]!)));
  const figureCells = jobs.filter((job, k) => job.cell && job.single && first[k] !== null).map((job) => job.cell!);
  const inFigureColumn = (job: Job) => job.cell !== null && job.single && figureCells.filter((c) => sameColumn(c, job.cell!)).length >= 2;
  const out = words.map((list) => list.map((w) => ({ ...w })));
  const asks: Ask[] = [];
  jobs.forEach((job, k) => {
    if (job.block) return;
    const read = first[k] ?? null;
    if (read !== null || inFigureColumn(job)) {
      const shape = glyphClasses(job.image);
      const { width, height } = job.image; // the line's ink, inside its margin
      const become = (text: string) => {
        out[k] = [{ ...(words[k]![0] ?? { image: 0, line: '1.1.1', conf: 0 }), left: PAD, top: PAD, width: width - 2 * PAD, height: height - 2 * PAD, text }];
      };
      if (read !== null && fitsShape(read, shape)) return become(read);
      asks.push({
        image: job.image,
        accept: (reading) => fitsShape(reading, shape) && (become(reading), true),
        giveUp: () => (read !== null ? become(`${read}${UNCONFIRMED}`) : undefined), // not read as a figure: as read
      });
      return;
    }
    for (const word of out[k]!) {
      if (expectedClasses(word.text) === null) continue;
      const ink = crop(job.image, { x0: Math.max(0, word.left), y0: 0, x1: Math.min(job.image.width, word.left + word.width), y1: job.image.height }, PAD);
      const shape = glyphClasses(ink);
      if (fitsShape(word.text, shape)) continue;
      asks.push({
        image: ink,
        // only a point or comma the first reading dropped or invented is mended: a box cut short fits fewer digits
        accept: (reading) => fitsShape(reading, shape) && digitsOf(reading) === digitsOf(word.text) && ((word.text = reading), true),
        giveUp: () => {
          if (shape.includes('.') !== word.text.includes('.')) word.text += UNCONFIRMED;
        },
      });
    }
  });
  let open = asks;
  for (const psm of FIGURE_PASSES) {
    if (open.length === 0) break;
    const again = await recogniseImages(tesseract, dir, `figure${psm}`, open.map((a) => a.image), { psm, language, whitelist: FIGURE_CHARACTERS });
    if (!again) return null;
    open = open.filter((ask, i) => !ask.accept(again[i]!.map((w) => w.text).join('')));
  }
  for (const ask of open) ask.giveUp();
  return out;
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
    const pages: Omit<PageInput, 'pieces'>[] = [];
    const jobs: Job[] = [];
    for (const file of images) {
      const image = parsePgm(new Uint8Array(await readFile(join(dir, file))));
      await rm(join(dir, file));
      if (!image) continue;
      const { rulings, cleaned } = imageRulings(image, DPI);
      jobs.push(...pageJobs(pages.length, cleaned, cellAreas(rulings, image.width, image.height, DPI)));
      pages.push({ rulings, bottom: 0, height: image.height * POINTS });
    }
    const lineJobs = jobs.filter((job) => !job.block);
    const blockJobs = jobs.filter((job) => job.block);
    const [lineWords, blockWords] = await Promise.all([recogniseImages(tesseract, dir, 'line', lineJobs.map((job) => job.image), { psm: 13 }), recogniseImages(tesseract, dir, 'block', blockJobs.map((job) => job.image), { psm: 6 })]);
    const confirmed = lineWords && (await confirmFigures(tesseract, dir, lineJobs, lineWords));
    if (!confirmed || !blockWords) return { ok: false, problem: problem('ocr-failed') };
    const pageWords: PageWord[][] = pages.map(() => []);
    [...lineJobs.map((job, k) => [job, confirmed[k]!] as const), ...blockJobs.map((job, k) => [job, blockWords[k]!] as const)].forEach(([job, words], j) => {
      // a line's words share its baseline and height (the recogniser's word boxes do not always)
      const [top, height] = job.block ? [null, null] : [job.origin[1] + PAD, job.image.height - 2 * PAD];
      for (const w of words) pageWords[job.page]!.push({ line: `${j}.${w.line}`, cell: job.cell !== null && !job.block, left: w.left + job.origin[0], top: top ?? w.top + job.origin[1], width: w.width, height: height ?? w.height, text: w.text });
    });
    const inputs: PageInput[] = pages.map((page, p) => ({ ...page, pieces: wordPieces(pageWords[p]!, page.height, page.rulings ?? [], POINTS) }));
    const view = buildLineView(assemblePages(inputs));
    if (view.lines.join('').replace(/\s/g, '').length === 0) return { ok: false, problem: problem('pdf-no-text') };
    return { ok: true, document: { name, format: 'pdf', encoding: 'binary', ocr: true, ...view } };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
