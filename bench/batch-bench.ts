/**
 * A province's batch: `check 文件夹 --summary` on `count` generated reports (bench/ingest-reports.ts; half .txt, a
 * quarter .docx, a quarter .pdf as the issue measured), on one core (`--jobs 1`) and on every core, as cold processes:
 * reports/s and peak RSS of each, whether the two summaries agree, and what PDF text extraction costs per file
 * against the same report as .txt (measured in this process). Generated folders are cached in the temp directory.
 * PDFs and .docx are slow to make (pdfkit with a CJK font ≈ 1 s each), so at most 50 distinct PDFs and 100 distinct
 * .docx are made and reused under other names; every .txt is distinct.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportSet } from './ingest-reports.js';
import { BIN, ROOT, runProcess } from './process-probe.js';

export interface BatchRun {
  jobs: number;
  seconds: number;
  reportsPerSecond: number;
  peakMb: number;
}

export interface BatchMeasure {
  reports: number;
  one: BatchRun;
  all: BatchRun;
  /** The two summary workbooks hold the same cells, and stdout is the same. */
  same: boolean;
  /**
   * The machine's own ceiling for two cores, measured in the same run: two separate `check --jobs 1` processes at once,
   * each on half of the folder (the same mix of formats): wall seconds until both end.
   */
  halvesSeconds: number;
  /** Median ms to read + recognise one report as .pdf and as .txt (in process). */
  pdfMs: number;
  txtMs: number;
}

const MAX_PDF = 50;
const MAX_DOCX = 100;

/** The folder of `count` mixed reports, made once per count. */
export async function batchFolder(count: number): Promise<string> {
  const dir = join(tmpdir(), `selfeval-batch-${count}`);
  if (existsSync(dir) && readdirSync(dir).length === count) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const { toDocx, toPdf } = await import('../test/helpers/report-variants.js');
  const reports = reportSet(count, 2025);
  const made = { pdf: [] as string[], docx: [] as string[] };
  for (const [i, report] of reports.entries()) {
    const base = `${String(i).padStart(5, '0')}-${report.department}-${report.year}`;
    const kind = i % 4 === 1 ? 'docx' : i % 4 === 3 ? 'pdf' : 'txt';
    const path = join(dir, `${base}.${kind}`);
    if (kind === 'txt') writeFileSync(path, report.text);
    else if (made[kind].length < (kind === 'pdf' ? MAX_PDF : MAX_DOCX)) {
      writeFileSync(path, kind === 'pdf' ? await toPdf(report.text) : await toDocx(report.text));
      made[kind].push(path);
    } else copyFileSync(made[kind][i % made[kind].length]!, path);
  }
  return dir;
}

async function sheetsOf(path: string): Promise<string> {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return JSON.stringify(workbook.worksheets.map((sheet) => [sheet.name, sheet.getSheetValues(), sheet.autoFilter]));
}

async function extractionCost(dir: string): Promise<{ pdfMs: number; txtMs: number }> {
  const { readReportBytes } = await import('../src/report/parse-report.js');
  const files = readdirSync(dir);
  const time = async (name: string): Promise<number> => {
    const bytes = readFileSync(join(dir, name));
    const t = performance.now();
    await readReportBytes(name, bytes);
    return performance.now() - t;
  };
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const pdfs = files.filter((f) => f.endsWith('.pdf')).slice(0, 15);
  const txts = files.filter((f) => f.endsWith('.txt')).slice(0, 15);
  await time(pdfs[0]!); // warm the modules
  await time(txts[0]!);
  const pdf: number[] = [];
  for (const f of pdfs) pdf.push(await time(f));
  const txt: number[] = [];
  for (const f of txts) txt.push(await time(f));
  return { pdfMs: median(pdf), txtMs: median(txt) };
}

/** Two `check --jobs 1` processes at once, each on every other pair of files (hard links in two folders). */
async function twoProcessesOnHalves(dir: string, out: string): Promise<number> {
  const halves = [join(out, 'half-a'), join(out, 'half-b')];
  for (const half of halves) mkdirSync(half, { recursive: true });
  readdirSync(dir).sort().forEach((name, i) => linkSync(join(dir, name), join(halves[Math.floor(i / 2) % 2]!, name)));
  const started = performance.now();
  await Promise.all(halves.map((half) => new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'check', half, '--jobs', '1', '--summary', `${half}.xlsx`], { cwd: ROOT, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve());
  })));
  return (performance.now() - started) / 1000;
}

export async function measureBatch(count: number): Promise<BatchMeasure> {
  const dir = await batchFolder(count);
  const out = join(tmpdir(), `selfeval-batch-out-${process.pid}`);
  mkdirSync(out, { recursive: true });
  try {
    const run = (jobs: number): BatchRun & { stdout: string } => {
      const result = runProcess([BIN, 'check', dir, '--jobs', String(jobs), '--summary', join(out, `${jobs}.xlsx`)]);
      if (result.status !== 0 && result.status !== 1) throw new Error(`check --jobs ${jobs} 退出码 ${result.status}：${result.stderr.slice(-200)}`);
      return { jobs, seconds: result.seconds, reportsPerSecond: count / result.seconds, peakMb: result.peakMb, stdout: result.stdout };
    };
    const cores = availableParallelism();
    const one = run(1);
    const all = run(cores);
    const halvesSeconds = await twoProcessesOnHalves(dir, out);
    const same = one.stdout === all.stdout && (await sheetsOf(join(out, '1.xlsx'))) === (await sheetsOf(join(out, `${cores}.xlsx`)));
    const { stdout: _a, ...oneRun } = one;
    const { stdout: _b, ...allRun } = all;
    return { reports: count, one: oneRun, all: allRun, same, halvesSeconds, ...(await extractionCost(dir)) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
