import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './sample-report.js';

/** The `selfeval` command run as a user runs it: stdout and stderr together (exit code not checked). */
export function runSelfeval(args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(REPO_ROOT, 'bin', 'selfeval.js'), ...args], { maxBuffer: 32 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } },
      (_error, stdout, stderr) => resolve(`${stdout}${stderr}`));
  });
}

export interface CheckFinding { severity: string; ruleId: string; message: string }

/** `selfeval check FILE --format json`: its findings (the start of the output in the error when it is not JSON). */
export async function checkFindings(path: string): Promise<CheckFinding[]> {
  const out = await runSelfeval(['check', path, '--format', 'json']);
  try {
    return (JSON.parse(out) as { findings: CheckFinding[] }).findings;
  } catch {
    throw new Error(out.slice(0, 800));
  }
}
