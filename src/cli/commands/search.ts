import type { Command } from 'commander';
import type { Citation } from '../../model/index.js';
import type { SearchMode } from '../../knowledge/knowledge-base.js';
import { progressReporter, withKnowledgeBase } from '../knowledge-cli.js';

interface SearchCommandOptions {
  k: string;
  scope?: string;
  format: string;
}

const MODE_TEXT: Record<SearchMode, string> = { keyword: '关键词', hybrid: '关键词 + 向量（混合）', vector: '向量' };

function lineRange(citation: Citation): string {
  if (citation.lineStart === undefined) return '';
  const end = citation.lineEnd !== undefined && citation.lineEnd !== citation.lineStart ? `–${citation.lineEnd}` : '';
  return ` 第 ${citation.lineStart}${end} 行`;
}

function renderText(results: Citation[], mode: SearchMode): string {
  if (results.length === 0) return `没有找到相关内容（检索方式：${MODE_TEXT[mode]}）。\n`;
  const blocks = results.map((c, i) => {
    const where = [c.title, ...c.sectionPath].join(' › ');
    const quote = c.text.split('\n').map((line) => `   ${line}`).join('\n');
    return `${i + 1}. ${where}\n   来源：${c.source}${lineRange(c)}（范围 ${c.scope}，相关度 ${c.score}）\n${quote}`;
  });
  return `${blocks.join('\n\n')}\n\n检索方式：${MODE_TEXT[mode]}\n`;
}

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('在知识库中检索评分规则、写作要求和已入库的报告，列出出处')
    .argument('<问题>', '要查的问题，例如 "政府采购执行率怎么算"')
    .option('-k, --k <条数>', '返回几条结果（1–50）', '5')
    .option('-s, --scope <范围>', '除公共知识外，还检索这个范围（部门或工作区）的资料')
    .option('-f, --format <格式>', '输出格式：text 或 json', 'text')
    .helpOption('-h, --help', '显示帮助')
    .addHelpText('after', [
      '',
      '首次运行时会先把内置知识（knowledge/ 文件夹）建成知识库，以后直接复用。',
      '未配置向量模型（EMBEDDING_MODEL）时只用关键词检索，输出中会注明检索方式。',
      '',
      '示例：',
      '  selfeval search "政府采购执行率怎么算"',
      '  selfeval search "乐昌 政府采购 预算" --scope lechang --format json',
    ].join('\n'))
    .action(async (query: string, options: SearchCommandOptions) => {
      const k = Number(options.k);
      if (!Number.isInteger(k) || k < 1 || k > 50) {
        process.stderr.write('--k 必须是 1 到 50 之间的整数。\n');
        process.exitCode = 2;
        return;
      }
      if (options.format !== 'text' && options.format !== 'json') {
        process.stderr.write(`不支持输出格式“${options.format}”，可用：text、json。\n`);
        process.exitCode = 2;
        return;
      }
      process.exitCode = await withKnowledgeBase(async (kb) => {
        const progress = progressReporter('准备内置知识库', { quietWhenUnchanged: true });
        const bundled = await kb.ensureBundled(progress.onProgress);
        progress.stop();
        for (const notice of bundled.notices) process.stderr.write(`${notice}\n`);
        const { results, mode, notice } = await kb.search(query, { scope: options.scope, k });
        if (notice) process.stderr.write(`${notice}\n`);
        if (options.format === 'json') {
          const json = results.map((c) => ({
            chunkId: c.chunkId, source: c.source, title: c.title, sectionPath: c.sectionPath, text: c.text, score: c.score,
            lineStart: c.lineStart ?? null, lineEnd: c.lineEnd ?? null, scope: c.scope,
          }));
          process.stdout.write(`${JSON.stringify({ results: json, mode }, null, 2)}\n`);
        } else {
          process.stdout.write(renderText(results, mode));
        }
        return 0;
      });
    });
}
