import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, mutateSampleLine, readSampleReportText } from '../helpers/sample-report.js';
import { SOFFICE, SOFFICE_MISSING, convertWithSoffice } from '../drafting/libreoffice.js';

function selfeval(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(REPO_ROOT, 'bin', 'selfeval.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

const dir = mkdtempSync(join(tmpdir(), 'selfeval-annotate-'));
// The sample with one wrong part (基本支出 231.21) so that there is an error as well as the warnings.
const text = mutateSampleLine(readSampleReportText(), 39, '231.11', '231.21');

async function reportDocx(): Promise<Buffer> {
  const document = new Document({ sections: [{ children: text.split('\n').map((line) => new Paragraph(line)) }] });
  return Packer.toBuffer(document);
}

const raw = async (bytes: Buffer) => (await mammoth.extractRawText({ buffer: bytes })).value;

interface CheckJson { findings: { severity: string }[] }

describe('selfeval check --annotate / --summary (child processes)', () => {
  it('returns the user\'s .docx with one comment per error and warning, the text unchanged, valid for LibreOffice', async () => {
    const original = await reportDocx();
    writeFileSync(join(dir, '报告.docx'), original);
    const json = JSON.parse((await selfeval(dir, 'check', '报告.docx', '--format', 'json')).stdout) as CheckJson;
    const expected = json.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').length;
    expect(json.findings.some((f) => f.severity === 'error')).toBe(true);
    const run = await selfeval(dir, 'check', '报告.docx', '--annotate', '批注版.docx');
    expect(run.code).toBe(1); // errors found, as without --annotate
    expect(run.stderr).toContain(`已写出批注版 批注版.docx：${expected} 条批注`);
    const annotated = readFileSync(join(dir, '批注版.docx'));
    const zip = await JSZip.loadAsync(annotated);
    const comments = await zip.file('word/comments.xml')!.async('string');
    expect(comments.match(/<w:comment /gu)).toHaveLength(expected);
    expect(comments).toContain('w:author="selfeval"');
    expect(comments).toContain('231.21');
    expect(await raw(annotated)).toBe(await raw(original));
    if (!SOFFICE) {
      console.warn(SOFFICE_MISSING);
      return;
    }
    expect(await convertWithSoffice(join(dir, '批注版.docx'), 'pdf')).not.toBeNull();
    const flat = await convertWithSoffice(join(dir, '批注版.docx'), 'fodt');
    const authors = readFileSync(flat!, 'utf8').match(/<dc:creator>selfeval<\/dc:creator>/gu) ?? [];
    expect(authors).toHaveLength(expected); // LibreOffice reads every comment
  }, 300_000);

  it('annotates a .txt as a .docx of its text, and an .xlsx score table with cell notes', async () => {
    writeFileSync(join(dir, '报告.txt'), text);
    const run = await selfeval(dir, 'check', '报告.txt', '--annotate', '报告-批注版.docx');
    expect(run.stderr).toMatch(/已写出批注版 报告-批注版\.docx：\d+ 条批注/u);
    const docx = readFileSync(join(dir, '报告-批注版.docx'));
    expect((await raw(docx)).replace(/\s+/gu, '')).toBe(text.replace(/\s+/gu, ''));
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('自评表');
    sheet.addRow(['一级指标', '三级指标', '分值', '自评得分', '扣分原因']);
    sheet.addRow(['产出', '完成率', 10, 12, '']);
    sheet.addRow(['产出', '及时性', 5, 5, '']);
    sheet.addRow(['合计', '', 15, 17, '']);
    await book.xlsx.writeFile(join(dir, '评分表.xlsx'));
    const xlsx = await selfeval(dir, 'check', '评分表.xlsx', '--annotate', '评分表-批注版.xlsx');
    expect(xlsx.stderr, xlsx.stdout).toMatch(/已写出批注版/u);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(join(dir, '评分表-批注版.xlsx'));
    const notes: string[] = [];
    back.getWorksheet('自评表')!.eachRow((row) => row.eachCell((cell) => {
      if (cell.note) notes.push(`${cell.address}:${typeof cell.note === 'string' ? cell.note : cell.note.texts?.map((t) => t.text).join('')}`);
    }));
    expect(notes.some((n) => /超过|分值/u.test(n))).toBe(true);
    expect(back.getWorksheet('自评表')!.getCell('D2').value).toBe(12); // the data is untouched
  }, 180_000);

  it('writes the batch summary: one row per report and a filterable sheet of all findings', async () => {
    const folder = join(dir, '报告文件夹');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'a-有错.txt'), text);
    writeFileSync(join(folder, 'b-原样.txt'), readSampleReportText());
    writeFileSync(join(folder, 'c-空.txt'), '');
    const run = await selfeval(dir, 'check', '报告文件夹', '--summary', '汇总.xlsx');
    expect(run.stderr).toContain('已写出汇总表 汇总.xlsx：3 份报告');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, '汇总.xlsx'));
    const summary = book.getWorksheet('汇总')!;
    const rows = [2, 3, 4].map((r) => (summary.getRow(r).values as unknown[]).slice(1));
    expect(rows[0]!.slice(0, 6)).toEqual(['a-有错.txt', '乐昌市政务服务和数据管理局', 2024, 99, 99, 1]);
    expect(String(rows[0]![8])).toMatch(/^【错误】/u);
    expect(rows[1]!.slice(0, 6)).toEqual(['b-原样.txt', '乐昌市政务服务和数据管理局', 2024, 99, 99, 0]);
    expect(String(rows[2]![8])).toMatch(/^无法检查：/u);
    const all = book.getWorksheet('全部问题')!;
    expect(all.autoFilter).toBeTruthy();
    expect(all.rowCount).toBeGreaterThan(10);
    expect((all.getRow(2).values as unknown[])[3]).toBe('错误');
  }, 180_000);
});
