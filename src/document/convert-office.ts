import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findProgram } from './find-program.js';
import { MAX_REPORT_BYTES } from './problems.js';

/** Old and Kingsoft office formats LibreOffice turns into the OOXML our readers take. */
export type LegacyFormat = 'doc' | 'wps' | 'xls' | 'et';

export const CONVERTED_TO: Record<LegacyFormat, 'docx' | 'xlsx'> = { doc: 'docx', wps: 'docx', xls: 'xlsx', et: 'xlsx' };

/** How long one conversion may run before it is stopped (a cold LibreOffice start takes 3–5 s). */
const CONVERT_TIMEOUT_MS = 90_000;

export type Conversion =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: 'missing' | 'failed' | 'timeout' | 'too-large' };

/** The LibreOffice binary: $SELFEVAL_SOFFICE, else `soffice` or `libreoffice` on the PATH; null when none. */
export async function findSoffice(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  return env.SELFEVAL_SOFFICE || findProgram('soffice', 'libreoffice');
}

function run(command: string, args: readonly string[], timeoutMs: number): Promise<'ok' | 'failed' | 'timeout'> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL'); // LibreOffice forks: end its whole group
      } catch {
        // already gone
      }
      resolve('timeout');
    }, timeoutMs);
    child.on('error', () => {
      clearTimeout(timer);
      resolve('failed');
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? 'ok' : 'failed');
    });
  });
}

/**
 * Convert a .doc/.wps (→ .docx) or .xls/.et (→ .xlsx) with headless LibreOffice, in a private temporary folder with its
 * own user profile (so it neither touches nor waits for a desktop LibreOffice), under a time limit; the result must
 * stay within the report size limit (the OOXML readers then apply their own decompression limits). The folder is
 * removed afterwards whatever happens.
 */
export async function convertWithLibreOffice(format: LegacyFormat, bytes: Uint8Array, timeoutMs = CONVERT_TIMEOUT_MS): Promise<Conversion> {
  const soffice = await findSoffice();
  if (!soffice) return { ok: false, reason: 'missing' };
  const dir = await mkdtemp(join(tmpdir(), 'selfeval-convert-'));
  try {
    const input = join(dir, `input.${format}`);
    const out = join(dir, 'out');
    await writeFile(input, bytes);
    const target = CONVERTED_TO[format];
    const status = await run(soffice, [
      `-env:UserInstallation=file://${join(dir, 'profile')}`,
      '--headless', '--norestore', '--nolockcheck', '--nodefault',
      '--convert-to', target, '--outdir', out, input,
    ], timeoutMs);
    if (status !== 'ok') return { ok: false, reason: status };
    const produced = (await readdir(out).catch(() => [] as string[])).find((f) => f.endsWith(`.${target}`));
    if (!produced) return { ok: false, reason: 'failed' };
    const converted = new Uint8Array(await readFile(join(out, produced)));
    if (converted.length > MAX_REPORT_BYTES) return { ok: false, reason: 'too-large' };
    return { ok: true, bytes: converted };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
