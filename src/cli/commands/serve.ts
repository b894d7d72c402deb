import type { Command } from 'commander';

// Placeholder: the 'serve' command is registered but not built yet.
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('（尚未实现）')
    .action(() => {
      process.stderr.write('该命令尚未实现。\n');
      process.exitCode = 2;
    });
}
