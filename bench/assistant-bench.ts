/**
 * Benchmark of the assistant: offline answer latency over the retrieval gold questions (store warm, sample report
 * loaded), draft latency per section, and how often the number guard stops an LLM draft with a scripted fake model.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../src/config/env.js';
import { openDatabase } from '../src/store/open-database.js';
import { openKnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { loadRubric } from '../src/rubric/load-rubric.js';
import { createAssistant } from '../src/assistant/conversation.js';
import { createStoreMemory } from '../src/assistant/memory.js';
import { analyzeReport } from '../src/assistant/report-context.js';
import { composeDraft } from '../src/assistant/draft-service.js';
import { readReportBytes } from '../src/report/parse-report.js';
import { SECTION_KINDS } from '../src/drafting/section-kinds.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLE = resolve(ROOT, '..', 'shared', 'reports', 'lechang-2024-self-eval.txt');
const GOLD = join(ROOT, 'test', 'fixtures', 'retrieval-gold.jsonl');
const DRAFT_ROUNDS = 20;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const ms = (v: number) => v.toFixed(1);

function goldQuestions(): string[] {
  return readFileSync(GOLD, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { question: string }).question);
}

/**
 * A minimal OpenAI-compatible chat server for the guard measurement: it echoes the template draft from the prompt,
 * and for every 4th draft invents a figure in both attempts, for the next one only in the first attempt.
 */
async function startScriptedModel(): Promise<{ baseURL: string; close(): Promise<void> }> {
  let draftIndex = -1;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { messages: { role: string; content: unknown }[] };
      const prompt = String(body.messages[0]?.content ?? '');
      const retry = body.messages.length > 1;
      if (!retry) draftIndex += 1;
      const template = prompt.split('模板草稿：\n')[1] ?? '';
      const mode = draftIndex % 4;
      const invent = mode === 0 || (mode === 1 && !retry);
      const content = invent ? `${template}\n\n另外，资金节约率达到 12.7%。` : template;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({
        id: `chatcmpl-${randomUUID()}`, object: 'chat.completion', created: 0, model: 'bench',
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { baseURL: `http://127.0.0.1:${port}/v1`, close: () => new Promise((r) => server.close(() => r())) };
}

export async function run(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'selfeval-bench-assistant-'));
  const config = loadConfig({ SELFEVAL_DATA_DIR: dataDir });
  const db = await openDatabase(config);
  const knowledge = await openKnowledgeBase(config, { db, embedder: null });
  const model = await startScriptedModel();
  try {
    await knowledge.ensureBundled();
    const rubric = await loadRubric();
    const assistant = createAssistant({ rubric, memory: createStoreMemory(db), knowledge });
    const thread = 'bench';
    const bytes = readFileSync(SAMPLE);
    await assistant.handle({ text: '', user: 'bench', scope: 'public', thread, attachments: [{ name: 'lechang.txt', bytes }] });
    const questions = goldQuestions();
    for (const q of questions.slice(0, 10)) await assistant.handle({ text: q, user: 'bench', scope: 'public', thread, attachments: [] });
    const answerTimes: number[] = [];
    let unmarked = 0;
    for (const q of questions) {
      const started = performance.now();
      const reply = await assistant.handle({ text: q, user: 'bench', scope: 'public', thread, attachments: [] });
      answerTimes.push(performance.now() - started);
      if (reply.notes.length === 0) unmarked += 1;
    }

    const parsed = await readReportBytes('lechang.txt', bytes);
    if (!parsed.ok) throw new Error('样例报告无法解析');
    const context = analyzeReport('lechang.txt', parsed.report, rubric);
    const draftRows: string[] = [];
    for (const section of SECTION_KINDS) {
      const times: number[] = [];
      for (let i = 0; i < DRAFT_ROUNDS; i += 1) {
        const started = performance.now();
        await composeDraft(context, section);
        times.push(performance.now() - started);
      }
      draftRows.push(`| 起草“${section}”（离线模板 + 核对） | ${DRAFT_ROUNDS} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 95))} |`);
    }

    const llm = { baseURL: model.baseURL, apiKey: 'sk-bench', model: 'bench', timeoutMs: 5_000, maxRetries: 0 };
    let first = 0;
    let regenerated = 0;
    let stopped = 0;
    const llmTimes: number[] = [];
    const total = SECTION_KINDS.length * 4;
    for (let i = 0; i < total; i += 1) {
      const section = SECTION_KINDS[Math.floor(i / 4)]!;
      const started = performance.now();
      const result = await composeDraft(context, section, { llm });
      llmTimes.push(performance.now() - started);
      if (result.mode === 'llm' && result.attempts === 1) first += 1;
      else if (result.mode === 'llm') regenerated += 1;
      else if (result.guardStopped) stopped += 1;
    }

    return [
      '### 助手：离线回答、起草与数字核对',
      '',
      `离线模式（未配置模型），内置知识库已建好、数据库已预热，样例报告已加载；问题为检索金标集的全部 ${questions.length} 个问题（每轮含意图识别、检查、检索、数字核对和对话记忆读写）。起草每节重复 ${DRAFT_ROUNDS} 次。`,
      '',
      '| 项目 | 次数 | p50 (ms) | p95 (ms) |',
      '|---|---|---|---|',
      `| 离线回答（金标问题） | ${answerTimes.length} | ${ms(percentile(answerTimes, 50))} | ${ms(percentile(answerTimes, 95))} |`,
      ...draftRows,
      `| 模型润色起草（本机假模型，含核对和重试） | ${llmTimes.length} | ${ms(percentile(llmTimes, 50))} | ${ms(percentile(llmTimes, 95))} |`,
      '',
      `离线回答中未被核对标注“待核实”的比例：${unmarked}/${answerTimes.length}。`,
      '',
      '数字核对拦截模型草稿（脚本化假模型：每 4 份草稿中 1 份两次都编造数字、1 份只在第一次编造）：',
      '',
      '| 草稿数 | 一次通过 | 反馈后重写通过 | 被拦下改用离线草稿 | 拦下比例 |',
      '|---|---|---|---|---|',
      `| ${total} | ${first} | ${regenerated} | ${stopped} | ${((stopped / total) * 100).toFixed(0)}% |`,
    ].join('\n');
  } finally {
    await model.close();
    await knowledge.close();
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
