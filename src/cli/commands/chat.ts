import { createInterface } from 'node:readline';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { READABLE_LIST } from '../../document/read-document.js';
import type { Reply, TurnHandler } from '../../assistant/turn.js';
import type { OpenedAssistant } from '../../assistant/open-assistant.js';
import { terminalText, userMessages, wantsColor, withCliAssistant } from '../assistant-cli.js';
import { renderTables, replyParts } from '../../channels/reply-parts.js';

/** The team-written example report the chat opens on when no --report is given. */
export const EXAMPLE_REPORT_PATH = fileURLToPath(new URL('../../../knowledge/examples/示例县数据服务中心-2024-自评报告.txt', import.meta.url));

const SEVERITY = { error: '错误', warning: '警告', info: '提示' } as const;

/** A reply as terminal text: the answer (Markdown rendered, never raw `**`), notes, and the sources quoted. */
export function renderReply(reply: Reply, options: { color?: boolean } = { color: wantsColor() }): string {
  const parts = [terminalText(renderTables(reply.text, 'aligned').replace(/^```$/gmu, ''), options)];
  if (reply.details) parts.push('（输入「详情」查看完整说明）');
  const listed = replyParts(reply);
  if (listed.findings.length > 0) {
    const lines = listed.findings.map((f) => `  • ${f.severity} ${f.place}：${f.message}`);
    if (listed.moreFindings > 0) lines.push(`  ……另有 ${listed.moreFindings} 条`);
    parts.push(`检查发现：\n${lines.join('\n')}`);
  }
  for (const note of reply.notes) parts.push(`注意：${note}`);
  if (reply.citations.length > 0) {
    const sources = reply.citations.map((c, i) => `  [${i + 1}] ${c.source}${c.place ? ` ${c.place}` : c.line === undefined ? '' : ` 第 ${c.line} 行`}：${shorten(terminalText(c.quote), 90)}`);
    parts.push(`来源：\n${sources.join('\n')}`);
  }
  if (reply.mode === 'llm') parts.push('（模型回答，数字已核对）');
  return parts.join('\n\n');
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/gu, ' ');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

const WELCOME_HELP = '输入问题直接提问；命令：/load 文件、/check、/draft 存在问题、/reset、/help、/quit。';

interface ChatOptions {
  report?: string;
  scope: string;
}

export function registerChat(program: Command): void {
  program
    .command('chat')
    .description('在终端里和助手对话（默认打开内置示例报告）')
    .option('-r, --report <文件>', `先加载这份自评报告（${READABLE_LIST}）`)
    .option('-s, --scope <范围>', '除公共知识外，还检索这个范围（部门或工作区）的资料', 'public')
    .helpOption('-h, --help', '显示帮助')
    .addHelpText('after', [
      '',
      '命令：/load 文件（加载报告）、/check（检查）、/draft 存在问题（起草章节）、/reset（清空对话）、/help、/quit。',
      '首次运行会先建好内置知识库（显示进度），以后直接复用。标准输入不是终端时逐行读取直到结束，便于脚本调用：',
      "  printf '总分99分对吗\\n/draft 存在问题\\n/quit\\n' | selfeval chat",
    ].join('\n'))
    .action(async (options: ChatOptions) => {
      process.exitCode = await runChat(options);
    });
}

async function runChat(options: ChatOptions): Promise<number> {
  if (options.report && !existsSync(options.report)) {
    process.stderr.write(`找不到报告文件：${options.report}。\n`);
    return 2;
  }
  return withCliAssistant('store', '首次运行，正在建立内置知识库', async (opened) => {
    const thread = `cli:${randomUUID()}`;
    const say = (text: string) => process.stdout.write(`${text}\n\n`);
    const intro = await loadInitialReport(opened, thread, options, say);
    if (intro === 'failed') return 2;
    say(`${opened.llm ? `已连接模型 ${opened.llm.model}。` : '未配置模型，使用离线模式（回答来自检查结果、报告和知识库）。'}${WELCOME_HELP}`);
    await repl(opened.assistant, thread, options.scope, say);
    return 0;
  });
}

/** --report, else the bundled example; tells the user how to load their own. */
async function loadInitialReport(opened: OpenedAssistant, thread: string, options: ChatOptions, say: (t: string) => void): Promise<'ok' | 'failed'> {
  const path = options.report ?? (existsSync(EXAMPLE_REPORT_PATH) ? EXAMPLE_REPORT_PATH : null);
  if (!path) {
    say('还没有加载报告。用 /load 文件路径 加载你的自评报告，或启动时加 --report 文件。');
    return 'ok';
  }
  const { readReportFile } = await import('../../report/parse-report.js');
  const parsed = await readReportFile(path);
  if (!parsed.ok) {
    if (options.report) {
      process.stderr.write(`${parsed.problems[0]?.message ?? `无法读取 ${path}。`}\n`);
      return 'failed';
    }
    say('内置示例报告无法读取，请用 /load 文件路径 加载你的自评报告。');
    return 'ok';
  }
  const reply = await opened.assistant.handle({
    text: '',
    user: 'cli',
    scope: options.scope,
    thread,
    attachments: [{ name: basename(path), bytes: await readFile(path) }],
  });
  say(renderReply(reply));
  if (!options.report) say('当前打开的是团队编写的示例报告。加载你自己的报告：/load 文件路径（或启动时用 selfeval chat --report 文件）。');
  return 'ok';
}

async function repl(assistant: TurnHandler, thread: string, scope: string, say: (t: string) => void): Promise<void> {
  const tty = Boolean(process.stdin.isTTY);
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: tty, prompt: '你> ' });
  rl.on('SIGINT', () => rl.close()); // Ctrl+C ends the chat like /quit
  if (tty) process.stdout.write('\u001b[?2004h'); // bracketed paste: a pasted paragraph arrives as one message
  if (tty) rl.prompt();
  for await (const raw of userMessages(rl, tty)) {
    const line = raw.trim();
    if (!tty && line) process.stdout.write(`你> ${line}\n`);
    if (line === '') {
      if (tty) rl.prompt();
      continue;
    }
    if (line === '/quit' || line === '/exit' || line === '/q') break;
    try {
      const load = /^\/load\s+(.+)$/u.exec(line);
      const turn = load
        ? await loadTurn(load[1]!.trim(), thread, scope)
        : { text: line, user: 'cli', scope, thread, attachments: [], channel: 'terminal' as const, onProgress: (notice: string) => say(notice) };
      if (typeof turn === 'string') say(turn);
      else {
        const reply = await assistant.handle(turn);
        say(renderReply(reply));
        for (const file of reply.files ?? []) say(`已保存：${saveFile(file.name, file.bytes)}`);
      }
    } catch (error) {
      say(`出错了：${error instanceof Error ? error.message : String(error)}`);
    }
    if (tty) rl.prompt();
  }
  rl.close();
  if (tty) process.stdout.write('\u001b[?2004l');
  say('再见。');
}

/** A file the assistant sent (a Word draft, an annotated copy): saved in the current folder, never over another file. */
function saveFile(name: string, bytes: Uint8Array): string {
  const safe = basename(name).replace(/[\\/:*?"<>|\u0000-\u001f]/gu, '_') || 'selfeval.docx';
  const dot = safe.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [safe.slice(0, dot), safe.slice(dot)] : [safe, ''];
  let path = resolve(safe);
  for (let i = 2; existsSync(path); i += 1) path = resolve(`${stem}（${i}）${ext}`);
  writeFileSync(path, bytes);
  return path;
}

async function loadTurn(path: string, thread: string, scope: string) {
  const file = resolve(path.replace(/^["']|["']$/gu, ''));
  if (!existsSync(file)) return `找不到文件：${file}。`;
  return { text: '', user: 'cli', scope, thread, attachments: [{ name: basename(file), bytes: await readFile(file) }], channel: 'terminal' as const };
}
