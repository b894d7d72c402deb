import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReportBytes, readReportFile } from '../../src/report/parse-report.js';
import { MAX_REPORT_BYTES } from '../../src/report/problems.js';
import { hasCjkFont, toDocx, toPdf } from '../helpers/report-variants.js';
import PDFDocument from 'pdfkit';

const dir = mkdtempSync(join(tmpdir(), 'selfeval-bad-'));

async function problemOf(name: string, bytes: Uint8Array) {
  const result = await readReportBytes(name, bytes);
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('parsed');
  expect(result.problems).toHaveLength(1);
  const [first] = result.problems;
  expect(first!.message).toMatch(/[\u4e00-\u9fff]/); // a Chinese sentence
  expect(first!.message).toMatch(/[。）]$/);
  return first!;
}

async function imageOnlyPdf(): Promise<Uint8Array> {
  const doc = new PDFDocument();
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.rect(50, 50, 200, 100).fill('#333'); // a "scan": graphics only, no text layer
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

describe('bad input gets one clear Chinese sentence, never an exception', () => {
  it('empty file', async () => {
    expect((await problemOf('a.txt', new Uint8Array())).code).toBe('empty-file');
  });

  it('binary file with a .txt name', async () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 37) % 256);
    expect((await problemOf('a.txt', bytes)).code).toBe('binary-file');
  });

  it('unknown extension, legacy .doc and .xls', async () => {
    expect((await problemOf('a.pages', new Uint8Array([1]))).message).toContain('.pages');
    expect((await problemOf('a.doc', new Uint8Array([1]))).code).toBe('legacy-doc');
    expect((await problemOf('a.xls', new Uint8Array([1]))).code).toBe('legacy-xls');
    expect((await problemOf('README', new Uint8Array([1]))).message).toContain('无扩展名');
  });

  it('a 50 MB file is refused before it is read', async () => {
    const path = join(dir, 'huge.txt');
    writeFileSync(path, Buffer.alloc(50 * 1024 * 1024, 0x41));
    const result = await readReportFile(path);
    expect(result).toMatchObject({ ok: false, problems: [{ code: 'file-too-large' }] });
    expect(MAX_REPORT_BYTES).toBeLessThan(50 * 1024 * 1024);
  });

  it('corrupt docx and corrupt pdf', async () => {
    const docx = await toDocx('自评得分 5 分');
    expect((await problemOf('a.docx', docx.slice(0, 200))).code).toBe('corrupt-file');
    expect((await problemOf('a.pdf', new TextEncoder().encode('%PDF-1.7\nnot really a pdf'))).code).toBe('corrupt-file');
    expect((await problemOf('a.xlsx', new TextEncoder().encode('PK not a zip'))).code).toBe('corrupt-file');
  });

  it('a PDF without a text layer must be converted first', async () => {
    const problem = await problemOf('scan.pdf', await imageOnlyPdf());
    expect(problem.code).toBe('pdf-no-text');
    expect(problem.message).toContain('OCR');
  });

  it.skipIf(!hasCjkFont)('a PDF of a text that is not a report', async () => {
    const pdf = await toPdf('会议通知\n请各单位于下周一上午九点到三楼会议室参加安全生产工作会议，请准时参加。');
    expect((await problemOf('notice.pdf', pdf)).code).toBe('not-a-report');
  });

  it('a 评分细则 workbook or Word table without a score column names the columns it found', async () => {
    const { INPUT_PROCESS_TABLE, toXlsx, toDocx: tableDocx } = await import('../helpers/report-fixtures.js');
    const rubricOnly = INPUT_PROCESS_TABLE.map((row) => row.slice(0, 5));
    const fromXlsx = await problemOf('细则.xlsx', await toXlsx([{ name: '细则', table: rubricOnly }]));
    expect(fromXlsx.code).toBe('no-score-column');
    expect(fromXlsx.message).toContain('表格中找到了“一级指标”“二级指标”“三级指标”“分值”“评分标准”列，但没有“自评得分”列');
    const fromDocx = await problemOf('细则.docx', await tableDocx(['评分细则', { table: rubricOnly }]));
    expect(fromDocx.message).toBe(fromXlsx.message);
  });

  it('missing file and a directory', async () => {
    expect(await readReportFile(join(dir, 'nope.txt'))).toMatchObject({ ok: false, problems: [{ code: 'file-not-found' }] });
    mkdirSync(join(dir, 'folder.txt'));
    expect(await readReportFile(join(dir, 'folder.txt'))).toMatchObject({ ok: false, problems: [{ code: 'is-directory' }] });
  });
});
