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

export interface SelfevalRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Settings of a model, an embedder or a database that the caller's shell may hold: a user's run here has none. */
const OUTSIDE_SETTINGS = ['DATABASE_URL', 'EMBEDDING_MODEL', 'EMBEDDING_DIMENSIONS', 'CHAT_MODEL', 'OPENAI_BASE_URL', 'OPENAI_API_KEY'];

/** `selfeval …` on its own data directory, offline and on the embedded store, with stdin closed: exit code and both outputs. */
export function runSelfevalWithData(dataDir: string, args: string[], env: Record<string, string> = {}): Promise<SelfevalRun> {
  const base = { ...process.env };
  for (const key of OUTSIDE_SETTINGS) delete base[key];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(REPO_ROOT, 'bin', 'selfeval.js'), ...args],
      { cwd: REPO_ROOT, maxBuffer: 32 * 1024 * 1024, env: { ...base, SELFEVAL_DATA_DIR: dataDir, NO_COLOR: '1', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ).stdin!.end('');
  });
}
