import { Command, CommanderError } from 'commander';
import { useChineseOutput } from './chinese-help.js';

type Register = (program: Command) => void;

/**
 * Every command, loaded on demand: a run loads only the module of the command it names (so `check` never touches
 * LangChain, Bolt or the store). Listing all commands (`--help`, no command, an unknown one) loads every command
 * module, which is cheap because each keeps its heavy imports inside its action.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  check: async () => (await import('./commands/check.js')).registerCheck,
  ingest: async () => (await import('./commands/ingest.js')).registerIngest,
  search: async () => (await import('./commands/search.js')).registerSearch,
  kb: async () => (await import('./commands/kb.js')).registerKb,
  ask: async () => (await import('./commands/ask.js')).registerAsk,
  draft: async () => (await import('./commands/draft.js')).registerDraft,
  template: async () => (await import('./commands/template.js')).registerTemplate,
  figures: async () => (await import('./commands/figures.js')).registerFigures,
  rubric: async () => (await import('./commands/rubric.js')).registerRubric,
  chat: async () => (await import('./commands/chat.js')).registerChat,
  serve: async () => (await import('./commands/serve.js')).registerServe,
  read: async () => (await import('./commands/read.js')).registerRead,
  feedback: async () => (await import('./commands/feedback.js')).registerFeedback,
};

/** The commands a run needs: the one named on the command line (also after `help`), or all of them. */
export function commandsFor(argv: readonly string[]): string[] {
  const args = argv.slice(2);
  const named = args[0] === 'help' ? args[1] : args[0];
  return named !== undefined && Object.hasOwn(COMMANDS, named) ? [named] : Object.keys(COMMANDS);
}

/** Build the `selfeval` program with the commands `argv` needs (default: all). Each sets process.exitCode itself. */
export async function buildProgram(argv?: readonly string[]): Promise<Command> {
  const program = useChineseOutput(new Command());
  program
    .name('selfeval')
    .description('部门整体支出绩效自评报告助手：检查报告数字、检索评分规则、起草章节')
    .helpOption('-h, --help', '显示帮助')
    .addHelpCommand('help [命令]', '显示某个命令的帮助')
    .showHelpAfterError('（用 --help 查看用法）')
    .exitOverride();
  const names = argv ? commandsFor(argv) : Object.keys(COMMANDS);
  const registers = await Promise.all(names.map((name) => COMMANDS[name]!()));
  for (const register of registers) register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram(argv);
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
