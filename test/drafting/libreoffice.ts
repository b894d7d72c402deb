import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The LibreOffice binary, or null (then the validity tests skip and say why). Debian: apt-get install libreoffice-writer-nogui. */
export function findSoffice(): string | null {
  for (const name of ['soffice', 'libreoffice']) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim() || null;
    } catch {
      // not on PATH
    }
  }
  return null;
}

export const SOFFICE = findSoffice();
export const SOFFICE_MISSING = 'LibreOffice（soffice）未安装，跳过 Word 文件有效性测试：apt-get install libreoffice-writer-nogui';

/** Convert a file with LibreOffice headless (its own profile, so parallel runs do not collide); the output path or null. */
export function convertWithSoffice(file: string, to: 'pdf' | 'fodt'): Promise<string | null> {
  const outDir = mkdtempSync(join(tmpdir(), 'selfeval-soffice-'));
  const profile = pathToFileURL(mkdtempSync(join(tmpdir(), 'selfeval-soffice-profile-'))).href;
  return new Promise((resolve) => {
    execFile(SOFFICE!, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', to, '--outdir', outDir, file], { timeout: 120_000 }, () => {
      const out = join(outDir, basename(file).replace(/\.[^.]+$/u, `.${to}`));
      resolve(existsSync(out) ? out : null);
    });
  });
}
