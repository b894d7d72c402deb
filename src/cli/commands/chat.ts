import type { Command } from 'commander';

// Placeholder: the 'chat' command is registered but not built yet.
export function registerChat(program: Command): void {
  program
    .command('chat')
    .description('（尚未实现）')
    .action(() => {
      process.stderr.write('该命令尚未实现。\n');
      process.exitCode = 2;
    });
}
