import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/sample-report.js';
import { readFiguresWorkbook } from '../../src/drafting/workbook/read-workbook.js';
import { PUTUO_REPORT, PUTUO_REPORT_CHANGED } from './putuo-report.js';

interface Run { code: number; stdout: string; stderr: string }

function selfeval(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(REPO_ROOT, 'bin', 'selfeval.js'), ...args], { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

const PDF = join(REPO_ROOT, '..', 'shared', 'pdf', '上海市普陀区财政局2024年度部门决算.pdf');
const dir = mkdtempSync(join(tmpdir(), 'selfeval-accounts-'));
const same = join(dir, '自评报告.txt');
const changed = join(dir, '自评报告-改.txt');
writeFileSync(same, PUTUO_REPORT);
writeFileSync(changed, PUTUO_REPORT_CHANGED);

type Json = { findings: { ruleId: string; severity: string; message: string }[] };
const fromAccounts = (run: Run) => (JSON.parse(run.stdout) as Json).findings.filter((f) => f.ruleId === 'accounts/report-figure');

describe('selfeval check --accounts / figures 部门决算 (child process)', () => {
  it('the report taken from the 决算: no difference, exit 0', async () => {
    const run = await selfeval('check', same, '--accounts', PDF, '--format', 'json');
    expect(run.code).toBe(0);
    const findings = fromAccounts(run);
    expect(findings.length).toBeGreaterThanOrEqual(10);
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
  }, 60_000);

  it('the copy with two figures changed: exactly those two errors, exit 1', async () => {
    const run = await selfeval('check', changed, '--accounts', PDF, '--format', 'json');
    expect(run.code).toBe(1);
    const errors = fromAccounts(run).filter((f) => f.severity === 'error');
    expect(errors.map((f) => /“(.+?)”/u.exec(f.message)?.[1])).toEqual(['项目支出', '结转结余']);
  }, 60_000);

  it('a folder with --accounts, or a missing 决算, is refused in one sentence', async () => {
    for (const run of [await selfeval('check', dir, '--accounts', PDF), await selfeval('check', same, '--accounts', join(dir, '无此文件.pdf'))]) {
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/\p{Script=Han}/u);
    }
  }, 60_000);

  it('figures 部门决算.pdf writes the workbook from the 决算 and lists what is off in the 决算', async () => {
    const out = join(dir, '数据.xlsx');
    const run = await selfeval('figures', PDF, '--out', out);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('按部门决算（9 张标准表）');
    expect(run.stdout).toContain('0.3 万元');
    expect(existsSync(out)).toBe(true);
    const read = await readFiguresWorkbook(new Uint8Array(readFileSync(out)));
    // Scores are the person's to fill: the workbook is refused for drafting until then, and says so.
    expect(read.ok).toBe(false);
  }, 60_000);
});
