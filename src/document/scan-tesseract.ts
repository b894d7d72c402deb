import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Running tesseract over many images in one process (a list file: the model is loaded once, not once per cell), and
 * its TSV output as words with their boxes and confidences.
 */

/** Time limit for one program run. */
const RUN_TIMEOUT_MS = 180_000;

export function run(command: string, args: readonly string[]): Promise<{ ok: boolean; stdout: string }> {
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

/** One recognised word: which image of the batch (0-based), its line there, box in that image's pixels, confidence 0–100. */
export interface OcrWord {
  image: number;
  line: string;
  left: number;
  top: number;
  width: number;
  height: number;
  conf: number;
  text: string;
}

/** The words of tesseract's TSV (level 5 rows), blank words left out. */
export function parseTsv(tsv: string): OcrWord[] {
  const words: OcrWord[] = [];
  for (const row of tsv.split('\n')) {
    const f = row.split('\t');
    if (f.length < 12 || f[0] !== '5') continue;
    const text = f.slice(11).join('\t').trim();
    if (text === '' || Number(f[10]) < 0) continue;
    words.push({ image: Number(f[1]) - 1, line: `${f[2]}.${f[3]}.${f[4]}`, left: Number(f[6]), top: Number(f[7]), width: Number(f[8]), height: Number(f[9]), conf: Number(f[10]), text });
  }
  return words;
}

export interface RecogniseOptions {
  dpi: number;
  /** tesseract's language(s); chi_sim unless told. */
  language?: string;
  /** Page segmentation: 6 a uniform block of text, 7 one line, 8 one word, 13 one raw line (no layout analysis at all). */
  psm: 6 | 7 | 8 | 13;
  /** tesseract's thresholding_method: 0 Otsu, 1 local normalisation + Otsu, 2 Sauvola. */
  threshold?: 0 | 1 | 2;
  /** Only these characters may be recognised (a figure's second reading). */
  whitelist?: string;
}

/**
 * Recognise the images (PGM files in `dir`) in one tesseract run, Simplified Chinese; null when it fails. Each word
 * says which image it came from.
 */
export async function recognise(tesseract: string, dir: string, name: string, files: readonly string[], options: RecogniseOptions): Promise<OcrWord[] | null> {
  if (files.length === 0) return [];
  const list = join(dir, `${name}.txt`);
  await writeFile(list, `${files.join('\n')}\n`);
  const args = [list, 'stdout', '-l', options.language ?? 'chi_sim', '--dpi', String(options.dpi), '--psm', String(options.psm), '-c', 'preserve_interword_spaces=1'];
  if (options.threshold !== undefined) args.push('-c', `thresholding_method=${options.threshold}`);
  if (options.whitelist) args.push('-c', `tessedit_char_whitelist=${options.whitelist}`);
  const result = await run(tesseract, [...args, 'tsv']);
  return result.ok ? parseTsv(result.stdout) : null;
}

/** The languages tesseract has models for (its --list-langs). */
export async function languages(tesseract: string): Promise<string[]> {
  const listed = await run(tesseract, ['--list-langs']);
  return listed.ok ? listed.stdout.split('\n').slice(1).map((l) => l.trim()).filter((l) => l !== '') : [];
}
