import { readReportBytesOffThread, type OffThreadOptions } from '../report/worker/read-report-off-thread.js';

/** Problems that mean "this file was stopped", not "this is not a report": the user is told, the assistant never parses it. */
const STOPPED = new Set(['parse-timeout', 'parse-too-large', 'parse-failed', 'zip-bomb', 'file-too-large']);

/**
 * The channel's screen for chat files: parse in the worker thread (resource and time limits); a file that had to be
 * stopped gets its Chinese reason back. A file that parses (or fails for ordinary reasons) goes on to the assistant,
 * which reuses this parse (the off-thread parser keeps recent results).
 */
export function createFileScreen(options: OffThreadOptions = {}): (name: string, bytes: Uint8Array) => Promise<string | undefined> {
  return async (name, bytes) => {
    const result = await readReportBytesOffThread(name, bytes, options);
    if (result.ok) return undefined;
    const stopped = result.problems.find((problem) => STOPPED.has(problem.code));
    return stopped?.message;
  };
}
