import type { Command } from 'commander';
import { READABLE_LIST } from '../../document/read-document.js';
import { acceptTextOrJson, readReportOrExplain, withCliAssistant } from '../assistant-cli.js';
import { renderReply } from './chat.js';

interface AskOptions {
  report?: string;
  format: string;
  scope: string;
}

export function registerAsk(program: Command): void {
  program
    .command('ask')
    .description('提一个问题：报告里的数字、占比和增减、某一块得分、哪里前后不一致、怎样拿满分、评分规则怎么算……（不配置模型也能回答）')
    .argument('<问题>', '例如 "三公经费是多少"、"哪些指标没满分"、"结转结余率怎么算"')
    .option('-r, --report <文件>', `要分析的自评报告（${READABLE_LIST}）`)
    .option('-f, --format <格式>', '输出格式：text 或 json', 'text')
    .option('-s, --scope <范围>', '除公共知识外，还检索这个范围（部门或工作区）的资料', 'public')
    .helpOption('-h, --help', '显示帮助')
    .addHelpText('after', [
      '',
      '没有配置模型（CHAT_MODEL）时用离线方式回答：用报告自己的说法（指标名、数字所说的事、章节标题）理解问题，',
      '根据报告原文、检查结果和知识库组织答案，先给结论和数字，再给出处（行号和原句）。',
      '回答中的每个数字都经过核对，找不到出处的数字不会作为事实给出。',
      '',
      '示例：',
      '  selfeval ask "三公经费是多少" --report 自评报告.txt',
      '  selfeval ask "基本支出占总支出的比例是多少" --report 自评报告.txt',
      '  selfeval ask "明年怎么才能拿满分" --report 自评报告.txt',
      '  selfeval ask "政府采购执行率怎么算" --format json',
    ].join('\n'))
    .action(async (question: string, options: AskOptions) => {
      process.exitCode = await runAsk(question, options);
    });
}

async function runAsk(question: string, options: AskOptions): Promise<number> {
  if (question.trim() === '') {
    process.stderr.write('问题不能为空。\n');
    return 2;
  }
  if (!acceptTextOrJson(options.format)) return 2;
  const report = options.report ? await readReportOrExplain(options.report) : null;
  if (options.report && !report) return 2;
  return withCliAssistant('volatile', '准备内置知识库', async (opened) => {
    const thread = 'cli:ask';
    if (report) await opened.memory.setReport(thread, options.report!, report);
    const reply = await opened.assistant.handle({ text: question, user: 'cli', scope: options.scope, thread, attachments: [] });
    // One question, one answer: there is no next turn to say 详情 in, so the whole answer is given.
    if (options.format === 'json') {
      const json = { answer: reply.text, ...(reply.details ? { details: reply.details } : {}), citations: reply.citations, findings: reply.findings, mode: reply.mode, notes: reply.notes };
      process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    } else {
      const { details, ...rest } = reply;
      process.stdout.write(`${renderReply(details ? { ...rest, text: details } : rest)}\n`);
    }
    return 0;
  });
}
