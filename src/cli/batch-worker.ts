/**
 * Worker-thread entry of the folder check's pool (batch-pool.ts): loads the rubric once, then checks the files it is
 * sent, one at a time in the order sent, and posts each file's BatchRow back.
 */
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { Rubric } from '../model/index.js';
import { checkBatchFile, type BatchNeeds } from './batch-row.js';

export interface BatchWorkerData {
  dir: string;
  rubricPath?: string;
  needs: BatchNeeds;
}

export interface BatchJob {
  index: number;
  file: string;
}

const port = parentPort;
if (!port) throw new Error('batch-worker must run in a worker thread');
const data = workerData as BatchWorkerData;
let rubric: Promise<Rubric> | undefined;

let done: Promise<unknown> = Promise.resolve();

// Jobs are checked one after another in the order they came (the pool sends the next before this one is finished, so
// the thread never waits for the main thread between files; it relies on the order to know which file was current).
// A job's file is read as soon as it arrives (I/O only), so that reading it overlaps checking the one before.
port.on('message', (job: BatchJob) => {
  rubric ??= import('../rubric/load-rubric.js').then(({ loadRubric }) => loadRubric(data.rubricPath));
  const ready = rubric;
  const bytes = import('../report/parse-report.js').then(({ loadReportFile }) => loadReportFile(join(data.dir, job.file)));
  done = done
    .then(() => ready)
    .then((loaded) => checkBatchFile(job.index, data.dir, job.file, loaded, data.needs, bytes))
    .then(
      (row) => port.postMessage({ ok: true, row }),
      (error: unknown) => port.postMessage({ ok: false, index: job.index, message: error instanceof Error ? error.message : String(error) }),
    );
});
