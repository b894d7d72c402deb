/** Cold-process measurements for the one-table benchmark: wall time and peak RSS of `selfeval …` runs. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = join(ROOT, 'bin', 'selfeval.js');
const TIME = '/usr/bin/time';

export interface ProcessRun {
  seconds: number;
  /** Peak resident set size in MB (from getrusage via /usr/bin/time), NaN when unavailable. */
  peakMb: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run a command to completion, measuring wall time and peak RSS. */
export function runProcess(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): ProcessRun {
  const useTime = existsSync(TIME);
  const command = useTime ? TIME : process.execPath;
  const argv = useTime ? ['-f', '@@peak %M', process.execPath, ...args] : args;
  const started = performance.now();
  const result = spawnSync(command, argv, {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  const seconds = (performance.now() - started) / 1000;
  let stderr = result.stderr ?? '';
  let peakMb = Number.NaN;
  const peak = /@@peak (\d+)\s*$/u.exec(stderr);
  if (peak) {
    peakMb = Number(peak[1]) / 1024;
    stderr = stderr.slice(0, peak.index);
  }
  return { seconds, peakMb, status: result.status, stdout: result.stdout ?? '', stderr };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median wall time and the largest peak RSS of `times` runs. */
export function repeat(times: number, args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): { seconds: number; peakMb: number; last: ProcessRun } {
  const runs = Array.from({ length: times }, () => runProcess(args, options));
  return { seconds: median(runs.map((r) => r.seconds)), peakMb: Math.max(...runs.map((r) => r.peakMb)), last: runs.at(-1)! };
}

/** Resident and peak resident size of a running process (Linux /proc), in MB. */
export function residentMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'mu').exec(status)?.[1] ?? Number.NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/**
 * Start a long-running `selfeval` command, wait until `ready` matches its output, run `warmUp`, then read its memory
 * and stop it (stdin closed, then SIGTERM).
 */
export async function residentAfterWarmUp(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; ready: RegExp; warmUp: (child: { write(text: string): void; output(): string }) => Promise<void>; timeoutMs?: number },
): Promise<{ rss: number; peak: number; startSeconds: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const until = async (pattern: RegExp, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(output)) {
      if (child.exitCode !== null) throw new Error(`进程提前退出：${output.slice(-400)}`);
      if (Date.now() > deadline) throw new Error(`等待超时：${output.slice(-400)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  try {
    await until(options.ready, options.timeoutMs ?? 60_000);
    const startSeconds = (performance.now() - started) / 1000;
    await options.warmUp({ write: (text) => child.stdin.write(text), output: () => output });
    return { ...residentMb(child.pid!), startSeconds };
  } finally {
    child.stdin.end();
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

/** Wait until `check` holds (polling). */
export async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('等待超时');
    await new Promise((r) => setTimeout(r, 20));
  }
}
