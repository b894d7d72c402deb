import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, SAMPLE_REPORT_PATH } from '../helpers/sample-report.ts';
import { createTestDataDir } from '../helpers/test-database.ts';
import { CONVERSATION, STEPS, type Exchange } from './conversation-script.ts';

/**
 * The same conversation in the terminal: `selfeval chat --report <sample>` as a user runs it (the real command, its
 * own PGlite data directory, offline), questions on standard input. Each answer is the output between the echoed
 * questions; a file the assistant sends is saved in the working folder and read back.
 */
let dataDir: string;
let workDir: string;

beforeAll(async () => {
  dataDir = await createTestDataDir();
  workDir = mkdtempSync(join(tmpdir(), 'selfeval-chat-'));
}, 240_000);
afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

function chat(input: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env };
  for (const key of ['DATABASE_URL', 'EMBEDDING_MODEL', 'EMBEDDING_DIMENSIONS', 'CHAT_MODEL', 'OPENAI_BASE_URL', 'OPENAI_API_KEY']) delete env[key];
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [join(REPO_ROOT, 'bin', 'selfeval.js'), 'chat', '--report', SAMPLE_REPORT_PATH],
      { cwd: workDir, env: { ...env, SELFEVAL_DATA_DIR: dataDir, NO_COLOR: '1' }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin!.end(input);
  });
}

/** An answer's text and the files it saved ("已保存：path"). */
function exchangeOf(segment: string): Exchange {
  const files = [...segment.matchAll(/^已保存：(.+)$/gmu)].map((m) => ({ name: m[1]!.trim(), bytes: new Uint8Array(readFileSync(m[1]!.trim())) }));
  return { text: segment.replace(/^已保存：.+$/gmu, '').trim(), files };
}

describe('a scripted conversation in the terminal (selfeval chat)', { timeout: 240_000 }, () => {
  it('answers every step on its subject, like the chat channels', async () => {
    const run = await chat(`${STEPS.join('\n')}\n/quit\n`);
    expect(run.code, run.stderr).toBe(0);
    const segments = run.stdout.split(/^你> .*$/mu); // the intro, one answer per step, then what /quit printed
    expect(segments.length).toBe(STEPS.length + 2);
    const [intro, ...answers] = segments.slice(0, -1);
    await CONVERSATION.check(exchangeOf(intro!), answers.map(exchangeOf), { terminal: true });
  });
});
