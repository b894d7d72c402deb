import type { Command } from 'commander';

// Placeholder: the 'draft' command is registered but not built yet.
export function registerDraft(program: Command): void {
  program
    .command('draft')
    .description('（尚未实现）')
    .action(() => {
      process.stderr.write('该命令尚未实现。\n');
      process.exitCode = 2;
    });
}
