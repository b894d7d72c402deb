import type { Command } from 'commander';

// Placeholder: the 'check' command is registered but not built yet.
export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('（尚未实现）')
    .action(() => {
      process.stderr.write('该命令尚未实现。\n');
      process.exitCode = 2;
    });
}
