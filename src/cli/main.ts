import { Command, CommanderError } from 'commander';
import { registerCheck } from './commands/check.js';
import { registerIngest } from './commands/ingest.js';
import { registerSearch } from './commands/search.js';
import { registerKb } from './commands/kb.js';
import { registerAsk } from './commands/ask.js';
import { registerDraft } from './commands/draft.js';
import { registerChat } from './commands/chat.js';
import { registerServe } from './commands/serve.js';

/** Build the `selfeval` program. Each command lives in commands/<name>.ts and sets process.exitCode itself. */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('selfeval')
    .description('部门整体支出绩效自评报告助手：检查报告数字、检索评分规则、起草章节')
    .helpOption('-h, --help', '显示帮助')
    .addHelpCommand('help [command]', '显示某个命令的帮助')
    .showHelpAfterError('（用 --help 查看用法）')
    .exitOverride();
  registerCheck(program);
  registerIngest(program);
  registerSearch(program);
  registerKb(program);
  registerAsk(program);
  registerDraft(program);
  registerChat(program);
  registerServe(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`出错了：${message}\n`);
    return 2;
  }
}
