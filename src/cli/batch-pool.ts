import { Worker } from 'node:worker_threads';
import { workerEntry } from '../runtime/worker-entry.js';
import type { Rubric } from '../model/index.js';
import { checkBatchFile, rowOfEntry, type BatchRow } from './batch-row.js';
import type { BatchJob, BatchWorkerData } from './batch-worker.js';

/** A worker's heap ceiling: a hostile file ends that worker (its file reported), never the batch. */
const WORKER_MEMORY_MB = 512;

/** Finished rows that may wait for an earlier file before the workers pause (memory stays bounded). */
const MAX_WAITING_ROWS = 64;

export interface BatchOptions extends BatchWorkerData {
  files: readonly string[];
  /** Worker threads; 1 checks the files one by one in this thread. */
  jobs: number;
  /** The rubric already loaded (used when jobs is 1). */
  rubric: Rubric;
  /** Each file's row, in file order. */
  onRow: (row: BatchRow) => void | Promise<void>;
}

type WorkerReply = { ok: true; row: BatchRow } | { ok: false; index: number; message: string };

/**
 * Check a folder's files on `jobs` worker threads, each taking the next file when it finishes one. Rows come back in
 * any order and are handed on in file order (a few rows wait at most); no report outlives its worker's reply.
 */
export async function runBatch(options: BatchOptions): Promise<void> {
  const { files, needs } = options;
  const waiting = new Map<number, BatchRow>();
  let next = 0;
  let flushing: Promise<void> = Promise.resolve();
  const deliver = (row: BatchRow): Promise<void> => {
    waiting.set(row.index, row);
    flushing = flushing.then(async () => {
      while (waiting.has(next)) {
        const ready = waiting.get(next)!;
        waiting.delete(next);
        next += 1;
        await options.onRow(ready);
      }
    });
    return flushing;
  };
  if (options.jobs <= 1 || files.length <= 1) {
    for (const [index, file] of files.entries()) await deliver(await checkBatchFile(index, options.dir, file, options.rubric, needs));
    return;
  }
  let queued = 0;
  const pending = new Set<Promise<void>>();
  const track = (delivery: Promise<void>): Promise<void> => {
    pending.add(delivery);
    void delivery.then(() => pending.delete(delivery), () => pending.delete(delivery));
    return delivery;
  };
  const failedRow = (index: number, message: string) =>
    rowOfEntry(index, { file: files[index]!, problem: `检查这个文件时出错：${message}` }, needs);
  const entry = workerEntry(import.meta.url, 'batch-worker');
  const data: BatchWorkerData = { dir: options.dir, needs, ...(options.rubricPath ? { rubricPath: options.rubricPath } : {}) };
  const runWorker = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(entry.code, { eval: entry.eval, workerData: data, resourceLimits: { maxOldGenerationSizeMb: WORKER_MEMORY_MB } });
      let current = -1;
      const take = () => {
        if (queued >= files.length) {
          current = -1;
          void worker.terminate();
          return;
        }
        current = queued++;
        worker.postMessage({ index: current, file: files[current]! } satisfies BatchJob);
      };
      worker.on('message', (reply: WorkerReply) => {
        const row = reply.ok ? Promise.resolve(reply.row) : failedRow(reply.index, reply.message);
        const delivered = track(row.then(deliver));
        delivered.catch(reject);
        // Keep the worker busy: it takes the next file at once, not when every earlier row has been handed on (that
        // made the workers take turns). Only when many finished rows wait for an earlier one does it wait too.
        (waiting.size < MAX_WAITING_ROWS ? Promise.resolve() : delivered).then(take, reject);
      });
      worker.on('error', () => undefined); // reported through 'exit'
      worker.on('exit', () => {
        if (current < 0) return resolve();
        // The worker died on this file (memory ceiling, crash): report the file and go on with a fresh worker.
        const lost = current;
        current = -1;
        failedRow(lost, '处理时超出内存上限或意外中止').then(deliver).then(() => runWorker()).then(resolve, reject);
      });
      take();
    });
  const count = Math.min(options.jobs, files.length);
  await Promise.all(Array.from({ length: count }, () => runWorker()));
  while (pending.size > 0) await Promise.all(pending);
  await flushing;
}
