import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, SAMPLE_REPORT_PATH, mutateSampleLine, readSampleReportText } from '../helpers/sample-report.js';

interface Run { code: number; stdout: string; stderr: string }

function selfeval(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(REPO_ROOT, 'bin', 'selfeval.js'), ...args], { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

function expectOneChineseSentence(stderr: string): void {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/\p{Script=Han}/u);
  expect(stderr).not.toMatch(/\n\s+at |Error:/u);
}

const dir = mkdtempSync(join(tmpdir(), 'selfeval-check-'));
const broken = join(dir, 'broken.txt');
writeFileSync(broken, mutateSampleLine(readSampleReportText(), 39, '231.11', '231.21'));

describe('selfeval check (child process)', () => {
  it('checks the sample in text: exit 0, summary line, no errors', async () => {
    const run = await selfeval('check', SAMPLE_REPORT_PATH);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('按各项计算 96 + 3 = 99');
    expect(run.stdout).toMatch(/共 \d+ 条：错误 0，警告 \d+，提示 \d+/u);
  });

  it('prints one JSON object with --format json', async () => {
    const run = await selfeval('check', SAMPLE_REPORT_PATH, '--format', 'json');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { report: { statedTotal: number; computedTotal: number; bonus: number; indicators: unknown[] }; findings: { severity: string }[] };
    expect(json.report).toMatchObject({ statedTotal: 99, computedTotal: 99, bonus: 3 });
    expect(json.report.indicators).toHaveLength(27);
    expect(json.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('exits 1 when there is an error finding', async () => {
    const run = await selfeval('check', broken, '--format', 'markdown');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('### 错误（1）');
  });

  it.each([
    ['a missing file', () => join(dir, 'missing.txt'), '找不到文件'],
    ['an unknown extension', () => { const p = join(dir, 'report.rtf'); writeFileSync(p, '{\\rtf1}'); return p; }, '不支持 .rtf'],
    ['an empty file', () => { const p = join(dir, 'empty.txt'); writeFileSync(p, ''); return p; }, '空'],
  ])('exits 2 with one Chinese sentence for %s', async (_label, make, words) => {
    const run = await selfeval('check', make());
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expectOneChineseSentence(run.stderr);
    expect(run.stderr).toContain(words);
  });

  it('exits 2 for a bad --format or an invalid --rubric, naming the field', async () => {
    const format = await selfeval('check', SAMPLE_REPORT_PATH, '--format', 'xml');
    expect(format.code).toBe(2);
    expectOneChineseSentence(format.stderr);
    const rubric = join(dir, 'rubric.json');
    writeFileSync(rubric, JSON.stringify({ id: 'x', name: 'x', total: '一百', description: '', sources: [], indicators: [] }));
    const run = await selfeval('check', SAMPLE_REPORT_PATH, '--rubric', rubric);
    expect(run.code).toBe(2);
    expectOneChineseSentence(run.stderr);
    expect(run.stderr).toContain('字段 total');
  });

  it('checks a folder: progress lines on stderr, a summary table on stdout', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'selfeval-dir-'));
    writeFileSync(join(folder, 'a-good.txt'), readSampleReportText());
    writeFileSync(join(folder, 'b-broken.txt'), mutateSampleLine(readSampleReportText(), 65, '99 分', '97 分'));
    writeFileSync(join(folder, 'notes.json'), '{}');
    const run = await selfeval('check', folder);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('已检查 1/2：a-good.txt');
    expect(run.stderr).toContain('已检查 2/2：b-broken.txt');
    expect(run.stdout).toMatch(/a-good\.txt\s+99 \/ 99\s+0/u);
    expect(run.stdout).toMatch(/b-broken\.txt\s+97 \/ 99\s+1/u);
    expect(run.stdout).not.toContain('notes.json');
  });

  it('has Chinese help', async () => {
    const run = await selfeval('check', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('输出格式');
    expect(run.stdout).toContain('退出码');
  });
});

describe('selfeval check on a folder with a worker pool', () => {
  it('gives the same JSON, text and summary workbook on every core as one by one, and as each file checked alone', async () => {
    const { reportSet } = await import('../../bench/ingest-reports.ts');
    const { toDocx } = await import('../helpers/report-variants.ts');
    const ExcelJS = (await import('exceljs')).default;
    const folder = mkdtempSync(join(tmpdir(), 'selfeval-pool-'));
    const reports = reportSet(6, 7);
    reports.forEach((r, i) => writeFileSync(join(folder, `r${i}.txt`), r.text));
    writeFileSync(join(folder, 'r6.docx'), await toDocx(reports[0]!.text));
    writeFileSync(join(folder, 'sample.txt'), readSampleReportText());
    writeFileSync(join(folder, 'unusable.txt'), '这不是一份报告。');
    const out = mkdtempSync(join(tmpdir(), 'selfeval-pool-out-'));
    const one = await selfeval('check', folder, '--jobs', '1', '--format', 'json', '--summary', join(out, 'one.xlsx'));
    const pool = await selfeval('check', folder, '--jobs', '2', '--format', 'json', '--summary', join(out, 'pool.xlsx'));
    expect(pool.code).toBe(one.code);
    expect(pool.stdout).toBe(one.stdout);
    const files = (JSON.parse(pool.stdout) as { files: { file: string; problem?: string; findings?: unknown[] }[] }).files;
    expect(files.map((f) => f.file)).toEqual(['r0.txt', 'r1.txt', 'r2.txt', 'r3.txt', 'r4.txt', 'r5.txt', 'r6.docx', 'sample.txt', 'unusable.txt']);
    expect(files.at(-1)!.problem).toMatch(/\p{Script=Han}/u);
    // Each file checked alone prints the same report and findings as its entry in the folder's JSON.
    for (const name of ['r1.txt', 'r6.docx', 'sample.txt']) {
      const alone = JSON.parse((await selfeval('check', join(folder, name), '--format', 'json')).stdout) as object;
      const { file: _file, ...inFolder } = files.find((f) => f.file === name)!;
      expect(inFolder).toEqual(alone);
    }
    const sheets = async (path: string) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(path);
      return workbook.worksheets.map((sheet) => ({ name: sheet.name, rows: sheet.getSheetValues(), filter: sheet.autoFilter }));
    };
    const [a, b] = [await sheets(join(out, 'one.xlsx')), await sheets(join(out, 'pool.xlsx'))];
    expect(b).toEqual(a);
    expect(a.map((s) => s.name)).toEqual(['汇总', '全部问题']);
    expect(a[0]!.rows.length - 2).toBe(files.length); // header + one row per file (getSheetValues is 1-based)
    const findings = files.reduce((n, f) => n + (f.findings?.length ?? 0), 0);
    expect(a[1]!.rows.length - 2).toBe(findings);
    const text1 = await selfeval('check', folder, '--jobs', '1');
    const text2 = await selfeval('check', folder, '--jobs', '2');
    expect(text2.stdout).toBe(text1.stdout);
    expect(text2.stderr).toBe(text1.stderr);
    expect(text2.stdout).toContain('共 9 个文件：已检查 8，无法读取 1');
  }, 120_000);

  it('refuses a --jobs that is not a positive whole number, in one Chinese sentence', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'selfeval-jobs-'));
    writeFileSync(join(folder, 'a.txt'), readSampleReportText());
    const run = await selfeval('check', folder, '--jobs', '0');
    expect(run.code).toBe(2);
    expectOneChineseSentence(run.stderr);
  });
});
