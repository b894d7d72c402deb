import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { SAMPLE_REPORT_PATH } from '../helpers/sample-report.ts';
import { runSelfevalWithData } from '../helpers/selfeval-cli.ts';
import { createTestDataDir } from '../helpers/test-database.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

interface SearchJson {
  results: { chunkId: string; source: string; title: string; sectionPath: string[]; text: string; score: number; lineStart: number | null; scope: string }[];
  mode: string;
}

let dataDir: string;

function selfeval(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return runSelfevalWithData(dataDir, args, env);
}

// Child processes (tsx + PGlite + jieba) take seconds each on a loaded 2-core machine.
describe('selfeval ingest / search / kb (child process, embedded store)', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    dataDir = await createTestDataDir();
  });
  afterAll(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('ingests knowledge/ with progress on stderr and a Chinese summary', async () => {
    const run = await selfeval(['ingest', 'knowledge/']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/入库完成（范围 public）：新增 \d+ 个/u);
    expect(run.stderr).toMatch(/入库 \d+\/\d+：guides\//u);
  });

  it('puts the 政府采购执行率 guide first, in the JSON contract, keyword mode', async () => {
    const run = await selfeval(['search', '政府采购执行率怎么算', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(''); // the bundled knowledge was already built: nothing to report
    const json = JSON.parse(run.stdout) as SearchJson;
    expect(json.mode).toBe('keyword');
    expect(json.results[0]).toMatchObject({ source: 'guides/indicators/政府采购执行率.md', title: '政府采购执行率' });
    for (const r of json.results) expect(Object.keys(r)).toEqual(expect.arrayContaining(['chunkId', 'source', 'title', 'sectionPath', 'text', 'score']));
  });

  it('cites line 125 of a report ingested in a scope, only within that scope', async () => {
    expect((await selfeval(['ingest', SAMPLE_REPORT_PATH, '--scope', 'lechang'])).code).toBe(0);
    const inScope = JSON.parse((await selfeval(['search', '乐昌 政府采购 预算', '--scope', 'lechang', '--format', 'json'])).stdout) as SearchJson;
    const hit = inScope.results.find((r) => r.scope === 'lechang');
    expect(hit).toMatchObject({ source: 'lechang-2024-self-eval.txt', lineStart: 125 });
    expect(hit!.text).toContain('60.68');
    const outside = JSON.parse((await selfeval(['search', '乐昌 政府采购 预算', '--format', 'json'])).stdout) as SearchJson;
    expect(outside.results.some((r) => r.text.includes('60.68') && r.scope === 'lechang')).toBe(false);
    const text = await selfeval(['search', '乐昌 政府采购 预算', '--scope', 'lechang']);
    expect(text.stdout).toContain('来源：lechang-2024-self-eval.txt 第 125 行');
    expect(text.stdout).toContain('检索方式：关键词');
  });

  it('lists and removes documents', async () => {
    const list = await selfeval(['kb', 'list', '--scope', 'lechang']);
    expect(list.stdout).toContain('lechang-2024-self-eval.txt');
    const removed = await selfeval(['kb', 'remove', 'lechang-2024-self-eval.txt', '--scope', 'lechang']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('已删除：lechang-2024-self-eval.txt');
    const again = await selfeval(['kb', 'remove', 'lechang-2024-self-eval.txt']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('没有找到');
  });

  it('database down: exit 2 with one Chinese sentence, no stack trace', async () => {
    const run = await selfeval(['search', '预算', '--format', 'json'], { DATABASE_URL: 'postgres://u:p@127.0.0.1:9/none' });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^无法连接数据库/u);
    expect(run.stderr).not.toMatch(/\n\s+at /u);
  });

  it('refuses bad options in Chinese and documents itself in Chinese', async () => {
    const k = await selfeval(['search', '预算', '--k', '0']);
    expect(k.code).toBe(2);
    expect(k.stderr).toContain('--k 必须是');
    const help = await selfeval(['search', '--help']);
    expect(help.stdout).toContain('在知识库中检索');
    expect(help.stdout).toContain('--scope');
  });
});

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
