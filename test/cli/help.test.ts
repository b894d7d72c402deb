import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/cli/display-width.ts';
import { chineseError, wrapColumns } from '../../src/cli/chinese-help.ts';
import { commandsFor } from '../../src/cli/main.ts';

const BIN = fileURLToPath(new URL('../../bin/selfeval.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

/** Display column where the description of each item line starts (after the term and at least two spaces). */
function descriptionColumns(help: string, section: string): number[] {
  const lines = help.split('\n');
  const start = lines.indexOf(section);
  const columns: number[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') break;
    const item = /^( {2}\S(?:.*?\S)?) {2,}(?=\S)/u.exec(line);
    if (item) columns.push(displayWidth(line.slice(0, item[0].length)));
  }
  return columns;
}

describe('selfeval help and usage errors in Chinese', () => {
  it('--help has Chinese titles, placeholders and defaults, and no English commander text', () => {
    for (const args of [['--help'], ['search', '--help'], ['check', '--help'], ['help', 'ask'], ['kb', '--help']]) {
      const result = run(...args);
      expect(result.status, args.join(' ')).toBe(0);
      expect(result.stdout).toMatch(/^用法：selfeval/u);
      expect(result.stdout).not.toMatch(/Usage:|Options:|Commands:|Arguments:|\(default:|\[options\]|\[command\]|display help/u);
    }
    expect(run('search', '--help').stdout).toMatch(/（默认：5）/u);
  });

  it('aligns descriptions by terminal columns (汉字 are two wide)', () => {
    const top = run('--help').stdout;
    const commands = descriptionColumns(top, '命令：');
    expect(commands.length).toBeGreaterThanOrEqual(8);
    expect(new Set(commands).size).toBe(1);
    const search = run('search', '--help').stdout;
    const options = descriptionColumns(search, '选项：');
    expect(options.length).toBeGreaterThanOrEqual(4);
    expect(new Set(options).size).toBe(1);
    for (const line of top.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
  });

  it('an unknown command, option or missing argument is explained in Chinese, with a suggestion, exit 2', () => {
    const unknown = run('chekc', 'x.txt');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('错误：没有“chekc”这个命令。');
    expect(unknown.stderr).toContain('你是不是想用：check？');
    expect(unknown.stderr).not.toMatch(/error:|Did you mean/u);
    const option = run('check', '--bogus');
    expect(option.status).toBe(2);
    expect(option.stderr).toContain('错误：不认识的选项“--bogus”。');
    const missing = run('search');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('错误：缺少参数 问题。');
    const extra = run('check', 'a.txt', 'b.txt');
    expect(extra.stderr).toMatch(/错误：参数太多（check 命令最多接受 1 个，实际给了 2 个）/u);
  });

  it('translates the remaining commander messages and keeps unknown ones', () => {
    expect(chineseError("error: option '-k, --k <条数>' argument missing")).toBe('错误：选项 -k, --k <条数> 后面缺少取值。\n');
    expect(chineseError("error: unknown command 'serv'\n(Did you mean one of serve, search?)")).toBe('错误：没有“serv”这个命令。\n你是不是想用：serve、search？\n');
    expect(chineseError('something else')).toBe('something else\n');
  });

  it('wraps Chinese text between characters, never past the width, keeping closing punctuation on its line', () => {
    const text = '检查自评报告中的数字：得分与分值、分值与总分、增减幅度、比率、前后一致性（.txt .md .docx）';
    const lines = wrapColumns(text, 20).split('\n');
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.join('').replace(/\s/gu, '')).toBe(text.replace(/\s/gu, ''));
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(20);
    for (const line of lines.slice(1)) expect(line).not.toMatch(/^[，。、；：）]/u);
  });

  it('loads only the command a run names', () => {
    expect(commandsFor(['node', 'selfeval', 'check', 'a.txt'])).toEqual(['check']);
    expect(commandsFor(['node', 'selfeval', 'help', 'serve'])).toEqual(['serve']);
    expect(commandsFor(['node', 'selfeval', '--help']).length).toBeGreaterThanOrEqual(8);
    expect(commandsFor(['node', 'selfeval', 'chekc']).length).toBeGreaterThanOrEqual(8);
  });
});
