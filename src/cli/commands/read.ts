import type { Command } from 'commander';

interface ReadOptions {
  format?: string;
}

const FORMATS = ['markdown', 'json'] as const;

export function registerRead(program: Command): void {
  program
    .command('read')
    .description('显示从文件中读到的内容（标题、段落、表格），即检查所依据的内容')
    .argument('<文件>', '报告或附件（.txt .md .docx .doc .wps .pdf .xlsx .xls .et .html）')
    .option('-f, --format <格式>', `输出格式：${FORMATS.join(' 或 ')}`, 'markdown')
    .helpOption('-h, --help', '显示帮助')
    .addHelpText('after', [
      '',
      'markdown：按顺序列出标题、段落和表格（合并单元格的文字只在左上格写出）；',
      'json：每个块及其位置（页、表、段、工作表），表格的每个单元格带行、列和是否被合并。',
      '',
      '示例：',
      '  selfeval read 部门决算.pdf',
      '  selfeval read 自评报告.doc --format json > 读取结果.json',
    ].join('\n'))
    .action(async (path: string, options: ReadOptions) => {
      process.exitCode = await runRead(path, options);
    });
}

async function runRead(path: string, options: ReadOptions): Promise<number> {
  const format = options.format ?? 'markdown';
  if (!(FORMATS as readonly string[]).includes(format)) {
    process.stderr.write(`不支持的输出格式“${format}”；可用：${FORMATS.join('、')}。\n`);
    return 2;
  }
  const { readFile, stat } = await import('node:fs/promises');
  const { readDocument } = await import('../../document/read-document.js');
  const { documentJson, documentMarkdown } = await import('../../document/render-document.js');
  let bytes: Uint8Array;
  try {
    if ((await stat(path)).isDirectory()) {
      process.stderr.write(`${path} 是一个文件夹，不是文件。\n`);
      return 2;
    }
    bytes = await readFile(path);
  } catch {
    process.stderr.write(`找不到或无法读取文件：${path}。\n`);
    return 2;
  }
  const read = await readDocument(path, bytes);
  if (!read.ok) {
    process.stderr.write(`${read.problem.message}\n`);
    return 2;
  }
  process.stdout.write(format === 'json' ? `${JSON.stringify(documentJson(read.document), null, 2)}\n` : documentMarkdown(read.document));
  return 0;
}
