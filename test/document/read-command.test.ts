import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDocx } from '../helpers/document-fixtures.js';
import { REPO_ROOT } from '../helpers/sample-report.js';

/** `selfeval read` shows what the checks see; without LibreOffice a .doc is refused with how to enable it. */

function run(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(REPO_ROOT, 'bin', 'selfeval.js'), ...args], { env: { ...env, NO_COLOR: '1' }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout, err: stderr }));
  });
}

describe('selfeval read', () => {
  it('markdown: headings, paragraphs and a table (a merged cell written once); json: every block located, each cell with row/column/merged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'selfeval-read-'));
    const path = join(dir, '报告.docx');
    writeFileSync(path, await buildDocx({ blocks: [
      { heading: '一、基本情况', level: 1 },
      { paragraph: '自评得分9.5分。' },
      { table: [['一级指标', '分值', '得分'], [{ text: '投入', rowSpan: 2 }, '5', '5'], ['5', '4.5']] },
    ] }));
    const markdown = await run(['read', path]);
    expect(markdown.code).toBe(0);
    expect(markdown.out).toContain('# 一、基本情况');
    expect(markdown.out).toContain('自评得分9.5分。');
    expect(markdown.out).toContain('| 一级指标 | 分值 | 得分 |');
    expect(markdown.out).toContain('|  | 5 | 4.5 |');
    const json = await run(['read', path, '--format', 'json']);
    const parsed = JSON.parse(json.out) as { blocks: { kind: string; location: object; rows?: { row: number; column: number; text: string; merged: boolean }[][] }[] };
    expect(parsed.blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'table']);
    expect(parsed.blocks[1]!.location).toEqual({ paragraph: 2 });
    expect(parsed.blocks[2]!.rows![2]![0]).toMatchObject({ row: 3, column: 1, text: '投入', merged: true });
  }, 60_000);

  it('a .doc without LibreOffice: one Chinese sentence on how to enable it or save as .docx; a bad format option is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'selfeval-read-'));
    const path = join(dir, '报告.doc');
    writeFileSync(path, new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    const refused = await run(['read', path], { ...process.env, PATH: mkdtempSync(join(tmpdir(), 'selfeval-nopath-')), SELFEVAL_SOFFICE: '' });
    expect(refused.code).toBe(2);
    expect(refused.err.trim()).toBe('读取旧版 Word / WPS 文字（.doc）文件需要 LibreOffice：请安装（Debian/Ubuntu：apt-get install libreoffice-writer-nogui），或在 Word 或 WPS 中另存为 .docx 后再试。');
    const bad = await run(['read', path, '--format', 'yaml']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('不支持的输出格式');
  }, 60_000);
});
