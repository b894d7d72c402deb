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

const QuestionSchema = z.object({
  id: z.string(),
  report: z.string(),
  kind: z.enum(QUESTION_KINDS),
  question: z.string().min(1),
  expect: z.array(z.string()).min(1), // strings (figures) the answer must contain
  not: z.array(z.string()).optional(), // strings it must not contain
  thread: z.string().optional(), // questions of one conversation share a thread, in file order
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
    if (!report) {
      const path = QUESTION_REPORTS[question.report];
      if (!path) throw new Error(`未知的报告：${question.report}`);
      const parsed = await readReportFile(path);
      if (!parsed.ok) throw new Error(`无法读取 ${path}：${parsed.problems[0]?.message ?? ''}`);
      report = parsed.report;
      reports.set(question.report, report);
    }
    const thread = `${question.report}:${question.thread ?? question.id}`;
    if (!loaded.has(thread)) {
      await memory.setReport(thread, question.report, report);
      loaded.add(thread);
    }
    const started = performance.now();
    const reply = await assistant.handle({ text: question.question, user: 'bench', scope: 'public', thread, attachments: [] });
    const ms = performance.now() - started;
    const text = [reply.text, ...reply.notes].join('\n');
    const missing = question.expect.filter((e) => !text.includes(e));
    const forbidden = (question.not ?? []).filter((n) => text.includes(n));
    const unverified = text.includes('待核实');
    results.push({ question, right: missing.length === 0 && forbidden.length === 0 && !unverified, missing, forbidden, unverified, ms, answer: reply.text });
  }
  const rows = QUESTION_KINDS.map((kind) => row(kind, results.filter((r) => r.question.kind === kind))).filter((r) => r.questions > 0);
  return { rows, total: row('合计', results), results };
}

const KIND_NAMES: Record<string, string> = {
  lookup: '查数字',
  computation: '按要求计算',
  scores: '分块得分',
  findings: '问题与矛盾',
  'what-it-takes': '怎样拿满分',
  'section-review': '章节是否写够',
  rule: '规则问题',
};

export function renderQuestionBench(bench: Pick<QuestionBench, 'rows' | 'total'>): string {
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

/** The `bench/<concern>-bench.ts` contract, should run-all pick this file up under that name. */
export async function run(): Promise<string> {
  return renderQuestionBench(await runQuestionBench());
}
