import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSelfevalWithData } from '../helpers/selfeval-cli.ts';
import { createTestDataDir } from '../helpers/test-database.ts';
import { FORM_CASE } from './previous-year-fixtures.ts';

/** `selfeval ingest 去年报告 --scope past` then `selfeval draft 上年问题整改情况 --report 今年报告`, as a user runs them. */

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let dataDir: string;
let root: string;

function selfeval(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return runSelfevalWithData(dataDir, args, env);
}

beforeAll(async () => {
  dataDir = await createTestDataDir();
  root = mkdtempSync(join(tmpdir(), 'selfeval-previous-year-cli-'));
  for (const f of await FORM_CASE.files()) writeFileSync(join(root, f.name), f.bytes);
});

afterAll(() => {
  for (const dir of [dataDir, root]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('selfeval draft 上年问题整改情况', { timeout: 180_000 }, () => {
  const c = FORM_CASE;
  const thisYear = () => join(root, c.thisYear.file);

  it('without a store: one sentence on how to ingest, and no store is created', async () => {
    const absent = join(root, 'no-store-here');
    const run = await selfeval(['draft', '上年问题整改情况', '--report', thisYear()], { SELFEVAL_DATA_DIR: absent });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`没有${c.department}的往年报告`);
    expect(run.stdout).toContain('selfeval ingest 去年报告 --scope past');
    expect(existsSync(absent)).toBe(false);
  });

  it('after ingest --scope past: last year’s problems with their places, every number with its source (JSON)', async () => {
    const ingest = await selfeval(['ingest', join(root, c.lastYear.file), join(root, c.neighbour.year.file), '--scope', 'past']);
    expect(ingest.code).toBe(0);
    const text = await selfeval(['draft', '上年问题整改情况', '--report', thisYear()]);
    expect(text.code).toBe(0);
    for (const p of c.lastYear.problems) expect(text.stdout).toContain(`“${p}”（${c.lastYear.file} `);
    expect(text.stdout).not.toContain(c.neighbour.department);
    const json = await selfeval(['draft', '上年问题整改情况', '--report', thisYear(), '--format', 'json']);
    const parsed = JSON.parse(json.stdout) as { text: string; numbers: { value: string; source: string }[]; mode: string; notes: string[] };
    expect(parsed.mode).toBe('offline');
    expect(parsed.notes).toEqual([]);
    expect(parsed.text).toBe(text.stdout.split('\n\n数字出处')[0]);
    expect(parsed.numbers.some((n) => n.source.startsWith(`${c.lastYear.file} line `))).toBe(true);
  });

  it('another scope holds nothing: says so; a bad scope name exits 2', async () => {
    const other = await selfeval(['draft', '上年问题整改情况', '--report', thisYear(), '--scope', 'elsewhere']);
    expect(other.stdout).toContain('范围“elsewhere”');
    expect(other.stdout).toContain('--scope elsewhere');
    const bad = await selfeval(['draft', '上年问题整改情况', '--report', thisYear(), '--scope', 'a b']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/范围（scope）名称/u);
  });
});
