import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { ParseProblem, ParseResult } from '../../model/index.js';
import { workerEntry } from '../../runtime/worker-entry.js';

/**
 * readReportBytes off the event loop: the file is parsed in a worker thread with a memory ceiling
 * (resourceLimits) and a time limit. A hostile file (a decompression bomb, a sheet of 300 000 rows) can exhaust the
 * worker, never the server: on overrun the worker is terminated and the result is one Chinese sentence saying why.
 * Meanwhile acks and other users' turns go on. Workers are kept warm (at most `MAX_WORKERS`, one file each at a time)
 * and replaced after a termination.
 *
 * Works from TypeScript (tsx, vitest: the worker loads parse-worker.ts through `--import tsx`) and from the compiled
 * dist/ (parse-worker.js next to this file).
 */
export interface OffThreadOptions {
  /** Wall-clock limit per file (default 20 s). */
  timeoutMs?: number;
  /** V8 old-generation ceiling of the worker (default 512 MB). */
  maxOldGenerationSizeMb?: number;
}

export const PARSE_TIMEOUT_MS = 20_000;
export const PARSE_MEMORY_MB = 512;
const MAX_WORKERS = 2;
const IDLE_MS = 60_000;

export const OFF_THREAD_PROBLEMS = {
  timeout: (seconds: number): ParseProblem => ({
    code: 'parse-timeout',
    message: `这个文件解析超过 ${seconds} 秒仍未完成（内容可能异常庞大或已损坏），已停止处理；请检查文件，或另存为 .txt 后重新发送。`,
  }),
  memory: (): ParseProblem => ({
    code: 'parse-too-large',
    message: '这个文件展开后的内容超出了处理上限（可能是异常压缩的文件），已停止处理；请检查文件，或另存为 .txt 后重新发送。',
  }),
  crashed: (): ParseProblem => ({ code: 'parse-failed', message: '解析这个文件时出错，已停止处理；请检查文件后重新发送。' }),
};

interface Job {
  name: string;
  bytes: Uint8Array;
  timeoutMs: number;
  memoryMb: number;
  resolve: (result: ParseResult) => void;
}

interface Slot {
  worker: Worker;
  memoryMb: number;
  busy: boolean;
  idleTimer: NodeJS.Timeout | undefined;
}

const slots = new Set<Slot>();
const queue: Job[] = [];
let nextId = 1;

/** Recent results by file name and content hash: a file screened by the channel is not parsed again by the assistant. */
const recent = new Map<string, Promise<ParseResult>>();
const RECENT_MAX = 8;

export function readReportBytesOffThread(name: string, bytes: Uint8Array, options: OffThreadOptions = {}): Promise<ParseResult> {
  const id = `${name}\u0000${createHash('sha256').update(bytes).digest('hex')}`;
  const cached = recent.get(id);
  if (cached) return cached;
  const result = parseOffThread(name, bytes, options);
  recent.set(id, result);
  if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value!);
  return result;
}

function parseOffThread(name: string, bytes: Uint8Array, options: OffThreadOptions): Promise<ParseResult> {
  return new Promise((resolve) => {
    queue.push({
      name,
      bytes,
      timeoutMs: options.timeoutMs ?? PARSE_TIMEOUT_MS,
      memoryMb: options.maxOldGenerationSizeMb ?? PARSE_MEMORY_MB,
      resolve,
    });
    pump();
  });
}

function pump(): void {
  while (queue.length > 0) {
    const job = queue[0]!;
    let slot = [...slots].find((s) => !s.busy && s.memoryMb === job.memoryMb);
    if (!slot) {
      if (slots.size >= MAX_WORKERS) {
        const idle = [...slots].find((s) => !s.busy);
        if (!idle) return; // all busy: the job waits
        retire(idle);
      }
      slot = spawn(job.memoryMb);
    }
    queue.shift();
    run(slot, job);
  }
}

function spawn(memoryMb: number): Slot {
  const entry = workerEntry(import.meta.url, 'parse-worker');
  const worker = new Worker(entry.code, {
    eval: entry.eval,
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 8 },
    stdout: false,
    stderr: false,
  });
  worker.unref(); // an idle parser never keeps the process alive
  const slot: Slot = { worker, memoryMb, busy: false, idleTimer: undefined };
  slots.add(slot);
  return slot;
}

function retire(slot: Slot): void {
  slots.delete(slot);
  clearTimeout(slot.idleTimer);
  void slot.worker.terminate().catch(() => undefined);
}

function run(slot: Slot, job: Job): void {
  slot.busy = true;
  clearTimeout(slot.idleTimer);
  const id = nextId++;
  const { worker } = slot;
  let settled = false;
  const finish = (result: ParseResult, keep: boolean) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    worker.off('message', onMessage);
    worker.off('error', onError);
    worker.off('exit', onExit);
    if (keep) {
      worker.unref();
      slot.busy = false;
      slot.idleTimer = setTimeout(() => retire(slot), IDLE_MS);
      slot.idleTimer.unref();
    } else {
      retire(slot);
    }
    job.resolve(result);
    pump();
  };
  const onMessage = (message: { id: number; result?: ParseResult; error?: string }) => {
    if (message.id !== id) return;
    if (message.result) finish(message.result, true);
    else finish({ ok: false, problems: [OFF_THREAD_PROBLEMS.crashed()] }, false);
  };
  const onError = (error: Error & { code?: string }) => {
    const memory = error.code === 'ERR_WORKER_OUT_OF_MEMORY' || /heap out of memory|allocation failed/i.test(error.message);
    finish({ ok: false, problems: [memory ? OFF_THREAD_PROBLEMS.memory() : OFF_THREAD_PROBLEMS.crashed()] }, false);
  };
  const onExit = () => finish({ ok: false, problems: [OFF_THREAD_PROBLEMS.crashed()] }, false);
  const timer = setTimeout(() => finish({ ok: false, problems: [OFF_THREAD_PROBLEMS.timeout(Math.max(1, Math.round(job.timeoutMs / 1000)))] }, false), job.timeoutMs);
  worker.on('message', onMessage);
  worker.on('error', onError);
  worker.on('exit', onExit);
  worker.ref(); // working: keep the process alive until the answer
  const copy = new Uint8Array(job.bytes); // the caller keeps its bytes; the copy is moved, not cloned again
  worker.postMessage({ id, name: job.name, bytes: copy }, [copy.buffer]);
}

/** Stop every parser worker (tests, shutdown). */
export async function stopParseWorkers(): Promise<void> {
  queue.length = 0;
  recent.clear();
  await Promise.all([...slots].map(async (slot) => {
    slots.delete(slot);
    clearTimeout(slot.idleTimer);
    await slot.worker.terminate().catch(() => undefined);
  }));
}
