import type { Command } from 'commander';

// Placeholder: the 'ask' command is registered but not built yet.
export function registerAsk(program: Command): void {
  program
    .command('ask')
    .description('（尚未实现）')
    .action(() => {
      process.stderr.write('该命令尚未实现。\n');
      process.exitCode = 2;
    });
}
