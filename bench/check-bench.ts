/** Benchmark of `selfeval check` without I/O: parse the sample report text and run every rule on it. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkReport } from '../src/checks/engine.js';
import { parseReportText } from '../src/report/parse-report.js';
import { DEFAULT_RUBRIC_PATH, parseRubricText } from '../src/rubric/load-rubric.js';

const SAMPLE = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'reports', 'lechang-2024-self-eval.txt');
const ROUNDS = 300;
const VARIANTS = 500;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Deterministic variants of the sample: one digit changed per variant (some break sums, some do not). */
function variants(text: string, count: number): string[] {
  const lines = text.split('\n');
  const digitLines = lines.map((l, i) => [l, i] as const).filter(([l]) => /\d/u.test(l)).map(([, i]) => i);
  return Array.from({ length: count }, (_, n) => {
    const copy = [...lines];
    const i = digitLines[(n * 7919) % digitLines.length]!;
    const positions = [...copy[i]!.matchAll(/\d/gu)].map((m) => m.index);
    const at = positions[(n * 104729) % positions.length]!;
    copy[i] = copy[i]!.slice(0, at) + String((n * 3) % 10) + copy[i]!.slice(at + 1);
    return copy.join('\n');
  });
}

export async function run(): Promise<string> {
  const text = readFileSync(SAMPLE, 'utf8');
  const parsedRubric = parseRubricText(readFileSync(DEFAULT_RUBRIC_PATH, 'utf8'), DEFAULT_RUBRIC_PATH);
  if (!parsedRubric.ok) throw new Error(parsedRubric.message);
  const rubric = parsedRubric.rubric;

  const parseTimes: number[] = [];
  const checkTimes: number[] = [];
  const totalTimes: number[] = [];
  for (let round = 0; round < ROUNDS + 20; round += 1) {
    const t0 = performance.now();
    const parsed = parseReportText(text);
    const t1 = performance.now();
    if (!parsed.ok) throw new Error(parsed.problems[0]?.message ?? '样例解析失败');
    checkReport(parsed.report, rubric);
    const t2 = performance.now();
    if (round < 20) continue; // warm-up
    parseTimes.push(t1 - t0);
    checkTimes.push(t2 - t1);
    totalTimes.push(t2 - t0);
  }

  const batch = variants(text, VARIANTS);
  let findings = 0;
  let refused = 0;
  const start = performance.now();
  for (const variant of batch) {
    const parsed = parseReportText(variant);
    if (!parsed.ok) { refused += 1; continue; }
    findings += checkReport(parsed.report, rubric).findings.length;
  }
  const seconds = (performance.now() - start) / 1000;
  const peakRss = process.resourceUsage().maxRSS / 1024;

  const ms = (v: number) => `${v.toFixed(2)} ms`;
  return [
    '### 报告检查（解析 + 全部规则）',
    '',
    `输入：样例报告 lechang-2024-self-eval.txt（${text.split('\n').length} 行），内置评分细则；计时不含读文件。目标：每份 < 20 ms。`,
    '',
    '| 指标 | 数值 |',
    '|---|---|',
    `| 解析 + 检查，中位数（${ROUNDS} 次） | ${ms(median(totalTimes))} |`,
    `| 解析 + 检查，P95 | ${ms(percentile(totalTimes, 95))} |`,
    `| 其中解析，中位数 | ${ms(median(parseTimes))} |`,
    `| 其中检查，中位数 | ${ms(median(checkTimes))} |`,
    `| 批量：${VARIANTS} 份改了一个数字的变体 | ${(VARIANTS / seconds).toFixed(0)} 份/秒（${refused} 份无法解析，共 ${findings} 条结果） |`,
    `| 进程峰值内存（RSS） | ${peakRss.toFixed(0)} MB |`,
  ].join('\n');
}
