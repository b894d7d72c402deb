import type { Command } from 'commander';

// Placeholder: the 'search' command is registered but not built yet.
export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('（尚未实现）')
    .action(() => {
      process.stderr.write('该命令尚未实现。\n');
      process.exitCode = 2;
    });
}
