import { Worker } from 'node:worker_threads';
import { workerEntry } from '../runtime/worker-entry.js';
import type { Rubric } from '../model/index.js';
import { checkBatchFile, rowOfEntry, type BatchRow } from './batch-row.js';
import type { BatchJob, BatchWorkerData } from './batch-worker.js';

/**
 * A worker's heap ceiling: a hostile file ends that worker (its file reported), never the batch. Not lower: V8 sizes
 * its garbage collection to the ceiling, and at 512 MB two workers checked 2,000 reports in 12.3 s of checking against
 * 10.7 s at 2,048 MB (10.4 s for two separate processes); 1,536 MB is as fast, with a peak RSS of about 280 MB.
 */
const WORKER_MEMORY_MB = 1536;

/** Finished rows that may wait for an earlier file before the workers pause (memory stays bounded). */
const MAX_WAITING_ROWS = 64;

/** Files a worker holds at once: the one it checks and the next, so it never waits for this thread between files. */
const IN_FLIGHT_PER_WORKER = 2;

export interface BatchOptions extends BatchWorkerData {
  files: readonly string[];
  /** Worker threads; 1 checks the files one by one in this thread. */
  jobs: number;
  /** The rubric already loaded (used when jobs is 1). */
  rubric: Rubric;
  /** Each file's row, in file order. */
  onRow: (row: BatchRow) => void | Promise<void>;
  /** A worker's heap ceiling in MB (default WORKER_MEMORY_MB). */
  workerMemoryMb?: number;
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
  const retry: number[] = []; // files sent to a worker that died before it reached them
  const nextFile = (): number | undefined => retry.shift() ?? (queued < files.length ? queued++ : undefined);
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
      const worker = new Worker(entry.code, { eval: entry.eval, workerData: data, resourceLimits: { maxOldGenerationSizeMb: options.workerMemoryMb ?? WORKER_MEMORY_MB } });
      // Files sent and not yet answered, in the order sent: the worker checks them in that order, so the first is the
      // one it is working on. One more waits behind it, so the worker starts the next file without a round trip
      // through this thread (which shares the cores with the workers and may answer late).
      const inFlight: number[] = [];
      let finished = false;
      const fill = () => {
        while (inFlight.length < IN_FLIGHT_PER_WORKER) {
          const index = nextFile();
          if (index === undefined) break;
          inFlight.push(index);
          worker.postMessage({ index, file: files[index]! } satisfies BatchJob);
        }
        if (inFlight.length === 0) {
          finished = true;
          void worker.terminate();
        }
      };
      worker.on('message', (reply: WorkerReply) => {
        const index = reply.ok ? reply.row.index : reply.index;
        inFlight.splice(inFlight.indexOf(index), 1);
        const row = reply.ok ? Promise.resolve(reply.row) : failedRow(reply.index, reply.message);
        const delivered = track(row.then(deliver));
        delivered.catch(reject);
        // Keep the worker busy: it takes the next file at once, not when every earlier row has been handed on (that
        // made the workers take turns). Only when many finished rows wait for an earlier one does it wait too.
        (waiting.size < MAX_WAITING_ROWS ? Promise.resolve() : delivered).then(fill, reject);
      });
      worker.on('error', () => undefined); // reported through 'exit'
      worker.on('exit', () => {
        if (finished) return resolve();
        // The worker died on the file it was checking (memory ceiling, crash): report that file; the files queued
        // behind it were not started and go to a fresh worker.
        const lost = inFlight.shift();
        retry.unshift(...inFlight);
        inFlight.length = 0;
        finished = true;
        const reported = lost === undefined ? Promise.resolve() : failedRow(lost, '处理时超出内存上限或意外中止').then(deliver);
        reported.then(() => runWorker()).then(resolve, reject);
      });
      fill();
    });
  const count = Math.min(options.jobs, files.length);
  await Promise.all(Array.from({ length: count }, () => runWorker()));
  while (pending.size > 0) await Promise.all(pending);
  await flushing;
}
