import type { Command } from 'commander';

// Placeholder: the 'kb' command is registered but not built yet.
export function registerKb(program: Command): void {
  program
    .command('kb')
    .description('（尚未实现）')
    .action(() => {
      process.stderr.write('该命令尚未实现。\n');
      process.exitCode = 2;
    });
}
