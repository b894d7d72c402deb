import type { Command } from 'commander';

// Placeholder: the 'ingest' command is registered but not built yet.
export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('（尚未实现）')
    .action(() => {
      process.stderr.write('该命令尚未实现。\n');
      process.exitCode = 2;
    });
}
