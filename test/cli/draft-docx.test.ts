import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, SAMPLE_REPORT_PATH } from '../helpers/sample-report.js';
import { SOFFICE, SOFFICE_MISSING, convertWithSoffice } from '../drafting/libreoffice.js';

interface Run { code: number; stdout: string; stderr: string }

function selfeval(cwd: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(REPO_ROOT, 'bin', 'selfeval.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

const dir = mkdtempSync(join(tmpdir(), 'selfeval-draft-'));

describe('selfeval figures → draft 全文 → check (child processes)', () => {
  it('round-trips the sample: same 27 leaves, 99, no error; the .docx opens in LibreOffice', async () => {
    const figures = await selfeval(dir, 'figures', SAMPLE_REPORT_PATH, '--out', '数据.xlsx');
    expect(figures.code, figures.stderr).toBe(0);
    expect(figures.stdout).toContain('乐昌市政务服务和数据管理局');
    const draft = await selfeval(dir, 'draft', '全文', '--figures', '数据.xlsx', '--out', '草稿.docx');
    expect(draft.code, draft.stderr).toBe(0);
    expect(draft.stdout).toContain('自查：27 项末级指标，总分 99，错误 0 个');
    const original = JSON.parse((await selfeval(dir, 'check', SAMPLE_REPORT_PATH, '--format', 'json')).stdout) as CheckJson;
    const check = await selfeval(dir, 'check', '草稿.docx', '--format', 'json');
    expect(check.code).toBe(0);
    const json = JSON.parse(check.stdout) as CheckJson;
    expect(json.report).toMatchObject({ statedTotal: 99, computedTotal: 99, department: '乐昌市政务服务和数据管理局', year: 2024 });
    expect(json.report.indicators.map((i) => [i.path, i.weight, i.score])).toEqual(original.report.indicators.map((i) => [i.path, i.weight, i.score]));
    expect(json.findings.filter((f) => f.severity === 'error')).toEqual([]);
    if (!SOFFICE) {
      console.warn(SOFFICE_MISSING);
      return;
    }
    const pdf = await convertWithSoffice(join(dir, '草稿.docx'), 'pdf');
    expect(pdf).not.toBeNull();
    expect(statSync(pdf!).size).toBeGreaterThan(10_000);
    expect(readFileSync(pdf!).subarray(0, 5).toString()).toBe('%PDF-');
  }, 240_000);

  it('writes Markdown with --format md, and refuses a workbook that is not ours in one sentence', async () => {
    const md = await selfeval(dir, 'draft', '全文', '--report', SAMPLE_REPORT_PATH, '--format', 'md');
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toMatch(/^2024年度部门整体支出绩效自评报告\n\n部门名称：/u);
    expect(md.stdout).toContain('（4）政府采购执行率（2 分）');
    expect(md.stdout).toContain('政府采购执行率为 107.15%（65.02 ÷ 60.68 × 100%）');
    const bad = await selfeval(dir, 'draft', '全文', '--figures', SAMPLE_REPORT_PATH, '--out', 'x.docx');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/不是有效的 Excel/u);
  }, 120_000);
});

interface CheckJson {
  report: { statedTotal: number; computedTotal: number; department: string; year: number; indicators: { path: string[]; weight: number; score: number | null }[] };
  findings: { severity: string }[];
}
