import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { readFileSync } from 'node:fs';

/** Repository root (this file is test/helpers/sample-report.ts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The real sample report, present beside the checkout in development and CI (read-only). */
export const SAMPLE_REPORT_PATH = resolve(REPO_ROOT, '..', 'shared', 'reports', 'lechang-2024-self-eval.txt');

export function readSampleReportText(): string {
  return readFileSync(SAMPLE_REPORT_PATH, 'utf8');
}

/** Replace the first occurrence of `from` on 1-based line `line` of the sample; throws when it is not there. */
export function mutateSampleLine(text: string, line: number, from: string, to: string): string {
  const lines = text.split('\n');
  const current = lines[line - 1];
  if (current === undefined || !current.includes(from)) {
    throw new Error(`line ${line} does not contain ${JSON.stringify(from)}`);
  }
  lines[line - 1] = current.replace(from, to);
  return lines.join('\n');
}
