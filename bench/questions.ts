/**
 * The question set (test/fixtures/questions.jsonl): questions as finance officers ask them about their own report —
 * colloquial, with typos and follow-ups — on the sample and on reports of other shapes, each with the figures the answer
 * must contain. `runQuestionBench()` answers every question offline and says which were answered right, by kind, with
 * the latency; `renderQuestionBench()` turns that into the Markdown section of `npm run bench`.
 *
 * Right means: the reply contains every expected string, none of the forbidden ones, and no number marked 待核实.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadRubric } from '../src/rubric/load-rubric.js';
import { createAssistant } from '../src/assistant/conversation.js';
import { createVolatileMemory } from '../src/assistant/memory.js';
import type { KnowledgeSearch } from '../src/assistant/knowledge-port.js';
import { readReportFile } from '../src/report/parse-report.js';
import type { Report } from '../src/model/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Reports the questions are asked about, by the short name used in the question file. */
export const QUESTION_REPORTS: Record<string, string> = {
  sample: resolve(ROOT, '..', 'shared', 'reports', 'lechang-2024-self-eval.txt'),
  example: join(ROOT, 'knowledge', 'examples', '示例县数据服务中心-2024-自评报告.txt'),
  nongji: join(ROOT, 'test', 'assistant', 'reports', '示例市农技中心-2024-投入过程产出效果.txt'),
  wenlv: join(ROOT, 'test', 'assistant', 'reports', '示例区文旅局-2024-自评表.txt'), // a 自评表 pasted as a table
};

export const QUESTION_KINDS = ['lookup', 'computation', 'scores', 'findings', 'what-it-takes', 'section-review', 'rule'] as const;
/** Kinds of the policy set (questions-policy.jsonl), asked with no report. */
export const POLICY_KINDS = ['policy', 'policy-computation'] as const;

/** `report: "none"`: asked with no report loaded (questions about the system, test/fixtures/questions-policy.jsonl). */
export const NO_REPORT = 'none';

const QuestionSchema = z.object({
  id: z.string(),
  report: z.string(),
  kind: z.enum([...QUESTION_KINDS, ...POLICY_KINDS]),
  question: z.string().min(1),
  expect: z.array(z.string()).min(1), // strings (figures) the answer must contain
  not: z.array(z.string()).optional(), // strings it must not contain
  thread: z.string().optional(), // questions of one conversation share a thread, in file order
  document: z.string().optional(), // policy questions: the document the expected facts come from
});
export type Question = z.infer<typeof QuestionSchema>;

export function readQuestions(path = join(ROOT, 'test', 'fixtures', 'questions.jsonl')): Question[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line, i) => {
      const parsed = QuestionSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`questions.jsonl 第 ${i + 1} 行格式不对：${parsed.error.issues[0]?.message ?? ''}`);
      return parsed.data;
    });
}

export interface QuestionResult {
  question: Question;
  right: boolean;
  missing: string[];
  forbidden: string[];
  unverified: boolean;
  ms: number;
  answer: string;
}

export interface QuestionBenchRow {
  kind: string;
  questions: number;
  right: number;
  share: number; // 0..1
  p95Ms: number;
}

export interface QuestionBench {
  rows: QuestionBenchRow[];
  total: QuestionBenchRow;
  results: QuestionResult[];
  /** The policy set's own bench (questions-policy.jsonl), in the default run. */
  policy?: QuestionBench;
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function row(kind: string, results: readonly QuestionResult[]): QuestionBenchRow {
  const right = results.filter((r) => r.right).length;
  return { kind, questions: results.length, right, share: results.length === 0 ? 0 : right / results.length, p95Ms: percentile(results.map((r) => r.ms), 95) };
}

/** Answer every question offline (no model), with the knowledge base when one is given. */
export async function runQuestionBench(options: { knowledge?: KnowledgeSearch | null; questions?: Question[] } = {}): Promise<QuestionBench> {
  const questions = options.questions ?? readQuestions();
  const rubric = await loadRubric();
  const memory = createVolatileMemory();
  const assistant = createAssistant({ rubric, memory, knowledge: options.knowledge ?? null });
  const reports = new Map<string, Report>();
  const loaded = new Set<string>();
  const results: QuestionResult[] = [];
  for (const question of questions) {
    let report = reports.get(question.report);
    if (!report && question.report !== NO_REPORT) {
      const path = QUESTION_REPORTS[question.report];
      if (!path) throw new Error(`未知的报告：${question.report}`);
      const parsed = await readReportFile(path);
      if (!parsed.ok) throw new Error(`无法读取 ${path}：${parsed.problems[0]?.message ?? ''}`);
      report = parsed.report;
      reports.set(question.report, report);
    }
    const thread = `${question.report}:${question.thread ?? question.id}`;
    if (!loaded.has(thread) && report) {
      await memory.setReport(thread, question.report, report);
      loaded.add(thread);
    }
    const started = performance.now();
    const reply = await assistant.handle({ text: question.question, user: 'bench', scope: 'public', thread, attachments: [] });
    const ms = performance.now() - started;
    const text = [reply.details ?? reply.text, ...reply.notes].join("\n"); // the whole answer: a short reply keeps the rest for 详情
    const missing = question.expect.filter((e) => !text.includes(e));
    const forbidden = (question.not ?? []).filter((n) => text.includes(n));
    const unverified = text.includes('待核实');
    results.push({ question, right: missing.length === 0 && forbidden.length === 0 && !unverified, missing, forbidden, unverified, ms, answer: reply.text });
  }
  const rows = [...QUESTION_KINDS, ...POLICY_KINDS].map((kind) => row(kind, results.filter((r) => r.question.kind === kind))).filter((r) => r.questions > 0);
  const bench: QuestionBench = { rows, total: row('合计', results), results };
  // The default run (npm run bench) also answers the policy set, with the bundled knowledge base.
  if (!options.questions) bench.policy = await runPolicyQuestionBench();
  return bench;
}

const KIND_NAMES: Record<string, string> = {
  lookup: '查数字',
  computation: '按要求计算',
  scores: '分块得分',
  findings: '问题与矛盾',
  'what-it-takes': '怎样拿满分',
  'section-review': '章节是否写够',
  rule: '规则问题',
  policy: '制度问题（无报告）',
  'policy-computation': '带数字的制度问题（无报告）',
};

export function renderQuestionBench(bench: Pick<QuestionBench, 'rows' | 'total' | 'policy'>): string {
  return bench.policy ? `${renderReportQuestions(bench)}\n\n${renderPolicyQuestionBench(bench.policy)}` : renderReportQuestions(bench);
}

function renderReportQuestions(bench: Pick<QuestionBench, 'rows' | 'total'>): string {
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const lines = [
    '### 问题集：离线回答对报告本身的问题',
    '',
    `问题集 test/fixtures/questions.jsonl：${bench.total.questions} 个问题（口语、错别字、追问），问样例报告、另外两种指标体系的叙述式报告和一份表格式自评表；答对 = 回答包含应有的数字、没有“待核实”。离线模式，无模型。`,
    '',
    '| 类别 | 问题数 | 答对 | 答对率 | 离线 p95（毫秒） |',
    '|---|---:|---:|---:|---:|',
    ...[...bench.rows, bench.total].map((r) => `| ${KIND_NAMES[r.kind] ?? r.kind} | ${r.questions} | ${r.right} | ${pct(r.share)} | ${r.p95Ms.toFixed(0)} |`),
  ];
  return lines.join('\n');
}

export const POLICY_QUESTIONS_PATH = join(ROOT, 'test', 'fixtures', 'questions-policy.jsonl');

/**
 * The policy question set (test/fixtures/questions-policy.jsonl): the team's own questions about the system — documents,
 * stages, grades, forms, publication, provinces, and numbers to work out — asked with no report, answered offline from
 * the bundled knowledge base (opened here in memory).
 */
export async function runPolicyQuestionBench(path = POLICY_QUESTIONS_PATH): Promise<QuestionBench> {
  const { loadConfig } = await import('../src/config/env.js');
  const { openDatabase } = await import('../src/store/open-database.js');
  const { openKnowledgeBase } = await import('../src/knowledge/knowledge-base.js');
  const config = loadConfig({});
  const db = await openDatabase(config, { dataDir: 'memory://' });
  const kb = await openKnowledgeBase(config, { db, embedder: null });
  try {
    await kb.ensureBundled();
    return await runQuestionBench({ knowledge: kb, questions: readQuestions(path) });
  } finally {
    await kb.close();
    await db.close();
  }
}

export function renderPolicyQuestionBench(bench: Pick<QuestionBench, 'rows' | 'total'>): string {
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  return [
    '### 制度问题集：不加载报告，离线回答制度和带数字的问题',
    '',
    `问题集 test/fixtures/questions-policy.jsonl：${bench.total.questions} 个本项目自己写的问题（中发〔2018〕34号、财预〔2020〕10号、财预〔2013〕53号、绩效目标、运行监控、自评表、等级、公开、各地做法，以及要套用规则算出结果的问题），每条写明应有的要点和出自哪个文件；答对 = 回答的前三行包含全部要点、没有“待核实”。目标 ≥ 95%。`,
    '',
    '| 类别 | 问题数 | 答对 | 答对率 | 离线 p95（毫秒） |',
    '|---|---:|---:|---:|---:|',
    ...[...bench.rows, bench.total].map((r) => `| ${KIND_NAMES[r.kind] ?? r.kind} | ${r.questions} | ${r.right} | ${pct(r.share)} | ${r.p95Ms.toFixed(0)} |`),
  ].join('\n');
}

/** The `bench/<concern>-bench.ts` contract, should run-all pick this file up under that name. */
export async function run(): Promise<string> {
  return renderQuestionBench(await runQuestionBench());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const policyOnly = process.argv.includes('--policy');
  const bench = policyOnly ? await runPolicyQuestionBench() : await runQuestionBench();
  process.stdout.write(`${policyOnly ? renderPolicyQuestionBench(bench) : renderQuestionBench(bench)}\n`);
  for (const r of [...bench.results, ...(bench.policy?.results ?? [])].filter((x) => !x.right)) {
    process.stdout.write(`\n✗ ${r.question.id} ${r.question.question}\n  缺：${r.missing.join(' | ')}${r.unverified ? ' ［待核实］' : ''}${r.forbidden.length ? ` 不应有：${r.forbidden.join(' | ')}` : ''}\n  ${r.answer.replace(/\n/gu, '\n  ')}\n`);
  }
}
