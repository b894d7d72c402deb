import type { Command } from 'commander';
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
    .description('提一个问题：为什么扣分、总分对不对、评分规则怎么算……（不配置模型也能回答）')
    .argument('<问题>', '例如 "为什么扣了2分"、"结转结余率怎么算"')
    .option('-r, --report <文件>', '要分析的自评报告（.txt .md .docx .pdf .xlsx）')
    .option('-f, --format <格式>', '输出格式：text 或 json', 'text')
    .option('-s, --scope <范围>', '除公共知识外，还检索这个范围（部门或工作区）的资料', 'public')
    .helpOption('-h, --help', '显示帮助')
    .addHelpText('after', [
      '',
      '没有配置模型（CHAT_MODEL）时用离线方式回答：根据检查结果、报告本身和知识库组织答案，并给出出处。',
      '回答中的每个数字都经过核对，找不到出处的数字不会作为事实给出。',
      '',
      '示例：',
      '  selfeval ask "为什么扣了2分" --report 自评报告.txt',
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
    if (options.format === 'json') {
      const json = { answer: reply.text, citations: reply.citations, findings: reply.findings, mode: reply.mode, notes: reply.notes };
      process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    } else {
      process.stdout.write(`${renderReply(reply)}\n`);
    }
    return 0;
  });
}
