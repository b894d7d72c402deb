/**
 * Worker-thread entry: parses report files sent by read-report-off-thread.ts, one at a time, and posts each
 * ParseResult back. It runs under resourceLimits and a time limit set by the parent, which terminates it on overrun.
 */
import { parentPort } from 'node:worker_threads';
import { readReportBytes } from '../parse-report.js';

interface ParseRequest {
  id: number;
  name: string;
  bytes: Uint8Array;
}

const port = parentPort;
if (!port) throw new Error('parse-worker must run in a worker thread');
port.on('message', (request: ParseRequest) => {
  readReportBytes(request.name, request.bytes).then(
    (result) => port.postMessage({ id: request.id, result }),
    (error: unknown) => port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
