import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/sample-report.js';

function selfeval(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(REPO_ROOT, 'bin', 'selfeval.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

describe('selfeval template', () => {
  it('writes the six sheets with the rubric tree, validated number cells and formula totals; unfilled, it lists the empty cells', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'selfeval-template-'));
    const run = await selfeval(dir, 'template', '--out', '模板.xlsx');
    expect(run.code, run.stderr).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(join(dir, '模板.xlsx')) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['基本情况', '收支', '预算执行', '项目', '指标得分', '加减分']);
    const indicators = book.getWorksheet('指标得分')!;
    expect(indicators.getCell('A2').value).toBe('预算编制');
    expect(indicators.getCell('E2').value).toBe(28);
    expect(indicators.getCell('F4').dataValidation).toMatchObject({ type: 'decimal' });
    expect((book.getWorksheet('收支')!.getCell('B8').value as { formula: string }).formula).toBe('B9+B12');
    const draft = await selfeval(dir, 'draft', '全文', '--figures', '模板.xlsx', '--out', '草稿.docx');
    expect(draft.code).toBe(2);
    expect(draft.stderr).toContain('以下必填单元格为空：基本情况!B2（单位名称）');
  }, 120_000);
});
