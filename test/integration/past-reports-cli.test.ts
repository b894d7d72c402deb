import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, SAMPLE_REPORT_PATH } from '../helpers/sample-report.ts';
import { createTestDataDir } from '../helpers/test-database.ts';

let dataDir: string;

function selfeval(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const base = { ...process.env };
  for (const key of ['DATABASE_URL', 'EMBEDDING_MODEL', 'EMBEDDING_DIMENSIONS', 'CHAT_MODEL']) delete base[key];
  return new Promise((resolve) => {
    execFile(process.execPath, [join(REPO_ROOT, 'bin', 'selfeval.js'), ...args], { cwd: REPO_ROOT, env: { ...base, SELFEVAL_DATA_DIR: dataDir, NO_COLOR: '1' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

describe('a past report ingested by the CLI answers its own scores (child process, embedded store)', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    dataDir = await createTestDataDir();
  });
  afterAll(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('`ingest 乐昌… --scope past` then `ask … --scope past` → 0/2 分 from the ingested report, cited; other scopes do not see it', async () => {
    const ingest = await selfeval(['ingest', SAMPLE_REPORT_PATH, '--scope', 'past']);
    expect(ingest.code).toBe(0);
    const question = '乐昌市政务服务和数据管理局2024年政府采购执行率得了几分';
    const ask = await selfeval(['ask', question, '--scope', 'past', '--format', 'json']);
    expect(ask.code).toBe(0);
    const reply = JSON.parse(ask.stdout) as { answer: string; citations: { source: string; quote: string; line?: number }[]; mode: string };
    expect(reply.mode).toBe('offline');
    expect(reply.answer).toContain('0/2 分');
    expect(reply.answer).not.toContain('待核实');
    expect(reply.citations[0]).toMatchObject({ source: 'lechang-2024-self-eval.txt', line: 125 });
    expect(reply.citations[0]!.quote).toContain('60.68万元');
    const elsewhere = await selfeval(['ask', question, '--scope', 'other', '--format', 'json']);
    expect((JSON.parse(elsewhere.stdout) as { answer: string }).answer).not.toContain('0/2 分');
  });
});
