import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, SAMPLE_REPORT_PATH } from '../helpers/sample-report.ts';
import { createTestDataDir } from '../helpers/test-database.ts';
import { startFakeOpenAIChat, type FakeOpenAIChat } from '../helpers/fake-openai-chat.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let dataDir: string;

/** Run `node bin/selfeval.js …` with no model or database configured unless `env` says so. */
function selfeval(args: string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<Run> {
  const base = { ...process.env };
  for (const key of ['DATABASE_URL', 'EMBEDDING_MODEL', 'EMBEDDING_DIMENSIONS', 'CHAT_MODEL', 'OPENAI_BASE_URL', 'OPENAI_API_KEY', 'LLM_TIMEOUT_MS']) delete base[key];
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [join(REPO_ROOT, 'bin', 'selfeval.js'), ...args],
      { cwd: REPO_ROOT, env: { ...base, SELFEVAL_DATA_DIR: dataDir, NO_COLOR: '1', ...options.env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin!.end(options.input ?? '');
  });
}

interface AskJson {
  answer: string;
  details?: string;
  citations: { source: string; quote: string; line?: number }[];
  findings: { ruleId: string; severity: string; line: number }[];
  mode: string;
}

beforeAll(async () => {
  dataDir = await createTestDataDir();
});

afterAll(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('selfeval ask', { timeout: 180_000 }, () => {
  it('answers “为什么扣了2分” on the sample in the JSON contract, offline, building the knowledge base on first run', async () => {
    const run = await selfeval(['ask', '为什么扣了2分', '--report', SAMPLE_REPORT_PATH, '--format', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/准备内置知识库 \d+\/\d+/u);
    const json = JSON.parse(run.stdout) as AskJson;
    expect(json.mode).toBe('offline');
    expect(json.answer.split('\n').length).toBeLessThanOrEqual(3); // the short answer; the whole one in details
    const whole = json.details ?? json.answer;
    expect(whole).toContain('部门预算资金支出率');
    expect(whole).toContain('58.48%');
    expect(whole).toContain('政府采购执行率');
    expect(whole).toContain('65.02 万元 ÷ 政府采购预算 60.68 万元 × 100% = 107.15%');
    expect(json.citations.length).toBeGreaterThan(0);
    for (const c of json.citations) expect(Object.keys(c).sort()).toEqual(expect.arrayContaining(['quote', 'source']));
    // Knowledge files are cited by title; the report by its file name with the line.
    expect(json.citations.some((c) => c.source === '部门预算资金支出率' || c.source === 'guides/indicators/部门预算资金支出率.md')).toBe(true);
    expect(json.citations.some((c) => c.source === 'lechang-2024-self-eval.txt' && typeof c.line === 'number')).toBe(true);
    expect(json.findings.map((f) => f.ruleId)).toContain('score/rubric-rule');
  });

  it('prints text with its sources and reuses the built knowledge base silently', async () => {
    const run = await selfeval(['ask', '政府采购执行率怎么算']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('实际政府采购金额 ÷ 政府采购预算数 × 100%');
    expect(run.stdout).toMatch(/来源：\n {2}\[1\] /u);
  });

  it('exits 2 with one Chinese sentence on bad input', async () => {
    const missing = await selfeval(['ask', '总分对吗', '--report', 'no-such-report.txt']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/[\u4e00-\u9fff]/u);
    const empty = await selfeval(['ask', '  ']);
    expect(empty).toMatchObject({ code: 2, stderr: '问题不能为空。\n' });
    const format = await selfeval(['ask', '总分对吗', '--format', 'xml']);
    expect(format.code).toBe(2);
  });

  it('uses the configured model (OPENAI_BASE_URL, CHAT_MODEL) and says so in mode', async () => {
    // A model that looks the report up first (a model that answers numbers without a tool falls back offline).
    const fake: FakeOpenAIChat = await startFakeOpenAIChat((_request, index) => (index === 0
      ? { kind: 'tool-calls', calls: [{ name: 'check_report', arguments: {} }] }
      : { kind: 'text', content: '报告写的自评总分是 99 分（第 65 行）。' }));
    try {
      const run = await selfeval(['ask', '总分对吗', '--report', SAMPLE_REPORT_PATH, '--format', 'json'], {
        env: { OPENAI_BASE_URL: fake.baseURL, CHAT_MODEL: 'fake-model', OPENAI_API_KEY: 'sk-test', LLM_TIMEOUT_MS: '5000' },
      });
      expect(run.code).toBe(0);
      const json = JSON.parse(run.stdout) as AskJson;
      expect(json, run.stdout).toMatchObject({ mode: 'llm', answer: '报告写的自评总分是 99 分（第 65 行）。' });
      expect(fake.requests[0]?.model).toBe('fake-model');
    } finally {
      await fake.close();
    }
  });
});

describe('selfeval draft', { timeout: 180_000 }, () => {
  it('drafts 存在问题 with every number and its source (JSON contract)', async () => {
    const run = await selfeval(['draft', '存在问题', '--report', SAMPLE_REPORT_PATH, '--format', 'json']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { section: string; text: string; numbers: { value: string; source: string }[]; mode: string };
    expect(json.section).toBe('存在问题');
    expect(json.mode).toBe('offline');
    expect(json.text).toContain('一是部门预算资金支出率偏低');
    expect(json.text).toContain('二是政府采购超出预算');
    expect(json.numbers).toContainEqual({ value: '58.48%', source: 'line 113' });
    expect(json.numbers).toContainEqual({ value: '107.15%', source: 'computed: 65.02 ÷ 60.68 × 100% = 107.15%' });
  });

  it('drafts 相关建议 as text with the sources listed', async () => {
    const run = await selfeval(['draft', '相关建议', '--report', SAMPLE_REPORT_PATH]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('一是加快预算执行进度');
    expect(run.stdout).toContain('数字出处（离线模板）：');
    expect(run.stdout).toContain('4.34 万元 ← computed: 65.02 万元 − 60.68 万元 = 4.34 万元');
  });

  it('exits 2 for an unknown section or a missing --report', async () => {
    const section = await selfeval(['draft', '目录', '--report', SAMPLE_REPORT_PATH]);
    expect(section.code).toBe(2);
    expect(section.stderr).toContain('不支持起草“目录”');
    const report = await selfeval(['draft', '存在问题']);
    expect(report).toMatchObject({ code: 2, stderr: '请用 --report 指定要起草的自评报告文件。\n' });
  });
});

describe('selfeval chat (stdin not a TTY)', { timeout: 180_000 }, () => {
  it('opens on the bundled example report, answers, drafts and quits', async () => {
    const run = await selfeval(['chat'], { input: '总分99分对吗\n/draft 存在问题\n/quit\n' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('已加载“示例县数据服务中心-2024-自评报告.txt”');
    expect(run.stdout).toContain('加载你自己的报告：/load 文件路径');
    expect(run.stdout).toContain('你> 总分99分对吗');
    expect(run.stdout).toMatch(/合计 [\d +]+ = \d+ 分/u);
    expect(run.stdout).toContain('“存在问题”草稿');
    expect(run.stdout).toMatch(/再见。\n\n$/u);
  });

  it('loads a report with /load, keeps the thread’s memory, resets, and reads until EOF without /quit', async () => {
    const input = [`/load ${SAMPLE_REPORT_PATH}`, '为什么扣了2分', '那第二个呢', '/check', '/reset', '总分对吗', '/help'].join('\n');
    const run = await selfeval(['chat'], { input });
    expect(run.code).toBe(0);
    const after = (marker: string) => run.stdout.slice(run.stdout.indexOf(marker));
    expect(after('你> /load')).toContain('已加载“lechang-2024-self-eval.txt”');
    expect(after('你> 那第二个呢')).toMatch(/^你> 那第二个呢\n政府采购执行率（/u); // Markdown rendered: no raw **
    expect(run.stdout).not.toContain('**');
    expect(after('你> /check')).toMatch(/错误 0，警告 \d+，提示 \d+/u);
    expect(after('你> /reset')).toContain('已清空');
    expect(after('你> 总分对吗')).toContain('还没有加载报告');
    expect(after('你> /help')).toContain('/draft 存在问题');
  });

  it('exits 2 when --report does not exist', async () => {
    const run = await selfeval(['chat', '--report', 'nope.txt']);
    expect(run).toMatchObject({ code: 2, stderr: '找不到报告文件：nope.txt。\n' });
  });
});
