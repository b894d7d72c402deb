import type { Command } from 'commander';
import { withKnowledgeBase } from '../knowledge-cli.js';

const KIND_TEXT = { guide: '指南', report: '报告', document: '文档' } as const;

export function registerKb(program: Command): void {
  const kb = program
    .command('kb')
    .description('管理知识库：列出或删除已入库的文档')
    .helpOption('-h, --help', '显示帮助')
    .addHelpCommand('help [command]', '显示子命令的帮助');

  kb.command('list')
    .description('列出已入库的文档')
    .option('-s, --scope <范围>', '只列出这个范围的文档')
    .helpOption('-h, --help', '显示帮助')
    .action(async (options: { scope?: string }) => {
      process.exitCode = await withKnowledgeBase(async (base) => {
        const documents = await base.list(options.scope);
        if (documents.length === 0) {
          process.stdout.write(options.scope ? `范围 ${options.scope} 中没有文档。\n` : '知识库是空的。\n');
          return 0;
        }
        const lines = documents.map(
          (d) => `${d.id}\t${d.scope}\t${KIND_TEXT[d.kind]}\t${d.chunkCount} 段\t${d.source}\t${d.title}`,
        );
        process.stdout.write(`编号\t范围\t类型\t段数\t来源\t标题\n${lines.join('\n')}\n共 ${documents.length} 个文档。\n`);
        return 0;
      });
    });

  kb.command('remove')
    .description('从知识库删除文档（按编号、来源路径或入库时的文件路径）')
    .argument('<文档>', '文档编号（见 kb list）、来源路径（如 guides/术语表.md）或文件路径')
    .option('-s, --scope <范围>', '只删除这个范围中的文档')
    .helpOption('-h, --help', '显示帮助')
    .action(async (ref: string, options: { scope?: string }) => {
      process.exitCode = await withKnowledgeBase(async (base) => {
        const removed = await base.remove(ref, { scope: options.scope });
        if (removed.length === 0) {
          process.stderr.write(`知识库中没有找到“${ref}”。用 selfeval kb list 查看已入库的文档。\n`);
          return 1;
        }
        for (const d of removed) process.stdout.write(`已删除：${d.source}（范围 ${d.scope}，${d.chunkCount} 段）\n`);
        return 0;
      });
    });
}
